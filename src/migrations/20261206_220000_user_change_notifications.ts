import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// Every app process keeps the users it authenticated in memory (src/collections/Users/sessionCache.ts).
// A committed change to a user or to their sessions (a logout, a role or password change, any SQL
// by hand) is announced on the `user_changed` channel with the user ids, and every process drops
// them. One notification per statement; a statement touching more than 100 users says '*'.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE FUNCTION "notify_user_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    ids text[];
  BEGIN
    IF TG_TABLE_NAME = 'users' THEN
      SELECT array_agg(DISTINCT "id"::text) INTO ids FROM (SELECT "id" FROM "changed" LIMIT 101) c;
    ELSE
      SELECT array_agg(DISTINCT "_parent_id"::text) INTO ids
        FROM (SELECT "_parent_id" FROM "changed" LIMIT 101) c;
    END IF;
    IF ids IS NOT NULL THEN
      PERFORM pg_notify('user_changed',
        CASE WHEN cardinality(ids) > 100 THEN '*' ELSE array_to_string(ids, ',') END);
    END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER "users_updated_notify" AFTER UPDATE ON "users"
    REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "notify_user_changed"();
  CREATE TRIGGER "users_deleted_notify" AFTER DELETE ON "users"
    REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "notify_user_changed"();
  CREATE TRIGGER "users_sessions_updated_notify" AFTER UPDATE ON "users_sessions"
    REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "notify_user_changed"();
  CREATE TRIGGER "users_sessions_deleted_notify" AFTER DELETE ON "users_sessions"
    REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "notify_user_changed"();`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TRIGGER "users_updated_notify" ON "users";
  DROP TRIGGER "users_deleted_notify" ON "users";
  DROP TRIGGER "users_sessions_updated_notify" ON "users_sessions";
  DROP TRIGGER "users_sessions_deleted_notify" ON "users_sessions";
  DROP FUNCTION "notify_user_changed"();`)
}
