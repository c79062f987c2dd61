import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_question_banks_questions_type" AS ENUM('single', 'multiple', 'true_false', 'short_answer', 'ordering', 'matching', 'essay');
  CREATE TYPE "public"."enum_quizzes_questions_type" AS ENUM('single', 'multiple', 'true_false', 'short_answer', 'ordering', 'matching', 'essay');
  CREATE TYPE "public"."enum_quizzes_show_answers" AS ENUM('never', 'after_pass', 'after_last_attempt');
  CREATE TYPE "public"."enum_quizzes_scoring" AS ENUM('all_or_nothing', 'partial');
  CREATE TYPE "public"."enum_quiz_attempts_status" AS ENUM('open', 'pending', 'graded');
  CREATE TABLE "question_banks_questions" (
  	"_order" integer NOT NULL,
  	"_parent_id" uuid NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"type" "enum_question_banks_questions_type" DEFAULT 'single',
  	"question" varchar NOT NULL,
  	"points" numeric DEFAULT 1,
  	"correct_answer" numeric,
  	"correct_boolean" boolean,
  	"numeric_answer" numeric,
  	"tolerance" numeric,
  	"explanation" varchar
  );
  
  CREATE TABLE "question_banks" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"title" varchar NOT NULL,
  	"course_id" uuid NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "question_banks_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "question_banks_numbers" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"number" numeric,
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL
  );
  
  CREATE TABLE "quizzes_draws" (
  	"_order" integer NOT NULL,
  	"_parent_id" uuid NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"bank_id" uuid,
  	"count" numeric NOT NULL,
  	"tag" varchar
  );
  
  CREATE TABLE "quizzes_numbers" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"number" numeric,
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL
  );
  
  ALTER TABLE "quizzes_questions" ALTER COLUMN "correct_answer" DROP NOT NULL;
  ALTER TABLE "quiz_attempts" ALTER COLUMN "score" DROP NOT NULL;
  ALTER TABLE "quiz_attempts" ALTER COLUMN "answers" DROP NOT NULL;
  ALTER TABLE "quizzes_questions" ADD COLUMN "type" "enum_quizzes_questions_type" DEFAULT 'single';
  ALTER TABLE "quizzes_questions" ADD COLUMN "points" numeric DEFAULT 1;
  ALTER TABLE "quizzes_questions" ADD COLUMN "correct_boolean" boolean;
  ALTER TABLE "quizzes_questions" ADD COLUMN "numeric_answer" numeric;
  ALTER TABLE "quizzes_questions" ADD COLUMN "tolerance" numeric;
  ALTER TABLE "quizzes_questions" ADD COLUMN "explanation" varchar;
  ALTER TABLE "quizzes" ADD COLUMN "show_answers" "enum_quizzes_show_answers" DEFAULT 'never';
  ALTER TABLE "quizzes" ADD COLUMN "scoring" "enum_quizzes_scoring" DEFAULT 'all_or_nothing';
  ALTER TABLE "quizzes" ADD COLUMN "time_limit_seconds" numeric;
  ALTER TABLE "quizzes" ADD COLUMN "shuffle" boolean DEFAULT false;
  ALTER TABLE "quiz_attempts" ADD COLUMN "status" "enum_quiz_attempts_status" DEFAULT 'graded' NOT NULL;
  ALTER TABLE "quiz_attempts" ADD COLUMN "deadline" timestamp(3) with time zone;
  ALTER TABLE "quiz_attempts" ADD COLUMN "submitted_at" timestamp(3) with time zone;
  ALTER TABLE "quiz_attempts" ADD COLUMN "graded_at" timestamp(3) with time zone;
  ALTER TABLE "quiz_attempts" ADD COLUMN "graded_by_id" uuid;
  ALTER TABLE "quiz_attempts" ADD COLUMN "notified_at" timestamp(3) with time zone;
  ALTER TABLE "quiz_attempts" ADD COLUMN "questions" jsonb;
  ALTER TABLE "quiz_attempts" ADD COLUMN "results" jsonb;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "question_banks_id" uuid;
  ALTER TABLE "question_banks_questions" ADD CONSTRAINT "question_banks_questions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."question_banks"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "question_banks" ADD CONSTRAINT "question_banks_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "question_banks_texts" ADD CONSTRAINT "question_banks_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."question_banks"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "question_banks_numbers" ADD CONSTRAINT "question_banks_numbers_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."question_banks"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "quizzes_draws" ADD CONSTRAINT "quizzes_draws_bank_id_question_banks_id_fk" FOREIGN KEY ("bank_id") REFERENCES "public"."question_banks"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "quizzes_draws" ADD CONSTRAINT "quizzes_draws_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."quizzes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "quizzes_numbers" ADD CONSTRAINT "quizzes_numbers_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."quizzes"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "question_banks_questions_order_idx" ON "question_banks_questions" USING btree ("_order");
  CREATE INDEX "question_banks_questions_parent_id_idx" ON "question_banks_questions" USING btree ("_parent_id");
  CREATE INDEX "question_banks_course_idx" ON "question_banks" USING btree ("course_id");
  CREATE INDEX "question_banks_updated_at_idx" ON "question_banks" USING btree ("updated_at");
  CREATE INDEX "question_banks_created_at_idx" ON "question_banks" USING btree ("created_at");
  CREATE INDEX "question_banks_texts_order_parent" ON "question_banks_texts" USING btree ("order","parent_id");
  CREATE INDEX "question_banks_numbers_order_parent_idx" ON "question_banks_numbers" USING btree ("order","parent_id");
  CREATE INDEX "quizzes_draws_order_idx" ON "quizzes_draws" USING btree ("_order");
  CREATE INDEX "quizzes_draws_parent_id_idx" ON "quizzes_draws" USING btree ("_parent_id");
  CREATE INDEX "quizzes_draws_bank_idx" ON "quizzes_draws" USING btree ("bank_id");
  CREATE INDEX "quizzes_numbers_order_parent_idx" ON "quizzes_numbers" USING btree ("order","parent_id");
  ALTER TABLE "quiz_attempts" ADD CONSTRAINT "quiz_attempts_graded_by_id_users_id_fk" FOREIGN KEY ("graded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_question_banks_fk" FOREIGN KEY ("question_banks_id") REFERENCES "public"."question_banks"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "quiz_attempts_status_idx" ON "quiz_attempts" USING btree ("status");
  CREATE INDEX "quiz_attempts_graded_by_idx" ON "quiz_attempts" USING btree ("graded_by_id");
  CREATE INDEX "payload_locked_documents_rels_question_banks_id_idx" ON "payload_locked_documents_rels" USING btree ("question_banks_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "question_banks_questions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "question_banks" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "question_banks_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "question_banks_numbers" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "quizzes_draws" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "quizzes_numbers" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "question_banks_questions" CASCADE;
  DROP TABLE "question_banks" CASCADE;
  DROP TABLE "question_banks_texts" CASCADE;
  DROP TABLE "question_banks_numbers" CASCADE;
  DROP TABLE "quizzes_draws" CASCADE;
  DROP TABLE "quizzes_numbers" CASCADE;
  ALTER TABLE "quiz_attempts" DROP CONSTRAINT "quiz_attempts_graded_by_id_users_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_question_banks_fk";
  
  DROP INDEX "quiz_attempts_status_idx";
  DROP INDEX "quiz_attempts_graded_by_idx";
  DROP INDEX "payload_locked_documents_rels_question_banks_id_idx";
  ALTER TABLE "quizzes_questions" ALTER COLUMN "correct_answer" SET NOT NULL;
  ALTER TABLE "quiz_attempts" ALTER COLUMN "score" SET NOT NULL;
  ALTER TABLE "quiz_attempts" ALTER COLUMN "answers" SET NOT NULL;
  ALTER TABLE "quizzes_questions" DROP COLUMN "type";
  ALTER TABLE "quizzes_questions" DROP COLUMN "points";
  ALTER TABLE "quizzes_questions" DROP COLUMN "correct_boolean";
  ALTER TABLE "quizzes_questions" DROP COLUMN "numeric_answer";
  ALTER TABLE "quizzes_questions" DROP COLUMN "tolerance";
  ALTER TABLE "quizzes_questions" DROP COLUMN "explanation";
  ALTER TABLE "quizzes" DROP COLUMN "show_answers";
  ALTER TABLE "quizzes" DROP COLUMN "scoring";
  ALTER TABLE "quizzes" DROP COLUMN "time_limit_seconds";
  ALTER TABLE "quizzes" DROP COLUMN "shuffle";
  ALTER TABLE "quiz_attempts" DROP COLUMN "status";
  ALTER TABLE "quiz_attempts" DROP COLUMN "deadline";
  ALTER TABLE "quiz_attempts" DROP COLUMN "submitted_at";
  ALTER TABLE "quiz_attempts" DROP COLUMN "graded_at";
  ALTER TABLE "quiz_attempts" DROP COLUMN "graded_by_id";
  ALTER TABLE "quiz_attempts" DROP COLUMN "notified_at";
  ALTER TABLE "quiz_attempts" DROP COLUMN "questions";
  ALTER TABLE "quiz_attempts" DROP COLUMN "results";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "question_banks_id";
  DROP TYPE "public"."enum_question_banks_questions_type";
  DROP TYPE "public"."enum_quizzes_questions_type";
  DROP TYPE "public"."enum_quizzes_show_answers";
  DROP TYPE "public"."enum_quizzes_scoring";
  DROP TYPE "public"."enum_quiz_attempts_status";`)
}
