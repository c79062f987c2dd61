import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_analytics_events_event_type" AS ENUM('course_view', 'search', 'enroll', 'lesson_complete', 'quiz_submit', 'course_complete', 'certificate_issued', 'purchase_completed', 'purchase_refunded', 'post_created', 'comment_created', 'live_join');
  CREATE TYPE "public"."enum_analytics_daily_kind" AS ENUM('course', 'student', 'marker');
  CREATE TABLE "analytics_events" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"user_id" uuid,
  	"course_id" uuid,
  	"event_type" "enum_analytics_events_event_type" NOT NULL,
  	"event_data" jsonb,
  	"dedupe_key" varchar,
  	"forwarded_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "analytics_daily" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"key" varchar NOT NULL,
  	"day" varchar NOT NULL,
  	"kind" "enum_analytics_daily_kind" NOT NULL,
  	"course_id" uuid,
  	"student_id" uuid,
  	"enrollments" numeric DEFAULT 0,
  	"completions" numeric DEFAULT 0,
  	"active_students" numeric DEFAULT 0,
  	"learning_seconds" numeric DEFAULT 0,
  	"lessons_completed" numeric DEFAULT 0,
  	"quiz_attempts" numeric DEFAULT 0,
  	"quiz_passes" numeric DEFAULT 0,
  	"revenue_gross" numeric DEFAULT 0,
  	"revenue_net" numeric DEFAULT 0,
  	"refunds" numeric DEFAULT 0,
  	"refunds_net" numeric DEFAULT 0,
  	"sales" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "analytics_events" ADD CONSTRAINT "analytics_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "analytics_events" ADD CONSTRAINT "analytics_events_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "analytics_daily" ADD CONSTRAINT "analytics_daily_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "analytics_daily" ADD CONSTRAINT "analytics_daily_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "analytics_events_user_idx" ON "analytics_events" USING btree ("user_id");
  CREATE INDEX "analytics_events_course_idx" ON "analytics_events" USING btree ("course_id");
  CREATE UNIQUE INDEX "analytics_events_dedupe_key_idx" ON "analytics_events" USING btree ("dedupe_key");
  CREATE INDEX "analytics_events_forwarded_at_idx" ON "analytics_events" USING btree ("forwarded_at");
  CREATE INDEX "analytics_events_updated_at_idx" ON "analytics_events" USING btree ("updated_at");
  CREATE INDEX "analytics_events_created_at_idx" ON "analytics_events" USING btree ("created_at");
  CREATE INDEX "user_createdAt_idx" ON "analytics_events" USING btree ("user_id","created_at");
  CREATE INDEX "course_createdAt_idx" ON "analytics_events" USING btree ("course_id","created_at");
  CREATE INDEX "eventType_createdAt_idx" ON "analytics_events" USING btree ("event_type","created_at");
  CREATE UNIQUE INDEX "analytics_daily_key_idx" ON "analytics_daily" USING btree ("key");
  CREATE INDEX "analytics_daily_day_idx" ON "analytics_daily" USING btree ("day");
  CREATE INDEX "analytics_daily_course_idx" ON "analytics_daily" USING btree ("course_id");
  CREATE INDEX "analytics_daily_student_idx" ON "analytics_daily" USING btree ("student_id");
  CREATE INDEX "analytics_daily_updated_at_idx" ON "analytics_daily" USING btree ("updated_at");
  CREATE INDEX "analytics_daily_created_at_idx" ON "analytics_daily" USING btree ("created_at");
  CREATE INDEX "kind_course_day_idx" ON "analytics_daily" USING btree ("kind","course_id","day");
  CREATE INDEX "kind_student_day_idx" ON "analytics_daily" USING btree ("kind","student_id","day");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "analytics_events" CASCADE;
  DROP TABLE "analytics_daily" CASCADE;
  DROP TYPE "public"."enum_analytics_events_event_type";
  DROP TYPE "public"."enum_analytics_daily_kind";`)
}
