import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "enrollments" ADD COLUMN "educator_id" uuid;
  ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_educator_id_users_id_fk" FOREIGN KEY ("educator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "enrollments_educator_idx" ON "enrollments" USING btree ("educator_id");
  CREATE INDEX "educator_createdAt_idx" ON "enrollments" USING btree ("educator_id","created_at");`)
  // enrollments.educator_id is the course's educator, whoever writes the row (Payload, set-based
  // SQL, the course_id foreign key's ON DELETE SET NULL) and whenever a course changes hands.
  await db.execute(sql`
  CREATE FUNCTION "enrollments_set_educator"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW.educator_id := (SELECT "educator_id" FROM "courses" WHERE "id" = NEW.course_id);
    RETURN NEW;
  END $$;
  CREATE TRIGGER "enrollments_set_educator" BEFORE INSERT OR UPDATE OF "course_id", "educator_id"
    ON "enrollments" FOR EACH ROW EXECUTE FUNCTION "enrollments_set_educator"();
  CREATE FUNCTION "courses_educator_to_enrollments"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE "enrollments" SET "educator_id" = NEW.educator_id WHERE "course_id" = NEW.id;
    RETURN NULL;
  END $$;
  CREATE TRIGGER "courses_educator_to_enrollments" AFTER UPDATE OF "educator_id" ON "courses"
    FOR EACH ROW WHEN (OLD.educator_id IS DISTINCT FROM NEW.educator_id)
    EXECUTE FUNCTION "courses_educator_to_enrollments"();
  UPDATE "enrollments" e SET "educator_id" = c."educator_id" FROM "courses" c WHERE c."id" = e."course_id";
  ANALYZE "enrollments";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TRIGGER "courses_educator_to_enrollments" ON "courses";
  DROP FUNCTION "courses_educator_to_enrollments"();
  DROP TRIGGER "enrollments_set_educator" ON "enrollments";
  DROP FUNCTION "enrollments_set_educator"();
  ALTER TABLE "enrollments" DROP CONSTRAINT "enrollments_educator_id_users_id_fk";
  
  DROP INDEX "enrollments_educator_idx";
  DROP INDEX "educator_createdAt_idx";
  ALTER TABLE "enrollments" DROP COLUMN "educator_id";`)
}
