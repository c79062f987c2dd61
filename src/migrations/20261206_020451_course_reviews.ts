import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "course_reviews" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"course_id" uuid NOT NULL,
  	"student_id" uuid NOT NULL,
  	"rating" numeric NOT NULL,
  	"text" varchar,
  	"hidden" boolean DEFAULT false,
  	"reply" varchar,
  	"replied_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "courses" ADD COLUMN "review_count" numeric DEFAULT 0;
  ALTER TABLE "courses" ADD COLUMN "rating_sum" numeric DEFAULT 0;
  ALTER TABLE "_courses_v" ADD COLUMN "version_review_count" numeric DEFAULT 0;
  ALTER TABLE "_courses_v" ADD COLUMN "version_rating_sum" numeric DEFAULT 0;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "course_reviews_id" uuid;
  ALTER TABLE "course_reviews" ADD CONSTRAINT "course_reviews_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "course_reviews" ADD CONSTRAINT "course_reviews_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "course_reviews_course_idx" ON "course_reviews" USING btree ("course_id");
  CREATE INDEX "course_reviews_student_idx" ON "course_reviews" USING btree ("student_id");
  CREATE INDEX "course_reviews_hidden_idx" ON "course_reviews" USING btree ("hidden");
  CREATE INDEX "course_reviews_updated_at_idx" ON "course_reviews" USING btree ("updated_at");
  CREATE INDEX "course_reviews_created_at_idx" ON "course_reviews" USING btree ("created_at");
  CREATE UNIQUE INDEX "course_student_idx" ON "course_reviews" USING btree ("course_id","student_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_course_reviews_fk" FOREIGN KEY ("course_reviews_id") REFERENCES "public"."course_reviews"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_course_reviews_id_idx" ON "payload_locked_documents_rels" USING btree ("course_reviews_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "course_reviews" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "course_reviews" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_course_reviews_fk";
  
  DROP INDEX "payload_locked_documents_rels_course_reviews_id_idx";
  ALTER TABLE "courses" DROP COLUMN "review_count";
  ALTER TABLE "courses" DROP COLUMN "rating_sum";
  ALTER TABLE "_courses_v" DROP COLUMN "version_review_count";
  ALTER TABLE "_courses_v" DROP COLUMN "version_rating_sum";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "course_reviews_id";`)
}
