import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_video_assets_captions_status" AS ENUM('preparing', 'ready', 'errored');
  CREATE TYPE "public"."enum_video_assets_playback_policy" AS ENUM('public', 'signed');
  CREATE TYPE "public"."enum_live_streams_status" AS ENUM('scheduled', 'live', 'ended');
  CREATE TYPE "public"."enum_webhook_events_provider" AS ENUM('mux', 'stripe');
  CREATE TABLE "live_streams" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"title" varchar NOT NULL,
  	"description" varchar,
  	"educator_id" uuid NOT NULL,
  	"course_id" uuid,
  	"scheduled_at" timestamp(3) with time zone NOT NULL,
  	"started_at" timestamp(3) with time zone,
  	"ended_at" timestamp(3) with time zone,
  	"status" "enum_live_streams_status" DEFAULT 'scheduled' NOT NULL,
  	"max_participants" numeric,
  	"participant_count" numeric DEFAULT 0,
  	"mux_live_stream_id" varchar,
  	"stream_key" varchar,
  	"playback_id" varchar,
  	"recording_asset_id" uuid,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "live_participants" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"live_stream_id" uuid NOT NULL,
  	"user_id" uuid NOT NULL,
  	"joined_at" timestamp(3) with time zone NOT NULL,
  	"left_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "live_chat_messages" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"live_stream_id" uuid NOT NULL,
  	"user_id" uuid NOT NULL,
  	"message" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "live_polls" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"live_stream_id" uuid NOT NULL,
  	"question" varchar NOT NULL,
  	"is_active" boolean DEFAULT true,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "live_polls_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" uuid NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "live_poll_votes" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"poll_id" uuid NOT NULL,
  	"user_id" uuid NOT NULL,
  	"option_index" numeric NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "webhook_events" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"provider" "enum_webhook_events_provider" NOT NULL,
  	"event_id" varchar NOT NULL,
  	"type" varchar NOT NULL,
  	"outcome" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  DROP INDEX "video_assets_mux_upload_id_idx";
  DROP INDEX "video_assets_mux_asset_id_idx";
  ALTER TABLE "video_assets_captions" ALTER COLUMN "language" SET NOT NULL;
  ALTER TABLE "video_assets_captions" ALTER COLUMN "status" SET DEFAULT 'preparing'::"public"."enum_video_assets_captions_status";
  ALTER TABLE "video_assets_captions" ALTER COLUMN "status" SET DATA TYPE "public"."enum_video_assets_captions_status" USING "status"::"public"."enum_video_assets_captions_status";
  ALTER TABLE "video_assets" ALTER COLUMN "status" SET NOT NULL;
  ALTER TABLE "video_assets_captions" ADD COLUMN "name" varchar;
  ALTER TABLE "video_assets" ADD COLUMN "lesson_id" uuid;
  ALTER TABLE "video_assets" ADD COLUMN "live_stream_id" uuid;
  ALTER TABLE "video_assets" ADD COLUMN "playback_policy" "enum_video_assets_playback_policy" DEFAULT 'public';
  ALTER TABLE "video_assets" ADD COLUMN "error_message" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "live_streams_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "live_participants_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "live_chat_messages_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "live_polls_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "live_poll_votes_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "webhook_events_id" uuid;
  ALTER TABLE "live_streams" ADD CONSTRAINT "live_streams_educator_id_users_id_fk" FOREIGN KEY ("educator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "live_streams" ADD CONSTRAINT "live_streams_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "live_streams" ADD CONSTRAINT "live_streams_recording_asset_id_video_assets_id_fk" FOREIGN KEY ("recording_asset_id") REFERENCES "public"."video_assets"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "live_participants" ADD CONSTRAINT "live_participants_live_stream_id_live_streams_id_fk" FOREIGN KEY ("live_stream_id") REFERENCES "public"."live_streams"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "live_participants" ADD CONSTRAINT "live_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "live_chat_messages" ADD CONSTRAINT "live_chat_messages_live_stream_id_live_streams_id_fk" FOREIGN KEY ("live_stream_id") REFERENCES "public"."live_streams"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "live_chat_messages" ADD CONSTRAINT "live_chat_messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "live_polls" ADD CONSTRAINT "live_polls_live_stream_id_live_streams_id_fk" FOREIGN KEY ("live_stream_id") REFERENCES "public"."live_streams"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "live_polls_texts" ADD CONSTRAINT "live_polls_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."live_polls"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "live_poll_votes" ADD CONSTRAINT "live_poll_votes_poll_id_live_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."live_polls"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "live_poll_votes" ADD CONSTRAINT "live_poll_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "live_streams_educator_idx" ON "live_streams" USING btree ("educator_id");
  CREATE INDEX "live_streams_course_idx" ON "live_streams" USING btree ("course_id");
  CREATE INDEX "live_streams_scheduled_at_idx" ON "live_streams" USING btree ("scheduled_at");
  CREATE INDEX "live_streams_status_idx" ON "live_streams" USING btree ("status");
  CREATE UNIQUE INDEX "live_streams_mux_live_stream_id_idx" ON "live_streams" USING btree ("mux_live_stream_id");
  CREATE INDEX "live_streams_recording_asset_idx" ON "live_streams" USING btree ("recording_asset_id");
  CREATE INDEX "live_streams_updated_at_idx" ON "live_streams" USING btree ("updated_at");
  CREATE INDEX "live_streams_created_at_idx" ON "live_streams" USING btree ("created_at");
  CREATE INDEX "live_participants_live_stream_idx" ON "live_participants" USING btree ("live_stream_id");
  CREATE INDEX "live_participants_user_idx" ON "live_participants" USING btree ("user_id");
  CREATE INDEX "live_participants_left_at_idx" ON "live_participants" USING btree ("left_at");
  CREATE INDEX "live_participants_updated_at_idx" ON "live_participants" USING btree ("updated_at");
  CREATE INDEX "live_participants_created_at_idx" ON "live_participants" USING btree ("created_at");
  CREATE UNIQUE INDEX "liveStream_user_idx" ON "live_participants" USING btree ("live_stream_id","user_id");
  CREATE INDEX "live_chat_messages_live_stream_idx" ON "live_chat_messages" USING btree ("live_stream_id");
  CREATE INDEX "live_chat_messages_user_idx" ON "live_chat_messages" USING btree ("user_id");
  CREATE INDEX "live_chat_messages_updated_at_idx" ON "live_chat_messages" USING btree ("updated_at");
  CREATE INDEX "live_chat_messages_created_at_idx" ON "live_chat_messages" USING btree ("created_at");
  CREATE INDEX "liveStream_createdAt_idx" ON "live_chat_messages" USING btree ("live_stream_id","created_at");
  CREATE INDEX "live_polls_live_stream_idx" ON "live_polls" USING btree ("live_stream_id");
  CREATE INDEX "live_polls_updated_at_idx" ON "live_polls" USING btree ("updated_at");
  CREATE INDEX "live_polls_created_at_idx" ON "live_polls" USING btree ("created_at");
  CREATE INDEX "live_polls_texts_order_parent" ON "live_polls_texts" USING btree ("order","parent_id");
  CREATE INDEX "live_poll_votes_poll_idx" ON "live_poll_votes" USING btree ("poll_id");
  CREATE INDEX "live_poll_votes_user_idx" ON "live_poll_votes" USING btree ("user_id");
  CREATE INDEX "live_poll_votes_updated_at_idx" ON "live_poll_votes" USING btree ("updated_at");
  CREATE INDEX "live_poll_votes_created_at_idx" ON "live_poll_votes" USING btree ("created_at");
  CREATE UNIQUE INDEX "poll_user_idx" ON "live_poll_votes" USING btree ("poll_id","user_id");
  CREATE INDEX "webhook_events_type_idx" ON "webhook_events" USING btree ("type");
  CREATE INDEX "webhook_events_updated_at_idx" ON "webhook_events" USING btree ("updated_at");
  CREATE INDEX "webhook_events_created_at_idx" ON "webhook_events" USING btree ("created_at");
  CREATE UNIQUE INDEX "provider_eventId_idx" ON "webhook_events" USING btree ("provider","event_id");
  ALTER TABLE "video_assets" ADD CONSTRAINT "video_assets_lesson_id_lessons_id_fk" FOREIGN KEY ("lesson_id") REFERENCES "public"."lessons"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "video_assets" ADD CONSTRAINT "video_assets_live_stream_id_live_streams_id_fk" FOREIGN KEY ("live_stream_id") REFERENCES "public"."live_streams"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_live_streams_fk" FOREIGN KEY ("live_streams_id") REFERENCES "public"."live_streams"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_live_participants_fk" FOREIGN KEY ("live_participants_id") REFERENCES "public"."live_participants"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_live_chat_messages_fk" FOREIGN KEY ("live_chat_messages_id") REFERENCES "public"."live_chat_messages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_live_polls_fk" FOREIGN KEY ("live_polls_id") REFERENCES "public"."live_polls"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_live_poll_votes_fk" FOREIGN KEY ("live_poll_votes_id") REFERENCES "public"."live_poll_votes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_webhook_events_fk" FOREIGN KEY ("webhook_events_id") REFERENCES "public"."webhook_events"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "video_assets_lesson_idx" ON "video_assets" USING btree ("lesson_id");
  CREATE INDEX "video_assets_live_stream_idx" ON "video_assets" USING btree ("live_stream_id");
  CREATE INDEX "video_assets_status_idx" ON "video_assets" USING btree ("status");
  CREATE INDEX "payload_locked_documents_rels_live_streams_id_idx" ON "payload_locked_documents_rels" USING btree ("live_streams_id");
  CREATE INDEX "payload_locked_documents_rels_live_participants_id_idx" ON "payload_locked_documents_rels" USING btree ("live_participants_id");
  CREATE INDEX "payload_locked_documents_rels_live_chat_messages_id_idx" ON "payload_locked_documents_rels" USING btree ("live_chat_messages_id");
  CREATE INDEX "payload_locked_documents_rels_live_polls_id_idx" ON "payload_locked_documents_rels" USING btree ("live_polls_id");
  CREATE INDEX "payload_locked_documents_rels_live_poll_votes_id_idx" ON "payload_locked_documents_rels" USING btree ("live_poll_votes_id");
  CREATE INDEX "payload_locked_documents_rels_webhook_events_id_idx" ON "payload_locked_documents_rels" USING btree ("webhook_events_id");
  CREATE UNIQUE INDEX "video_assets_mux_upload_id_idx" ON "video_assets" USING btree ("mux_upload_id");
  CREATE UNIQUE INDEX "video_assets_mux_asset_id_idx" ON "video_assets" USING btree ("mux_asset_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "live_streams" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "live_participants" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "live_chat_messages" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "live_polls" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "live_polls_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "live_poll_votes" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "webhook_events" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "live_streams" CASCADE;
  DROP TABLE "live_participants" CASCADE;
  DROP TABLE "live_chat_messages" CASCADE;
  DROP TABLE "live_polls" CASCADE;
  DROP TABLE "live_polls_texts" CASCADE;
  DROP TABLE "live_poll_votes" CASCADE;
  DROP TABLE "webhook_events" CASCADE;
  ALTER TABLE "video_assets" DROP CONSTRAINT "video_assets_lesson_id_lessons_id_fk";
  
  ALTER TABLE "video_assets" DROP CONSTRAINT "video_assets_live_stream_id_live_streams_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_live_streams_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_live_participants_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_live_chat_messages_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_live_polls_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_live_poll_votes_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_webhook_events_fk";
  
  DROP INDEX "video_assets_lesson_idx";
  DROP INDEX "video_assets_live_stream_idx";
  DROP INDEX "video_assets_status_idx";
  DROP INDEX "payload_locked_documents_rels_live_streams_id_idx";
  DROP INDEX "payload_locked_documents_rels_live_participants_id_idx";
  DROP INDEX "payload_locked_documents_rels_live_chat_messages_id_idx";
  DROP INDEX "payload_locked_documents_rels_live_polls_id_idx";
  DROP INDEX "payload_locked_documents_rels_live_poll_votes_id_idx";
  DROP INDEX "payload_locked_documents_rels_webhook_events_id_idx";
  DROP INDEX "video_assets_mux_upload_id_idx";
  DROP INDEX "video_assets_mux_asset_id_idx";
  ALTER TABLE "video_assets_captions" ALTER COLUMN "language" DROP NOT NULL;
  ALTER TABLE "video_assets_captions" ALTER COLUMN "status" SET DATA TYPE varchar;
  ALTER TABLE "video_assets_captions" ALTER COLUMN "status" DROP DEFAULT;
  ALTER TABLE "video_assets" ALTER COLUMN "status" DROP NOT NULL;
  CREATE INDEX "video_assets_mux_upload_id_idx" ON "video_assets" USING btree ("mux_upload_id");
  CREATE INDEX "video_assets_mux_asset_id_idx" ON "video_assets" USING btree ("mux_asset_id");
  ALTER TABLE "video_assets_captions" DROP COLUMN "name";
  ALTER TABLE "video_assets" DROP COLUMN "lesson_id";
  ALTER TABLE "video_assets" DROP COLUMN "live_stream_id";
  ALTER TABLE "video_assets" DROP COLUMN "playback_policy";
  ALTER TABLE "video_assets" DROP COLUMN "error_message";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "live_streams_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "live_participants_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "live_chat_messages_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "live_polls_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "live_poll_votes_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "webhook_events_id";
  DROP TYPE "public"."enum_video_assets_captions_status";
  DROP TYPE "public"."enum_video_assets_playback_policy";
  DROP TYPE "public"."enum_live_streams_status";
  DROP TYPE "public"."enum_webhook_events_provider";`)
}
