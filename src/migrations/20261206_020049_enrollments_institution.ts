import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "enrollments" ADD COLUMN "institution_id" uuid;
  ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_institution_id_users_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "enrollments_institution_idx" ON "enrollments" USING btree ("institution_id");
  CREATE INDEX "institution_createdAt_idx" ON "enrollments" USING btree ("institution_id","created_at");`)
  // Which institutions may read an enrollment: those with a cohort holding both its student and
  // its course. One of them (the lowest id) is enrollments.institution_id, any others are rows of
  // enrollment_extra_institutions (a student in two institutions' cohorts for the same course).
  // The database keeps both, whoever writes (Payload, set-based SQL, foreign-key cascades):
  // every change to memberships, cohort courses, a cohort's institution or enrollments recomputes
  // the affected students' enrollments. The students' rows are locked first, so two transactions
  // changing one student's memberships or enrollments take turns and the second sees the first.
  await db.execute(sql`
  CREATE TABLE "enrollment_extra_institutions" (
    "enrollment_id" uuid NOT NULL REFERENCES "enrollments"("id") ON DELETE CASCADE,
    "institution_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
    PRIMARY KEY ("institution_id", "enrollment_id")
  );
  CREATE INDEX "enrollment_extra_institutions_enrollment_idx"
    ON "enrollment_extra_institutions" ("enrollment_id");

  CREATE FUNCTION "enrollments_refresh_institutions"(students uuid[]) RETURNS void
  LANGUAGE plpgsql AS $$
  BEGIN
    IF coalesce(array_length(students, 1), 0) = 0 THEN RETURN; END IF;
    PERFORM 1 FROM "users" WHERE "id" = ANY(students) ORDER BY "id" FOR NO KEY UPDATE;
    WITH targets AS (
      SELECT e."id", e."student_id", e."course_id", e."institution_id"
      FROM "enrollments" e WHERE e."student_id" = ANY(students)
    ), ranked AS (
      SELECT r."enrollment_id", r."institution_id",
        row_number() OVER (PARTITION BY r."enrollment_id" ORDER BY r."institution_id") AS n
      FROM (
        SELECT DISTINCT t."id" AS "enrollment_id", c."institution_id"
        FROM targets t
        JOIN "cohort_enrollments" m ON m."student_id" = t."student_id"
        JOIN "cohorts" c ON c."id" = m."cohort_id" AND c."institution_id" IS NOT NULL
        JOIN "cohorts_rels" cr ON cr."parent_id" = c."id" AND cr."path" = 'courses'
          AND cr."courses_id" = t."course_id"
      ) r
    ), primary_set AS (
      UPDATE "enrollments" e SET "institution_id" = r."institution_id"
      FROM targets t LEFT JOIN ranked r ON r."enrollment_id" = t."id" AND r.n = 1
      WHERE e."id" = t."id" AND t."institution_id" IS DISTINCT FROM r."institution_id"
    ), extras_gone AS (
      DELETE FROM "enrollment_extra_institutions" x USING targets t
      WHERE x."enrollment_id" = t."id" AND NOT EXISTS (
        SELECT 1 FROM ranked r WHERE r."enrollment_id" = x."enrollment_id"
          AND r."institution_id" = x."institution_id" AND r.n > 1)
    )
    INSERT INTO "enrollment_extra_institutions" ("enrollment_id", "institution_id")
    SELECT "enrollment_id", "institution_id" FROM ranked WHERE n > 1
    ON CONFLICT DO NOTHING;
  END $$;

  CREATE FUNCTION "refresh_institutions_of_new_students"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM "enrollments_refresh_institutions"(
      (SELECT array_agg(DISTINCT "student_id") FROM new_rows WHERE "student_id" IS NOT NULL));
    RETURN NULL;
  END $$;
  CREATE FUNCTION "refresh_institutions_of_old_students"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM "enrollments_refresh_institutions"(
      (SELECT array_agg(DISTINCT "student_id") FROM old_rows WHERE "student_id" IS NOT NULL));
    RETURN NULL;
  END $$;
  CREATE FUNCTION "refresh_institutions_of_changed_students"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM "enrollments_refresh_institutions"((SELECT array_agg(DISTINCT s) FROM (
      SELECT "student_id" FROM old_rows UNION SELECT "student_id" FROM new_rows) x(s)
      WHERE s IS NOT NULL));
    RETURN NULL;
  END $$;

  CREATE TRIGGER "enrollments_institutions_insert" AFTER INSERT ON "enrollments"
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "refresh_institutions_of_new_students"();
  CREATE FUNCTION "refresh_institutions_of_moved_enrollment"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM "enrollments_refresh_institutions"(ARRAY[OLD."student_id", NEW."student_id"]);
    RETURN NULL;
  END $$;
  CREATE TRIGGER "enrollments_institutions_update" AFTER UPDATE OF "student_id", "course_id"
    ON "enrollments" FOR EACH ROW
    WHEN (OLD."student_id" IS DISTINCT FROM NEW."student_id" OR OLD."course_id" IS DISTINCT FROM NEW."course_id")
    EXECUTE FUNCTION "refresh_institutions_of_moved_enrollment"();
  CREATE TRIGGER "cohort_enrollments_institutions_insert" AFTER INSERT ON "cohort_enrollments"
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "refresh_institutions_of_new_students"();
  CREATE TRIGGER "cohort_enrollments_institutions_delete" AFTER DELETE ON "cohort_enrollments"
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "refresh_institutions_of_old_students"();
  CREATE TRIGGER "cohort_enrollments_institutions_update" AFTER UPDATE ON "cohort_enrollments"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "refresh_institutions_of_changed_students"();

  CREATE FUNCTION "refresh_institutions_of_cohort_members"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM "enrollments_refresh_institutions"((SELECT array_agg(DISTINCT m."student_id")
      FROM "cohort_enrollments" m WHERE m."cohort_id" IN (
        SELECT "parent_id" FROM changed_rows WHERE "path" = 'courses')));
    RETURN NULL;
  END $$;
  CREATE TRIGGER "cohorts_rels_institutions_insert" AFTER INSERT ON "cohorts_rels"
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "refresh_institutions_of_cohort_members"();
  CREATE TRIGGER "cohorts_rels_institutions_delete" AFTER DELETE ON "cohorts_rels"
    REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "refresh_institutions_of_cohort_members"();

  CREATE FUNCTION "refresh_institutions_of_cohort"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM "enrollments_refresh_institutions"((SELECT array_agg(DISTINCT "student_id")
      FROM "cohort_enrollments" WHERE "cohort_id" = NEW."id"));
    RETURN NULL;
  END $$;
  CREATE TRIGGER "cohorts_institution_update" AFTER UPDATE OF "institution_id" ON "cohorts"
    FOR EACH ROW WHEN (OLD."institution_id" IS DISTINCT FROM NEW."institution_id")
    EXECUTE FUNCTION "refresh_institutions_of_cohort"();

  SELECT "enrollments_refresh_institutions"(
    (SELECT array_agg(DISTINCT "student_id") FROM "cohort_enrollments"));
  ANALYZE "enrollments";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TRIGGER "cohorts_institution_update" ON "cohorts";
  DROP TRIGGER "cohorts_rels_institutions_insert" ON "cohorts_rels";
  DROP TRIGGER "cohorts_rels_institutions_delete" ON "cohorts_rels";
  DROP TRIGGER "cohort_enrollments_institutions_insert" ON "cohort_enrollments";
  DROP TRIGGER "cohort_enrollments_institutions_delete" ON "cohort_enrollments";
  DROP TRIGGER "cohort_enrollments_institutions_update" ON "cohort_enrollments";
  DROP TRIGGER "enrollments_institutions_insert" ON "enrollments";
  DROP TRIGGER "enrollments_institutions_update" ON "enrollments";
  DROP FUNCTION "refresh_institutions_of_moved_enrollment"();
  DROP FUNCTION "refresh_institutions_of_cohort"();
  DROP FUNCTION "refresh_institutions_of_cohort_members"();
  DROP FUNCTION "refresh_institutions_of_changed_students"();
  DROP FUNCTION "refresh_institutions_of_old_students"();
  DROP FUNCTION "refresh_institutions_of_new_students"();
  DROP FUNCTION "enrollments_refresh_institutions"(uuid[]);
  DROP TABLE "enrollment_extra_institutions";
   ALTER TABLE "enrollments" DROP CONSTRAINT "enrollments_institution_id_users_id_fk";
  
  DROP INDEX "enrollments_institution_idx";
  DROP INDEX "institution_createdAt_idx";
  ALTER TABLE "enrollments" DROP COLUMN "institution_id";`)
}
