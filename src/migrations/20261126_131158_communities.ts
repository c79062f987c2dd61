import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_communities_topic" AS ENUM('funding', 'branding', 'ai', 'marketing', 'sales', 'operations', 'finance', 'leadership', 'technology', 'legal');
  CREATE TYPE "public"."enum_communities_visibility" AS ENUM('public', 'members', 'course');
  CREATE TYPE "public"."enum_community_members_role" AS ENUM('member', 'moderator');
  CREATE TYPE "public"."enum_posts_type" AS ENUM('discussion', 'question', 'announcement');
  CREATE TYPE "public"."enum_reactions_type" AS ENUM('like', 'celebrate', 'insightful', 'support');
  CREATE TABLE "communities" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"name" varchar NOT NULL,
  	"slug" varchar,
  	"description" varchar,
  	"topic" "enum_communities_topic" NOT NULL,
  	"visibility" "enum_communities_visibility" DEFAULT 'public' NOT NULL,
  	"course_id" uuid,
  	"member_count" numeric DEFAULT 0,
  	"created_by_id" uuid,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "community_members" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"community_id" uuid NOT NULL,
  	"user_id" uuid NOT NULL,
  	"role" "enum_community_members_role" DEFAULT 'member' NOT NULL,
  	"joined_at" timestamp(3) with time zone NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "posts" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"community_id" uuid,
  	"course_id" uuid,
  	"author_id" uuid NOT NULL,
  	"content" varchar NOT NULL,
  	"type" "enum_posts_type" DEFAULT 'discussion' NOT NULL,
  	"is_pinned" boolean DEFAULT false,
  	"reaction_count" numeric DEFAULT 0,
  	"comment_count" numeric DEFAULT 0,
  	"edited_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "comments" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"post_id" uuid NOT NULL,
  	"parent_id" uuid,
  	"author_id" uuid NOT NULL,
  	"content" varchar NOT NULL,
  	"community_id" uuid,
  	"course_id" uuid,
  	"reaction_count" numeric DEFAULT 0,
  	"edited_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "reactions" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"user_id" uuid NOT NULL,
  	"post_id" uuid,
  	"comment_id" uuid,
  	"target_key" varchar NOT NULL,
  	"type" "enum_reactions_type" NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "communities_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "community_members_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "posts_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "comments_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "reactions_id" uuid;
  ALTER TABLE "communities" ADD CONSTRAINT "communities_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "communities" ADD CONSTRAINT "communities_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "community_members" ADD CONSTRAINT "community_members_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "community_members" ADD CONSTRAINT "community_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "posts" ADD CONSTRAINT "posts_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "posts" ADD CONSTRAINT "posts_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "comments" ADD CONSTRAINT "comments_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "comments" ADD CONSTRAINT "comments_parent_id_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."comments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "comments" ADD CONSTRAINT "comments_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "comments" ADD CONSTRAINT "comments_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reactions" ADD CONSTRAINT "reactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reactions" ADD CONSTRAINT "reactions_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reactions" ADD CONSTRAINT "reactions_comment_id_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comments"("id") ON DELETE set null ON UPDATE no action;
  CREATE UNIQUE INDEX "communities_slug_idx" ON "communities" USING btree ("slug");
  CREATE INDEX "communities_topic_idx" ON "communities" USING btree ("topic");
  CREATE INDEX "communities_visibility_idx" ON "communities" USING btree ("visibility");
  CREATE INDEX "communities_course_idx" ON "communities" USING btree ("course_id");
  CREATE INDEX "communities_member_count_idx" ON "communities" USING btree ("member_count");
  CREATE INDEX "communities_created_by_idx" ON "communities" USING btree ("created_by_id");
  CREATE INDEX "communities_updated_at_idx" ON "communities" USING btree ("updated_at");
  CREATE INDEX "communities_created_at_idx" ON "communities" USING btree ("created_at");
  CREATE INDEX "community_members_community_idx" ON "community_members" USING btree ("community_id");
  CREATE INDEX "community_members_user_idx" ON "community_members" USING btree ("user_id");
  CREATE INDEX "community_members_updated_at_idx" ON "community_members" USING btree ("updated_at");
  CREATE INDEX "community_members_created_at_idx" ON "community_members" USING btree ("created_at");
  CREATE UNIQUE INDEX "community_user_idx" ON "community_members" USING btree ("community_id","user_id");
  CREATE INDEX "posts_community_idx" ON "posts" USING btree ("community_id");
  CREATE INDEX "posts_course_idx" ON "posts" USING btree ("course_id");
  CREATE INDEX "posts_author_idx" ON "posts" USING btree ("author_id");
  CREATE INDEX "posts_type_idx" ON "posts" USING btree ("type");
  CREATE INDEX "posts_is_pinned_idx" ON "posts" USING btree ("is_pinned");
  CREATE INDEX "posts_updated_at_idx" ON "posts" USING btree ("updated_at");
  CREATE INDEX "posts_created_at_idx" ON "posts" USING btree ("created_at");
  CREATE INDEX "community_isPinned_createdAt_idx" ON "posts" USING btree ("community_id","is_pinned","created_at");
  CREATE INDEX "course_isPinned_createdAt_idx" ON "posts" USING btree ("course_id","is_pinned","created_at");
  CREATE INDEX "comments_post_idx" ON "comments" USING btree ("post_id");
  CREATE INDEX "comments_parent_idx" ON "comments" USING btree ("parent_id");
  CREATE INDEX "comments_author_idx" ON "comments" USING btree ("author_id");
  CREATE INDEX "comments_community_idx" ON "comments" USING btree ("community_id");
  CREATE INDEX "comments_course_idx" ON "comments" USING btree ("course_id");
  CREATE INDEX "comments_updated_at_idx" ON "comments" USING btree ("updated_at");
  CREATE INDEX "comments_created_at_idx" ON "comments" USING btree ("created_at");
  CREATE INDEX "post_parent_createdAt_idx" ON "comments" USING btree ("post_id","parent_id","created_at");
  CREATE INDEX "reactions_user_idx" ON "reactions" USING btree ("user_id");
  CREATE INDEX "reactions_post_idx" ON "reactions" USING btree ("post_id");
  CREATE INDEX "reactions_comment_idx" ON "reactions" USING btree ("comment_id");
  CREATE INDEX "reactions_target_key_idx" ON "reactions" USING btree ("target_key");
  CREATE INDEX "reactions_updated_at_idx" ON "reactions" USING btree ("updated_at");
  CREATE INDEX "reactions_created_at_idx" ON "reactions" USING btree ("created_at");
  CREATE UNIQUE INDEX "user_targetKey_type_idx" ON "reactions" USING btree ("user_id","target_key","type");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_communities_fk" FOREIGN KEY ("communities_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_community_members_fk" FOREIGN KEY ("community_members_id") REFERENCES "public"."community_members"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_posts_fk" FOREIGN KEY ("posts_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_comments_fk" FOREIGN KEY ("comments_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_reactions_fk" FOREIGN KEY ("reactions_id") REFERENCES "public"."reactions"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_communities_id_idx" ON "payload_locked_documents_rels" USING btree ("communities_id");
  CREATE INDEX "payload_locked_documents_rels_community_members_id_idx" ON "payload_locked_documents_rels" USING btree ("community_members_id");
  CREATE INDEX "payload_locked_documents_rels_posts_id_idx" ON "payload_locked_documents_rels" USING btree ("posts_id");
  CREATE INDEX "payload_locked_documents_rels_comments_id_idx" ON "payload_locked_documents_rels" USING btree ("comments_id");
  CREATE INDEX "payload_locked_documents_rels_reactions_id_idx" ON "payload_locked_documents_rels" USING btree ("reactions_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "communities" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "community_members" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "posts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "comments" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "reactions" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "communities" CASCADE;
  DROP TABLE "community_members" CASCADE;
  DROP TABLE "posts" CASCADE;
  DROP TABLE "comments" CASCADE;
  DROP TABLE "reactions" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_communities_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_community_members_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_posts_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_comments_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_reactions_fk";
  
  DROP INDEX "payload_locked_documents_rels_communities_id_idx";
  DROP INDEX "payload_locked_documents_rels_community_members_id_idx";
  DROP INDEX "payload_locked_documents_rels_posts_id_idx";
  DROP INDEX "payload_locked_documents_rels_comments_id_idx";
  DROP INDEX "payload_locked_documents_rels_reactions_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "communities_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "community_members_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "posts_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "comments_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "reactions_id";
  DROP TYPE "public"."enum_communities_topic";
  DROP TYPE "public"."enum_communities_visibility";
  DROP TYPE "public"."enum_community_members_role";
  DROP TYPE "public"."enum_posts_type";
  DROP TYPE "public"."enum_reactions_type";`)
}
