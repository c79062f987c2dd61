import type { PayloadRequest } from 'payload'

import { richTextToText } from '../../lib/richText'
import { execute, sql } from '../../lib/sql'
import type { CatalogCourse, CoEnrollment, StudentProfile } from './ranking'

type Row = Record<string, unknown>
const list = (v: unknown) => (Array.isArray(v) ? (v as unknown[]).filter(Boolean).map(String) : [])

/**
 * The published catalog as the ranking sees it, with tags, styles, prerequisites and enrollment
 * counts (one query per relation table, not per course).
 */
export async function loadCatalog(req: PayloadRequest): Promise<CatalogCourse[]> {
  const rows = await execute<Row>(
    req,
    sql`select c.id, c.title, c.description, c.educator_id as educator, c.total_enrollments as enrollments,
          (select array_agg(t.value) from courses_tags t where t.parent_id = c.id) as tags,
          (select array_agg(s.value) from courses_teaching_styles s where s.parent_id = c.id) as styles,
          (select array_agg(r.courses_id) from courses_rels r
            where r.parent_id = c.id and r.path = 'prerequisites') as prerequisites
        from courses c where c._status = 'published'`,
  )
  return rows.map((r) => ({
    id: String(r.id),
    title: String(r.title),
    text: richTextToText(r.description),
    tags: list(r.tags),
    teachingStyles: list(r.styles),
    enrollments: Number(r.enrollments ?? 0),
    prerequisites: list(r.prerequisites),
    educator: r.educator ? String(r.educator) : null,
  }))
}

/** Course → students, for item-to-item co-enrollment. */
export async function loadCoEnrollment(req: PayloadRequest): Promise<CoEnrollment> {
  const rows = await execute<{ course: string; student: string }>(
    req,
    sql`select e.course_id as course, e.student_id as student from enrollments e
        join courses c on c.id = e.course_id where c._status = 'published'`,
  )
  const co: CoEnrollment = new Map()
  for (const { course, student } of rows) {
    let set = co.get(course)
    if (!set) co.set(course, (set = new Set()))
    set.add(student)
  }
  return co
}

export async function loadStudent(req: PayloadRequest, studentId: string): Promise<StudentProfile> {
  const interests = await execute<{ value: string }>(
    req,
    sql`select value::text as value from users_student_profile_interests where parent_id = ${studentId}`,
  )
  const enrollments = await execute<{ course: string; completed: boolean }>(
    req,
    sql`select course_id as course, completed_at is not null as completed
        from enrollments where student_id = ${studentId}`,
  )
  return {
    id: studentId,
    interests: interests.map((i) => i.value),
    taken: enrollments.map((e) => e.course),
    completed: enrollments.filter((e) => e.completed).map((e) => e.course),
  }
}

/**
 * What changes a student's recommendations: their enrollments and completions, their interests,
 * and the published catalog. Part of the cache key, so any of these changing misses the cache.
 */
export async function recommendationVersion(req: PayloadRequest, studentId: string) {
  const [row] = await execute<Row>(
    req,
    sql`select
          (select count(*) || ':' || coalesce(max(updated_at)::text, '') from enrollments
            where student_id = ${studentId}) as mine,
          (select coalesce(string_agg(value::text, ',' order by value::text), '') from users_student_profile_interests
            where parent_id = ${studentId}) as interests,
          (select count(*) || ':' || coalesce(max(updated_at)::text, '') from courses
            where _status = 'published') as catalog`,
  )
  return `${row?.mine}|${row?.interests}|${row?.catalog}`
}
