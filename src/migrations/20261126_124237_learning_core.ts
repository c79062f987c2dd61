import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_courses_teaching_styles" AS ENUM('visual', 'auditory', 'kinesthetic');
  CREATE TYPE "public"."enum_courses_tags" AS ENUM('funding', 'branding', 'ai', 'marketing', 'sales', 'operations', 'finance', 'leadership', 'technology', 'legal');
  CREATE TYPE "public"."enum_courses_course_type" AS ENUM('microlearning', 'deep_learning', 'digital_product');
  CREATE TYPE "public"."enum_courses_currency" AS ENUM('usd', 'eur', 'gbp', 'cad', 'mxn');
  CREATE TYPE "public"."enum_courses_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__courses_v_version_teaching_styles" AS ENUM('visual', 'auditory', 'kinesthetic');
  CREATE TYPE "public"."enum__courses_v_version_tags" AS ENUM('funding', 'branding', 'ai', 'marketing', 'sales', 'operations', 'finance', 'leadership', 'technology', 'legal');
  CREATE TYPE "public"."enum__courses_v_version_course_type" AS ENUM('microlearning', 'deep_learning', 'digital_product');
  CREATE TYPE "public"."enum__courses_v_version_currency" AS ENUM('usd', 'eur', 'gbp', 'cad', 'mxn');
  CREATE TYPE "public"."enum__courses_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum_lessons_lesson_type" AS ENUM('video', 'quiz', 'reading', 'live');
  CREATE TYPE "public"."enum_enrollments_source" AS ENUM('free', 'purchase', 'cohort', 'admin');
  CREATE TYPE "public"."enum_video_assets_captions_language" AS ENUM('en', 'es');
  CREATE TYPE "public"."enum_video_assets_status" AS ENUM('waiting', 'preparing', 'ready', 'errored');
  CREATE TABLE "courses_teaching_styles" (
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"value" "enum_courses_teaching_styles",
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL
  );
  
  CREATE TABLE "courses_tags" (
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"value" "enum_courses_tags",
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL
  );
  
  CREATE TABLE "courses" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"title" varchar,
  	"slug" varchar,
  	"educator_id" uuid,
  	"description" jsonb,
  	"course_type" "enum_courses_course_type",
  	"price" numeric DEFAULT 0,
  	"currency" "enum_courses_currency" DEFAULT 'usd',
  	"thumbnail_id" uuid,
  	"total_enrollments" numeric DEFAULT 0,
  	"average_rating" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_courses_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "courses_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"courses_id" uuid
  );
  
  CREATE TABLE "_courses_v_version_teaching_styles" (
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"value" "enum__courses_v_version_teaching_styles",
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL
  );
  
  CREATE TABLE "_courses_v_version_tags" (
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"value" "enum__courses_v_version_tags",
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL
  );
  
  CREATE TABLE "_courses_v" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"parent_id" uuid,
  	"version_title" varchar,
  	"version_slug" varchar,
  	"version_educator_id" uuid,
  	"version_description" jsonb,
  	"version_course_type" "enum__courses_v_version_course_type",
  	"version_price" numeric DEFAULT 0,
  	"version_currency" "enum__courses_v_version_currency" DEFAULT 'usd',
  	"version_thumbnail_id" uuid,
  	"version_total_enrollments" numeric DEFAULT 0,
  	"version_average_rating" numeric,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__courses_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"latest" boolean
  );
  
  CREATE TABLE "_courses_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"courses_id" uuid
  );
  
  CREATE TABLE "lessons" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"course_id" uuid NOT NULL,
  	"title" varchar NOT NULL,
  	"description" varchar,
  	"lesson_type" "enum_lessons_lesson_type" NOT NULL,
  	"content" jsonb,
  	"video_asset_id" uuid,
  	"order_index" numeric DEFAULT 0 NOT NULL,
  	"duration" numeric,
  	"available_after_days" numeric DEFAULT 0,
  	"is_free_preview" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "quizzes_questions" (
  	"_order" integer NOT NULL,
  	"_parent_id" uuid NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"question" varchar NOT NULL,
  	"correct_answer" numeric NOT NULL
  );
  
  CREATE TABLE "quizzes" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"lesson_id" uuid NOT NULL,
  	"course_id" uuid,
  	"passing_score" numeric DEFAULT 70,
  	"max_attempts" numeric DEFAULT 3,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "quizzes_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "quiz_attempts" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"quiz_id" uuid NOT NULL,
  	"student_id" uuid NOT NULL,
  	"enrollment_id" uuid NOT NULL,
  	"course_id" uuid NOT NULL,
  	"score" numeric NOT NULL,
  	"passed" boolean DEFAULT false NOT NULL,
  	"answers" jsonb NOT NULL,
  	"attempt_number" numeric NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "enrollments" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"student_id" uuid NOT NULL,
  	"course_id" uuid NOT NULL,
  	"source" "enum_enrollments_source" DEFAULT 'admin' NOT NULL,
  	"cohort_id" uuid,
  	"enrolled_at" timestamp(3) with time zone NOT NULL,
  	"completed_at" timestamp(3) with time zone,
  	"progress_percentage" numeric DEFAULT 0,
  	"last_accessed_lesson_id" uuid,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "lesson_progress" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"enrollment_id" uuid NOT NULL,
  	"lesson_id" uuid NOT NULL,
  	"student_id" uuid NOT NULL,
  	"course_id" uuid NOT NULL,
  	"completed" boolean DEFAULT false,
  	"completed_at" timestamp(3) with time zone,
  	"time_spent" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "cohorts" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"name" varchar NOT NULL,
  	"institution_id" uuid NOT NULL,
  	"description" varchar,
  	"start_date" timestamp(3) with time zone,
  	"end_date" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "cohorts_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"courses_id" uuid,
  	"users_id" uuid
  );
  
  CREATE TABLE "cohort_enrollments" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"cohort_id" uuid NOT NULL,
  	"student_id" uuid NOT NULL,
  	"educator_id" uuid,
  	"enrolled_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "video_assets_captions" (
  	"_order" integer NOT NULL,
  	"_parent_id" uuid NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"language" "enum_video_assets_captions_language",
  	"track_id" varchar,
  	"status" varchar
  );
  
  CREATE TABLE "video_assets" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"owner_id" uuid NOT NULL,
  	"mux_upload_id" varchar,
  	"mux_asset_id" varchar,
  	"playback_id" varchar,
  	"status" "enum_video_assets_status" DEFAULT 'waiting',
  	"duration" numeric,
  	"aspect_ratio" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "courses_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "lessons_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "quizzes_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "quiz_attempts_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "enrollments_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "lesson_progress_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "cohorts_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "cohort_enrollments_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "video_assets_id" uuid;
  ALTER TABLE "courses_teaching_styles" ADD CONSTRAINT "courses_teaching_styles_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "courses_tags" ADD CONSTRAINT "courses_tags_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "courses" ADD CONSTRAINT "courses_educator_id_users_id_fk" FOREIGN KEY ("educator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "courses" ADD CONSTRAINT "courses_thumbnail_id_media_id_fk" FOREIGN KEY ("thumbnail_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "courses_rels" ADD CONSTRAINT "courses_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "courses_rels" ADD CONSTRAINT "courses_rels_courses_fk" FOREIGN KEY ("courses_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_courses_v_version_teaching_styles" ADD CONSTRAINT "_courses_v_version_teaching_styles_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_courses_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_courses_v_version_tags" ADD CONSTRAINT "_courses_v_version_tags_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_courses_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_courses_v" ADD CONSTRAINT "_courses_v_parent_id_courses_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_courses_v" ADD CONSTRAINT "_courses_v_version_educator_id_users_id_fk" FOREIGN KEY ("version_educator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_courses_v" ADD CONSTRAINT "_courses_v_version_thumbnail_id_media_id_fk" FOREIGN KEY ("version_thumbnail_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_courses_v_rels" ADD CONSTRAINT "_courses_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_courses_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_courses_v_rels" ADD CONSTRAINT "_courses_v_rels_courses_fk" FOREIGN KEY ("courses_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "lessons" ADD CONSTRAINT "lessons_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "lessons" ADD CONSTRAINT "lessons_video_asset_id_video_assets_id_fk" FOREIGN KEY ("video_asset_id") REFERENCES "public"."video_assets"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "quizzes_questions" ADD CONSTRAINT "quizzes_questions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."quizzes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "quizzes" ADD CONSTRAINT "quizzes_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "quizzes" ADD CONSTRAINT "quizzes_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "quizzes_texts" ADD CONSTRAINT "quizzes_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."quizzes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_quiz_id_quizzes_id_fk" FOREIGN KEY ("quiz_id") REFERENCES "public"."quizzes"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_last_accessed_lesson_id_lessons_id_fk" FOREIGN KEY ("last_accessed_lesson_id") REFERENCES "public"."lessons"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "lesson_progress" ADD CONSTRAINT "lesson_progress_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "lesson_progress" ADD CONSTRAINT "lesson_progress_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "lesson_progress" ADD CONSTRAINT "lesson_progress_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "lesson_progress" ADD CONSTRAINT "lesson_progress_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_institution_id_users_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "cohorts_rels" ADD CONSTRAINT "cohorts_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "cohorts_rels" ADD CONSTRAINT "cohorts_rels_courses_fk" FOREIGN KEY ("courses_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "cohorts_rels" ADD CONSTRAINT "cohorts_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "cohort_enrollments" ADD CONSTRAINT "cohort_enrollments_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "cohort_enrollments" ADD CONSTRAINT "cohort_enrollments_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "cohort_enrollments" ADD CONSTRAINT "cohort_enrollments_educator_id_users_id_fk" FOREIGN KEY ("educator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "video_assets_captions" ADD CONSTRAINT "video_assets_captions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."video_assets"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "video_assets" ADD CONSTRAINT "video_assets_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "courses_teaching_styles_order_idx" ON "courses_teaching_styles" USING btree ("order");
  CREATE INDEX "courses_teaching_styles_parent_idx" ON "courses_teaching_styles" USING btree ("parent_id");
  CREATE INDEX "courses_teaching_styles_value_idx" ON "courses_teaching_styles" USING btree ("value");
  CREATE INDEX "courses_tags_order_idx" ON "courses_tags" USING btree ("order");
  CREATE INDEX "courses_tags_parent_idx" ON "courses_tags" USING btree ("parent_id");
  CREATE INDEX "courses_tags_value_idx" ON "courses_tags" USING btree ("value");
  CREATE UNIQUE INDEX "courses_slug_idx" ON "courses" USING btree ("slug");
  CREATE INDEX "courses_educator_idx" ON "courses" USING btree ("educator_id");
  CREATE INDEX "courses_course_type_idx" ON "courses" USING btree ("course_type");
  CREATE INDEX "courses_thumbnail_idx" ON "courses" USING btree ("thumbnail_id");
  CREATE INDEX "courses_total_enrollments_idx" ON "courses" USING btree ("total_enrollments");
  CREATE INDEX "courses_average_rating_idx" ON "courses" USING btree ("average_rating");
  CREATE INDEX "courses_updated_at_idx" ON "courses" USING btree ("updated_at");
  CREATE INDEX "courses_created_at_idx" ON "courses" USING btree ("created_at");
  CREATE INDEX "courses__status_idx" ON "courses" USING btree ("_status");
  CREATE INDEX "courses_rels_order_idx" ON "courses_rels" USING btree ("order");
  CREATE INDEX "courses_rels_parent_idx" ON "courses_rels" USING btree ("parent_id");
  CREATE INDEX "courses_rels_path_idx" ON "courses_rels" USING btree ("path");
  CREATE INDEX "courses_rels_courses_id_idx" ON "courses_rels" USING btree ("courses_id");
  CREATE INDEX "_courses_v_version_teaching_styles_order_idx" ON "_courses_v_version_teaching_styles" USING btree ("order");
  CREATE INDEX "_courses_v_version_teaching_styles_parent_idx" ON "_courses_v_version_teaching_styles" USING btree ("parent_id");
  CREATE INDEX "_courses_v_version_teaching_styles_value_idx" ON "_courses_v_version_teaching_styles" USING btree ("value");
  CREATE INDEX "_courses_v_version_tags_order_idx" ON "_courses_v_version_tags" USING btree ("order");
  CREATE INDEX "_courses_v_version_tags_parent_idx" ON "_courses_v_version_tags" USING btree ("parent_id");
  CREATE INDEX "_courses_v_version_tags_value_idx" ON "_courses_v_version_tags" USING btree ("value");
  CREATE INDEX "_courses_v_parent_idx" ON "_courses_v" USING btree ("parent_id");
  CREATE INDEX "_courses_v_version_version_slug_idx" ON "_courses_v" USING btree ("version_slug");
  CREATE INDEX "_courses_v_version_version_educator_idx" ON "_courses_v" USING btree ("version_educator_id");
  CREATE INDEX "_courses_v_version_version_course_type_idx" ON "_courses_v" USING btree ("version_course_type");
  CREATE INDEX "_courses_v_version_version_thumbnail_idx" ON "_courses_v" USING btree ("version_thumbnail_id");
  CREATE INDEX "_courses_v_version_version_total_enrollments_idx" ON "_courses_v" USING btree ("version_total_enrollments");
  CREATE INDEX "_courses_v_version_version_average_rating_idx" ON "_courses_v" USING btree ("version_average_rating");
  CREATE INDEX "_courses_v_version_version_updated_at_idx" ON "_courses_v" USING btree ("version_updated_at");
  CREATE INDEX "_courses_v_version_version_created_at_idx" ON "_courses_v" USING btree ("version_created_at");
  CREATE INDEX "_courses_v_version_version__status_idx" ON "_courses_v" USING btree ("version__status");
  CREATE INDEX "_courses_v_created_at_idx" ON "_courses_v" USING btree ("created_at");
  CREATE INDEX "_courses_v_updated_at_idx" ON "_courses_v" USING btree ("updated_at");
  CREATE INDEX "_courses_v_latest_idx" ON "_courses_v" USING btree ("latest");
  CREATE INDEX "_courses_v_rels_order_idx" ON "_courses_v_rels" USING btree ("order");
  CREATE INDEX "_courses_v_rels_parent_idx" ON "_courses_v_rels" USING btree ("parent_id");
  CREATE INDEX "_courses_v_rels_path_idx" ON "_courses_v_rels" USING btree ("path");
  CREATE INDEX "_courses_v_rels_courses_id_idx" ON "_courses_v_rels" USING btree ("courses_id");
  CREATE INDEX "lessons_course_idx" ON "lessons" USING btree ("course_id");
  CREATE INDEX "lessons_video_asset_idx" ON "lessons" USING btree ("video_asset_id");
  CREATE INDEX "lessons_updated_at_idx" ON "lessons" USING btree ("updated_at");
  CREATE INDEX "lessons_created_at_idx" ON "lessons" USING btree ("created_at");
  CREATE INDEX "course_orderIndex_idx" ON "lessons" USING btree ("course_id","order_index");
  CREATE INDEX "quizzes_questions_order_idx" ON "quizzes_questions" USING btree ("_order");
  CREATE INDEX "quizzes_questions_parent_id_idx" ON "quizzes_questions" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "quizzes_lesson_idx" ON "quizzes" USING btree ("lesson_id");
  CREATE INDEX "quizzes_course_idx" ON "quizzes" USING btree ("course_id");
  CREATE INDEX "quizzes_updated_at_idx" ON "quizzes" USING btree ("updated_at");
  CREATE INDEX "quizzes_created_at_idx" ON "quizzes" USING btree ("created_at");
  CREATE INDEX "quizzes_texts_order_parent" ON "quizzes_texts" USING btree ("order","parent_id");
  CREATE INDEX "quiz_attempts_quiz_idx" ON "quiz_attempts" USING btree ("quiz_id");
  CREATE INDEX "quiz_attempts_student_idx" ON "quiz_attempts" USING btree ("student_id");
  CREATE INDEX "quiz_attempts_enrollment_idx" ON "quiz_attempts" USING btree ("enrollment_id");
  CREATE INDEX "quiz_attempts_course_idx" ON "quiz_attempts" USING btree ("course_id");
  CREATE INDEX "quiz_attempts_updated_at_idx" ON "quiz_attempts" USING btree ("updated_at");
  CREATE INDEX "quiz_attempts_created_at_idx" ON "quiz_attempts" USING btree ("created_at");
  CREATE UNIQUE INDEX "quiz_student_attemptNumber_idx" ON "quiz_attempts" USING btree ("quiz_id","student_id","attempt_number");
  CREATE INDEX "enrollments_student_idx" ON "enrollments" USING btree ("student_id");
  CREATE INDEX "enrollments_course_idx" ON "enrollments" USING btree ("course_id");
  CREATE INDEX "enrollments_cohort_idx" ON "enrollments" USING btree ("cohort_id");
  CREATE INDEX "enrollments_completed_at_idx" ON "enrollments" USING btree ("completed_at");
  CREATE INDEX "enrollments_last_accessed_lesson_idx" ON "enrollments" USING btree ("last_accessed_lesson_id");
  CREATE INDEX "enrollments_updated_at_idx" ON "enrollments" USING btree ("updated_at");
  CREATE INDEX "enrollments_created_at_idx" ON "enrollments" USING btree ("created_at");
  CREATE UNIQUE INDEX "student_course_idx" ON "enrollments" USING btree ("student_id","course_id");
  CREATE INDEX "lesson_progress_enrollment_idx" ON "lesson_progress" USING btree ("enrollment_id");
  CREATE INDEX "lesson_progress_lesson_idx" ON "lesson_progress" USING btree ("lesson_id");
  CREATE INDEX "lesson_progress_student_idx" ON "lesson_progress" USING btree ("student_id");
  CREATE INDEX "lesson_progress_course_idx" ON "lesson_progress" USING btree ("course_id");
  CREATE INDEX "lesson_progress_updated_at_idx" ON "lesson_progress" USING btree ("updated_at");
  CREATE INDEX "lesson_progress_created_at_idx" ON "lesson_progress" USING btree ("created_at");
  CREATE UNIQUE INDEX "enrollment_lesson_idx" ON "lesson_progress" USING btree ("enrollment_id","lesson_id");
  CREATE INDEX "cohorts_institution_idx" ON "cohorts" USING btree ("institution_id");
  CREATE INDEX "cohorts_updated_at_idx" ON "cohorts" USING btree ("updated_at");
  CREATE INDEX "cohorts_created_at_idx" ON "cohorts" USING btree ("created_at");
  CREATE INDEX "cohorts_rels_order_idx" ON "cohorts_rels" USING btree ("order");
  CREATE INDEX "cohorts_rels_parent_idx" ON "cohorts_rels" USING btree ("parent_id");
  CREATE INDEX "cohorts_rels_path_idx" ON "cohorts_rels" USING btree ("path");
  CREATE INDEX "cohorts_rels_courses_id_idx" ON "cohorts_rels" USING btree ("courses_id");
  CREATE INDEX "cohorts_rels_users_id_idx" ON "cohorts_rels" USING btree ("users_id");
  CREATE INDEX "cohort_enrollments_cohort_idx" ON "cohort_enrollments" USING btree ("cohort_id");
  CREATE INDEX "cohort_enrollments_student_idx" ON "cohort_enrollments" USING btree ("student_id");
  CREATE INDEX "cohort_enrollments_educator_idx" ON "cohort_enrollments" USING btree ("educator_id");
  CREATE INDEX "cohort_enrollments_updated_at_idx" ON "cohort_enrollments" USING btree ("updated_at");
  CREATE INDEX "cohort_enrollments_created_at_idx" ON "cohort_enrollments" USING btree ("created_at");
  CREATE UNIQUE INDEX "cohort_student_idx" ON "cohort_enrollments" USING btree ("cohort_id","student_id");
  CREATE INDEX "video_assets_captions_order_idx" ON "video_assets_captions" USING btree ("_order");
  CREATE INDEX "video_assets_captions_parent_id_idx" ON "video_assets_captions" USING btree ("_parent_id");
  CREATE INDEX "video_assets_owner_idx" ON "video_assets" USING btree ("owner_id");
  CREATE INDEX "video_assets_mux_upload_id_idx" ON "video_assets" USING btree ("mux_upload_id");
  CREATE INDEX "video_assets_mux_asset_id_idx" ON "video_assets" USING btree ("mux_asset_id");
  CREATE INDEX "video_assets_updated_at_idx" ON "video_assets" USING btree ("updated_at");
  CREATE INDEX "video_assets_created_at_idx" ON "video_assets" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_courses_fk" FOREIGN KEY ("courses_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_lessons_fk" FOREIGN KEY ("lessons_id") REFERENCES "public"."lessons"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_quizzes_fk" FOREIGN KEY ("quizzes_id") REFERENCES "public"."quizzes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_quiz_attempts_fk" FOREIGN KEY ("quiz_attempts_id") REFERENCES "public"."quiz_attempts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_enrollments_fk" FOREIGN KEY ("enrollments_id") REFERENCES "public"."enrollments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_lesson_progress_fk" FOREIGN KEY ("lesson_progress_id") REFERENCES "public"."lesson_progress"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_cohorts_fk" FOREIGN KEY ("cohorts_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_cohort_enrollments_fk" FOREIGN KEY ("cohort_enrollments_id") REFERENCES "public"."cohort_enrollments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_video_assets_fk" FOREIGN KEY ("video_assets_id") REFERENCES "public"."video_assets"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_courses_id_idx" ON "payload_locked_documents_rels" USING btree ("courses_id");
  CREATE INDEX "payload_locked_documents_rels_lessons_id_idx" ON "payload_locked_documents_rels" USING btree ("lessons_id");
  CREATE INDEX "payload_locked_documents_rels_quizzes_id_idx" ON "payload_locked_documents_rels" USING btree ("quizzes_id");
  CREATE INDEX "payload_locked_documents_rels_quiz_attempts_id_idx" ON "payload_locked_documents_rels" USING btree ("quiz_attempts_id");
  CREATE INDEX "payload_locked_documents_rels_enrollments_id_idx" ON "payload_locked_documents_rels" USING btree ("enrollments_id");
  CREATE INDEX "payload_locked_documents_rels_lesson_progress_id_idx" ON "payload_locked_documents_rels" USING btree ("lesson_progress_id");
  CREATE INDEX "payload_locked_documents_rels_cohorts_id_idx" ON "payload_locked_documents_rels" USING btree ("cohorts_id");
  CREATE INDEX "payload_locked_documents_rels_cohort_enrollments_id_idx" ON "payload_locked_documents_rels" USING btree ("cohort_enrollments_id");
  CREATE INDEX "payload_locked_documents_rels_video_assets_id_idx" ON "payload_locked_documents_rels" USING btree ("video_assets_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "courses_teaching_styles" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "courses_tags" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "courses" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "courses_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_courses_v_version_teaching_styles" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_courses_v_version_tags" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_courses_v" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_courses_v_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "lessons" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "quizzes_questions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "quizzes" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "quizzes_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "quiz_attempts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "enrollments" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "lesson_progress" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "cohorts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "cohorts_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "cohort_enrollments" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "video_assets_captions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "video_assets" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "courses_teaching_styles" CASCADE;
  DROP TABLE "courses_tags" CASCADE;
  DROP TABLE "courses" CASCADE;
  DROP TABLE "courses_rels" CASCADE;
  DROP TABLE "_courses_v_version_teaching_styles" CASCADE;
  DROP TABLE "_courses_v_version_tags" CASCADE;
  DROP TABLE "_courses_v" CASCADE;
  DROP TABLE "_courses_v_rels" CASCADE;
  DROP TABLE "lessons" CASCADE;
  DROP TABLE "quizzes_questions" CASCADE;
  DROP TABLE "quizzes" CASCADE;
  DROP TABLE "quizzes_texts" CASCADE;
  DROP TABLE "quiz_attempts" CASCADE;
  DROP TABLE "enrollments" CASCADE;
  DROP TABLE "lesson_progress" CASCADE;
  DROP TABLE "cohorts" CASCADE;
  DROP TABLE "cohorts_rels" CASCADE;
  DROP TABLE "cohort_enrollments" CASCADE;
  DROP TABLE "video_assets_captions" CASCADE;
  DROP TABLE "video_assets" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_courses_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_lessons_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_quizzes_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_quiz_attempts_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_enrollments_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_lesson_progress_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_cohorts_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_cohort_enrollments_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_video_assets_fk";
  
  DROP INDEX "payload_locked_documents_rels_courses_id_idx";
  DROP INDEX "payload_locked_documents_rels_lessons_id_idx";
  DROP INDEX "payload_locked_documents_rels_quizzes_id_idx";
  DROP INDEX "payload_locked_documents_rels_quiz_attempts_id_idx";
  DROP INDEX "payload_locked_documents_rels_enrollments_id_idx";
  DROP INDEX "payload_locked_documents_rels_lesson_progress_id_idx";
  DROP INDEX "payload_locked_documents_rels_cohorts_id_idx";
  DROP INDEX "payload_locked_documents_rels_cohort_enrollments_id_idx";
  DROP INDEX "payload_locked_documents_rels_video_assets_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "courses_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "lessons_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "quizzes_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "quiz_attempts_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "enrollments_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "lesson_progress_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "cohorts_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "cohort_enrollments_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "video_assets_id";
  DROP TYPE "public"."enum_courses_teaching_styles";
  DROP TYPE "public"."enum_courses_tags";
  DROP TYPE "public"."enum_courses_course_type";
  DROP TYPE "public"."enum_courses_currency";
  DROP TYPE "public"."enum_courses_status";
  DROP TYPE "public"."enum__courses_v_version_teaching_styles";
  DROP TYPE "public"."enum__courses_v_version_tags";
  DROP TYPE "public"."enum__courses_v_version_course_type";
  DROP TYPE "public"."enum__courses_v_version_currency";
  DROP TYPE "public"."enum__courses_v_version_status";
  DROP TYPE "public"."enum_lessons_lesson_type";
  DROP TYPE "public"."enum_enrollments_source";
  DROP TYPE "public"."enum_video_assets_captions_language";
  DROP TYPE "public"."enum_video_assets_status";`)
}
