import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_purchases_status" AS ENUM('pending', 'completed', 'refunded', 'failed');
  CREATE TYPE "public"."enum_purchases_currency" AS ENUM('usd', 'eur', 'gbp', 'cad', 'mxn');
  CREATE TYPE "public"."enum_educator_subscriptions_plan" AS ENUM('basic', 'pro', 'enterprise');
  CREATE TYPE "public"."enum_educator_subscriptions_status" AS ENUM('incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'unpaid', 'canceled', 'paused');
  CREATE TYPE "public"."enum_payouts_currency" AS ENUM('usd', 'eur', 'gbp', 'cad', 'mxn');
  CREATE TYPE "public"."enum_payouts_status" AS ENUM('pending', 'paid', 'failed');
  CREATE TYPE "public"."enum_platform_fees_plan" AS ENUM('basic', 'pro', 'enterprise');
  CREATE TYPE "public"."enum_licenses_status" AS ENUM('incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'unpaid', 'canceled', 'paused');
  CREATE TYPE "public"."enum_invoices_status" AS ENUM('draft', 'open', 'paid', 'uncollectible', 'void');
  CREATE TYPE "public"."enum_invoices_currency" AS ENUM('usd', 'eur', 'gbp', 'cad', 'mxn');
  CREATE TABLE "purchases" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"student_id" uuid,
  	"educator_id" uuid,
  	"course_id" uuid,
  	"course_title" varchar,
  	"status" "enum_purchases_status" DEFAULT 'pending' NOT NULL,
  	"amount" numeric NOT NULL,
  	"currency" "enum_purchases_currency" NOT NULL,
  	"fee_percentage" numeric NOT NULL,
  	"platform_fee" numeric NOT NULL,
  	"net_amount" numeric NOT NULL,
  	"completed_at" timestamp(3) with time zone,
  	"refunded_at" timestamp(3) with time zone,
  	"stripe_checkout_session_id" varchar,
  	"stripe_payment_intent_id" varchar,
  	"stripe_charge_id" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "educator_subscriptions" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"educator_id" uuid,
  	"plan" "enum_educator_subscriptions_plan" NOT NULL,
  	"status" "enum_educator_subscriptions_status" NOT NULL,
  	"current_period_end" timestamp(3) with time zone,
  	"cancel_at_period_end" boolean DEFAULT false,
  	"stripe_subscription_id" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payouts" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"educator_id" uuid,
  	"amount" numeric NOT NULL,
  	"platform_fee" numeric DEFAULT 0 NOT NULL,
  	"net_amount" numeric NOT NULL,
  	"currency" "enum_payouts_currency" NOT NULL,
  	"status" "enum_payouts_status" DEFAULT 'pending' NOT NULL,
  	"failure_message" varchar,
  	"paid_at" timestamp(3) with time zone,
  	"stripe_transfer_id" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "platform_fees" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"plan" "enum_platform_fees_plan" NOT NULL,
  	"fee_percentage" numeric NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "licenses" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"institution_id" uuid,
  	"seats" numeric DEFAULT 0 NOT NULL,
  	"status" "enum_licenses_status" NOT NULL,
  	"current_period_end" timestamp(3) with time zone,
  	"cancel_at_period_end" boolean DEFAULT false,
  	"stripe_subscription_id" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "invoices" (
  	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  	"customer_id" uuid,
  	"number" varchar,
  	"status" "enum_invoices_status" NOT NULL,
  	"amount_due" numeric DEFAULT 0 NOT NULL,
  	"amount_paid" numeric DEFAULT 0 NOT NULL,
  	"currency" "enum_invoices_currency" NOT NULL,
  	"hosted_invoice_url" varchar,
  	"period_start" timestamp(3) with time zone,
  	"period_end" timestamp(3) with time zone,
  	"stripe_invoice_id" varchar,
  	"stripe_subscription_id" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "users" ADD COLUMN "stripe_customer_id" varchar;
  ALTER TABLE "users" ADD COLUMN "educator_profile_payouts_enabled" boolean DEFAULT false;
  ALTER TABLE "webhook_events" ADD COLUMN "occurred_at" timestamp(3) with time zone;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "purchases_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "educator_subscriptions_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "payouts_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "platform_fees_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "licenses_id" uuid;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "invoices_id" uuid;
  ALTER TABLE "purchases" ADD CONSTRAINT "purchases_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "purchases" ADD CONSTRAINT "purchases_educator_id_users_id_fk" FOREIGN KEY ("educator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "purchases" ADD CONSTRAINT "purchases_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "educator_subscriptions" ADD CONSTRAINT "educator_subscriptions_educator_id_users_id_fk" FOREIGN KEY ("educator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payouts" ADD CONSTRAINT "payouts_educator_id_users_id_fk" FOREIGN KEY ("educator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "licenses" ADD CONSTRAINT "licenses_institution_id_users_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "invoices" ADD CONSTRAINT "invoices_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "purchases_student_idx" ON "purchases" USING btree ("student_id");
  CREATE INDEX "purchases_educator_idx" ON "purchases" USING btree ("educator_id");
  CREATE INDEX "purchases_course_idx" ON "purchases" USING btree ("course_id");
  CREATE INDEX "purchases_status_idx" ON "purchases" USING btree ("status");
  CREATE UNIQUE INDEX "purchases_stripe_checkout_session_id_idx" ON "purchases" USING btree ("stripe_checkout_session_id");
  CREATE INDEX "purchases_stripe_payment_intent_id_idx" ON "purchases" USING btree ("stripe_payment_intent_id");
  CREATE INDEX "purchases_updated_at_idx" ON "purchases" USING btree ("updated_at");
  CREATE INDEX "purchases_created_at_idx" ON "purchases" USING btree ("created_at");
  CREATE INDEX "educator_subscriptions_educator_idx" ON "educator_subscriptions" USING btree ("educator_id");
  CREATE UNIQUE INDEX "educator_subscriptions_stripe_subscription_id_idx" ON "educator_subscriptions" USING btree ("stripe_subscription_id");
  CREATE INDEX "educator_subscriptions_updated_at_idx" ON "educator_subscriptions" USING btree ("updated_at");
  CREATE INDEX "educator_subscriptions_created_at_idx" ON "educator_subscriptions" USING btree ("created_at");
  CREATE INDEX "payouts_educator_idx" ON "payouts" USING btree ("educator_id");
  CREATE INDEX "payouts_updated_at_idx" ON "payouts" USING btree ("updated_at");
  CREATE INDEX "payouts_created_at_idx" ON "payouts" USING btree ("created_at");
  CREATE INDEX "educator_status_idx" ON "payouts" USING btree ("educator_id","status");
  CREATE UNIQUE INDEX "platform_fees_plan_idx" ON "platform_fees" USING btree ("plan");
  CREATE INDEX "platform_fees_updated_at_idx" ON "platform_fees" USING btree ("updated_at");
  CREATE INDEX "platform_fees_created_at_idx" ON "platform_fees" USING btree ("created_at");
  CREATE INDEX "licenses_institution_idx" ON "licenses" USING btree ("institution_id");
  CREATE UNIQUE INDEX "licenses_stripe_subscription_id_idx" ON "licenses" USING btree ("stripe_subscription_id");
  CREATE INDEX "licenses_updated_at_idx" ON "licenses" USING btree ("updated_at");
  CREATE INDEX "licenses_created_at_idx" ON "licenses" USING btree ("created_at");
  CREATE INDEX "invoices_customer_idx" ON "invoices" USING btree ("customer_id");
  CREATE UNIQUE INDEX "invoices_stripe_invoice_id_idx" ON "invoices" USING btree ("stripe_invoice_id");
  CREATE INDEX "invoices_stripe_subscription_id_idx" ON "invoices" USING btree ("stripe_subscription_id");
  CREATE INDEX "invoices_updated_at_idx" ON "invoices" USING btree ("updated_at");
  CREATE INDEX "invoices_created_at_idx" ON "invoices" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_purchases_fk" FOREIGN KEY ("purchases_id") REFERENCES "public"."purchases"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_educator_subscriptions_fk" FOREIGN KEY ("educator_subscriptions_id") REFERENCES "public"."educator_subscriptions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_payouts_fk" FOREIGN KEY ("payouts_id") REFERENCES "public"."payouts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_platform_fees_fk" FOREIGN KEY ("platform_fees_id") REFERENCES "public"."platform_fees"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_licenses_fk" FOREIGN KEY ("licenses_id") REFERENCES "public"."licenses"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_invoices_fk" FOREIGN KEY ("invoices_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "webhook_events_occurred_at_idx" ON "webhook_events" USING btree ("occurred_at");
  CREATE INDEX "payload_locked_documents_rels_purchases_id_idx" ON "payload_locked_documents_rels" USING btree ("purchases_id");
  CREATE INDEX "payload_locked_documents_rels_educator_subscriptions_id_idx" ON "payload_locked_documents_rels" USING btree ("educator_subscriptions_id");
  CREATE INDEX "payload_locked_documents_rels_payouts_id_idx" ON "payload_locked_documents_rels" USING btree ("payouts_id");
  CREATE INDEX "payload_locked_documents_rels_platform_fees_id_idx" ON "payload_locked_documents_rels" USING btree ("platform_fees_id");
  CREATE INDEX "payload_locked_documents_rels_licenses_id_idx" ON "payload_locked_documents_rels" USING btree ("licenses_id");
  CREATE INDEX "payload_locked_documents_rels_invoices_id_idx" ON "payload_locked_documents_rels" USING btree ("invoices_id");`)
  // The platform's fee by plan (admins edit these; each sale records the percentage it paid).
  await db.execute(sql`
  INSERT INTO "platform_fees" ("plan", "fee_percentage")
  VALUES ('basic', 10), ('pro', 6), ('enterprise', 0)
  ON CONFLICT ("plan") DO NOTHING;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "purchases" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "educator_subscriptions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payouts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "platform_fees" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "licenses" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "invoices" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "purchases" CASCADE;
  DROP TABLE "educator_subscriptions" CASCADE;
  DROP TABLE "payouts" CASCADE;
  DROP TABLE "platform_fees" CASCADE;
  DROP TABLE "licenses" CASCADE;
  DROP TABLE "invoices" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_purchases_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_educator_subscriptions_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_payouts_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_platform_fees_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_licenses_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_invoices_fk";
  
  DROP INDEX "webhook_events_occurred_at_idx";
  DROP INDEX "payload_locked_documents_rels_purchases_id_idx";
  DROP INDEX "payload_locked_documents_rels_educator_subscriptions_id_idx";
  DROP INDEX "payload_locked_documents_rels_payouts_id_idx";
  DROP INDEX "payload_locked_documents_rels_platform_fees_id_idx";
  DROP INDEX "payload_locked_documents_rels_licenses_id_idx";
  DROP INDEX "payload_locked_documents_rels_invoices_id_idx";
  ALTER TABLE "users" DROP COLUMN "stripe_customer_id";
  ALTER TABLE "users" DROP COLUMN "educator_profile_payouts_enabled";
  ALTER TABLE "webhook_events" DROP COLUMN "occurred_at";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "purchases_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "educator_subscriptions_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "payouts_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "platform_fees_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "licenses_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "invoices_id";
  DROP TYPE "public"."enum_purchases_status";
  DROP TYPE "public"."enum_purchases_currency";
  DROP TYPE "public"."enum_educator_subscriptions_plan";
  DROP TYPE "public"."enum_educator_subscriptions_status";
  DROP TYPE "public"."enum_payouts_currency";
  DROP TYPE "public"."enum_payouts_status";
  DROP TYPE "public"."enum_platform_fees_plan";
  DROP TYPE "public"."enum_licenses_status";
  DROP TYPE "public"."enum_invoices_status";
  DROP TYPE "public"."enum_invoices_currency";`)
}
