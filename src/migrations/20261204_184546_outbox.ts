import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_outbox_status" AS ENUM('pending', 'sent', 'failed');
  CREATE TABLE "outbox" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"job" varchar NOT NULL,
  	"key" varchar,
  	"data" jsonb NOT NULL,
  	"status" "enum_outbox_status" DEFAULT 'pending' NOT NULL,
  	"available_at" timestamp(3) with time zone,
  	"attempts" numeric DEFAULT 0 NOT NULL,
  	"last_error" varchar,
  	"sent_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE INDEX "outbox_key_idx" ON "outbox" USING btree ("key");
  CREATE INDEX "outbox_updated_at_idx" ON "outbox" USING btree ("updated_at");
  CREATE INDEX "outbox_created_at_idx" ON "outbox" USING btree ("created_at");
  CREATE INDEX "status_availableAt_idx" ON "outbox" USING btree ("status","available_at");`)
  // Wakes the relays (LISTEN outbox, src/jobs/relay.ts): Postgres delivers a notification when the
  // inserting transaction commits, and never when it rolls back.
  await db.execute(sql`
  CREATE FUNCTION "outbox_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_notify('outbox', '');
    RETURN NULL;
  END $$;
  CREATE TRIGGER "outbox_notify" AFTER INSERT ON "outbox"
    FOR EACH STATEMENT EXECUTE FUNCTION "outbox_notify"();`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "outbox" CASCADE;
  DROP TYPE "public"."enum_outbox_status";
  DROP FUNCTION "outbox_notify"();`)
}
