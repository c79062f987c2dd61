import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// The admin's course list reads the latest version rows (drafts are on), while the counters the
// server keeps (enrollments, ratings) change only the course row: the list showed 0 enrollments
// for a course with 11. The database now copies each counter to the latest version as it changes.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE FUNCTION "courses_counters_to_latest_version"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE "_courses_v" SET
      "version_total_enrollments" = NEW."total_enrollments",
      "version_average_rating" = NEW."average_rating",
      "version_review_count" = NEW."review_count",
      "version_rating_sum" = NEW."rating_sum"
    WHERE "parent_id" = NEW."id" AND "latest";
    RETURN NULL;
  END $$;
  CREATE TRIGGER "courses_counters_to_latest_version"
    AFTER UPDATE OF "total_enrollments", "average_rating", "review_count", "rating_sum" ON "courses"
    FOR EACH ROW WHEN (
      OLD."total_enrollments" IS DISTINCT FROM NEW."total_enrollments"
      OR OLD."average_rating" IS DISTINCT FROM NEW."average_rating"
      OR OLD."review_count" IS DISTINCT FROM NEW."review_count"
      OR OLD."rating_sum" IS DISTINCT FROM NEW."rating_sum")
    EXECUTE FUNCTION "courses_counters_to_latest_version"();
  UPDATE "_courses_v" v SET
    "version_total_enrollments" = c."total_enrollments",
    "version_average_rating" = c."average_rating",
    "version_review_count" = c."review_count",
    "version_rating_sum" = c."rating_sum"
  FROM "courses" c WHERE v."parent_id" = c."id" AND v."latest";`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TRIGGER "courses_counters_to_latest_version" ON "courses";
  DROP FUNCTION "courses_counters_to_latest_version"();`)
}
