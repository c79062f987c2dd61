import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_analytics_events_event_type" ADD VALUE 'recommendation_shown';
  ALTER TYPE "public"."enum_analytics_events_event_type" ADD VALUE 'recommendation_clicked';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "analytics_events" ALTER COLUMN "event_type" SET DATA TYPE text;
  DROP TYPE "public"."enum_analytics_events_event_type";
  CREATE TYPE "public"."enum_analytics_events_event_type" AS ENUM('course_view', 'search', 'enroll', 'lesson_complete', 'quiz_submit', 'course_complete', 'certificate_issued', 'purchase_completed', 'purchase_refunded', 'post_created', 'comment_created', 'live_join');
  ALTER TABLE "analytics_events" ALTER COLUMN "event_type" SET DATA TYPE "public"."enum_analytics_events_event_type" USING "event_type"::"public"."enum_analytics_events_event_type";`)
}
