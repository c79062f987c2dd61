import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "certifications" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"student_id" uuid NOT NULL,
  	"course_id" uuid NOT NULL,
  	"enrollment_id" uuid,
  	"verification_code" varchar NOT NULL,
  	"issued_at" timestamp(3) with time zone NOT NULL,
  	"student_name" varchar NOT NULL,
  	"course_title" varchar NOT NULL,
  	"educator_name" varchar,
  	"qr_code_url" varchar,
  	"pdf_id" uuid,
  	"emailed_at" timestamp(3) with time zone,
  	"revoked_at" timestamp(3) with time zone,
  	"revoked_reason" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "certificate_files" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric
  );
  
  CREATE TABLE "job_failures" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"job_name" varchar NOT NULL,
  	"queue" varchar NOT NULL,
  	"job_id" varchar,
  	"data" jsonb,
  	"error" varchar,
  	"attempts" numeric,
  	"failed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "certifications_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "certificate_files_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "job_failures_id" uuid;
  ALTER TABLE "certifications" ADD CONSTRAINT "certifications_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "certifications" ADD CONSTRAINT "certifications_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "certifications" ADD CONSTRAINT "certifications_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "certifications" ADD CONSTRAINT "certifications_pdf_id_certificate_files_id_fk" FOREIGN KEY ("pdf_id") REFERENCES "public"."certificate_files"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "certifications_student_idx" ON "certifications" USING btree ("student_id");
  CREATE INDEX "certifications_course_idx" ON "certifications" USING btree ("course_id");
  CREATE UNIQUE INDEX "certifications_enrollment_idx" ON "certifications" USING btree ("enrollment_id");
  CREATE UNIQUE INDEX "certifications_verification_code_idx" ON "certifications" USING btree ("verification_code");
  CREATE INDEX "certifications_pdf_idx" ON "certifications" USING btree ("pdf_id");
  CREATE INDEX "certifications_updated_at_idx" ON "certifications" USING btree ("updated_at");
  CREATE INDEX "certifications_created_at_idx" ON "certifications" USING btree ("created_at");
  CREATE UNIQUE INDEX "student_course_1_idx" ON "certifications" USING btree ("student_id","course_id");
  CREATE INDEX "certificate_files_updated_at_idx" ON "certificate_files" USING btree ("updated_at");
  CREATE INDEX "certificate_files_created_at_idx" ON "certificate_files" USING btree ("created_at");
  CREATE UNIQUE INDEX "certificate_files_filename_idx" ON "certificate_files" USING btree ("filename");
  CREATE INDEX "job_failures_job_name_idx" ON "job_failures" USING btree ("job_name");
  CREATE INDEX "job_failures_job_id_idx" ON "job_failures" USING btree ("job_id");
  CREATE INDEX "job_failures_failed_at_idx" ON "job_failures" USING btree ("failed_at");
  CREATE INDEX "job_failures_updated_at_idx" ON "job_failures" USING btree ("updated_at");
  CREATE INDEX "job_failures_created_at_idx" ON "job_failures" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_certifications_fk" FOREIGN KEY ("certifications_id") REFERENCES "public"."certifications"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_certificate_files_fk" FOREIGN KEY ("certificate_files_id") REFERENCES "public"."certificate_files"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_job_failures_fk" FOREIGN KEY ("job_failures_id") REFERENCES "public"."job_failures"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_certifications_id_idx" ON "payload_locked_documents_rels" USING btree ("certifications_id");
  CREATE INDEX "payload_locked_documents_rels_certificate_files_id_idx" ON "payload_locked_documents_rels" USING btree ("certificate_files_id");
  CREATE INDEX "payload_locked_documents_rels_job_failures_id_idx" ON "payload_locked_documents_rels" USING btree ("job_failures_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "certifications" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "certificate_files" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "job_failures" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "certifications" CASCADE;
  DROP TABLE "certificate_files" CASCADE;
  DROP TABLE "job_failures" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_certifications_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_certificate_files_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_job_failures_fk";
  
  DROP INDEX "payload_locked_documents_rels_certifications_id_idx";
  DROP INDEX "payload_locked_documents_rels_certificate_files_id_idx";
  DROP INDEX "payload_locked_documents_rels_job_failures_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "certifications_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "certificate_files_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "job_failures_id";`)
}
