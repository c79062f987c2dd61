import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "user_invitations" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"email" varchar NOT NULL,
  	"user_id" uuid NOT NULL,
  	"cohort_id" uuid,
  	"invited_by_id" uuid,
  	"token_hash" varchar NOT NULL,
  	"token_nonce" varchar NOT NULL,
  	"expires_at" timestamp(3) with time zone NOT NULL,
  	"accepted_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "users" ADD COLUMN "email_verified_at" timestamp(3) with time zone;
  ALTER TABLE "user_invitations" ADD CONSTRAINT "user_invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "user_invitations" ADD CONSTRAINT "user_invitations_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "user_invitations" ADD CONSTRAINT "user_invitations_invited_by_id_users_id_fk" FOREIGN KEY ("invited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "user_invitations_email_idx" ON "user_invitations" USING btree ("email");
  CREATE INDEX "user_invitations_user_idx" ON "user_invitations" USING btree ("user_id");
  CREATE INDEX "user_invitations_cohort_idx" ON "user_invitations" USING btree ("cohort_id");
  CREATE INDEX "user_invitations_invited_by_idx" ON "user_invitations" USING btree ("invited_by_id");
  CREATE UNIQUE INDEX "user_invitations_token_hash_idx" ON "user_invitations" USING btree ("token_hash");
  CREATE INDEX "user_invitations_updated_at_idx" ON "user_invitations" USING btree ("updated_at");
  CREATE INDEX "user_invitations_created_at_idx" ON "user_invitations" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "user_invitations" CASCADE;
  ALTER TABLE "users" DROP COLUMN "email_verified_at";`)
}
