import PDFDocument from 'pdfkit'
import type { PayloadRequest } from 'payload'

import { execute, sql } from '../../lib/sql'
import { loadFonts } from '../certificates/pdf'
import { now } from './clock'
import { memberCoursesSQL } from './institutions'
import { round2 } from './metrics'

export const CSV_COLUMNS = [
  'cohort',
  'studentName',
  'studentEmail',
  'course',
  'progressPercentage',
  'completedAt',
  'certificateCode',
] as const

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
export function csvCell(value: unknown) {
  let text = value == null ? '' : value instanceof Date ? value.toISOString() : String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

const BATCH = 500

const scopeOf = (institutionId: string, cohortId?: string) =>
  cohortId
    ? sql`co.institution_id = ${institutionId} and co.id = ${cohortId}`
    : sql`co.institution_id = ${institutionId}`

/**
 * The export as a CSV stream, one row per member × cohort course, read through a server-side
 * cursor in batches: memory stays flat however many rows there are. The cursor lives on its own
 * pooled connection, released when the stream ends or the client goes away.
 */
export async function exportCsv(req: PayloadRequest, institutionId: string, cohortId?: string) {
  const query = sql`${memberCoursesSQL(scopeOf(institutionId, cohortId))}
    order by co.name, u.full_name, m.student_id, c.title`
  const db = req.payload.db
  const { sql: text, params } = (
    db.drizzle as unknown as {
      dialect: { sqlToQuery(q: unknown): { sql: string; params: unknown[] } }
    }
  ).dialect.sqlToQuery(query)
  const client = await db.pool.connect()
  let open = true
  const finish = async (err?: Error) => {
    if (!open) return
    open = false
    await client.query(err ? 'rollback' : 'commit').catch(() => {})
    client.release(err)
  }
  try {
    await client.query('begin read only')
    await client.query(`declare report_rows no scroll cursor for ${text}`, params)
  } catch (err) {
    await finish(err as Error)
    throw err
  }
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${CSV_COLUMNS.join(',')}\r\n`))
    },
    async pull(controller) {
      try {
        const { rows } = await client.query(`fetch ${BATCH} from report_rows`)
        if (rows.length) {
          const lines = rows.map((r: Record<string, unknown>) =>
            [
              r.cohortName,
              r.fullName,
              r.email,
              r.title,
              Number(r.progressPercentage ?? 0),
              // pg gives a Date here; String(date) would drop the milliseconds.
              r.completedAt ? new Date(r.completedAt as string | Date).toISOString() : '',
              r.certificateCode,
            ]
              .map(csvCell)
              .join(','),
          )
          controller.enqueue(encoder.encode(`${lines.join('\r\n')}\r\n`))
        }
        if (rows.length < BATCH) {
          await finish()
          controller.close()
        }
      } catch (err) {
        await finish(err as Error)
        controller.error(err)
      }
    },
    async cancel() {
      await finish()
    },
  })
}

/** A one-page PDF summary: the numbers and a completion bar per course. */
export async function exportPdf(
  req: PayloadRequest,
  institutionId: string,
  { title, cohortId }: { title: string; cohortId?: string },
): Promise<Buffer> {
  const perCourse = await execute<{
    title: string
    members: string
    completed: string
    progress: string
    certificates: string
  }>(
    req,
    sql`select t.title, count(*) as members, count(t."completedAt") as completed,
          avg(t."progressPercentage") as progress, count(t."certificateId") as certificates
        from (${memberCoursesSQL(scopeOf(institutionId, cohortId))}) t
        group by t."courseId", t.title order by t.title`,
  )
  const [students] = await execute<{ n: string }>(
    req,
    sql`select count(distinct m.student_id) as n from cohort_enrollments m
        join cohorts co on co.id = m.cohort_id where ${scopeOf(institutionId, cohortId)}`,
  )
  const pairs = perCourse.reduce((s, c) => s + Number(c.members), 0)
  const completed = perCourse.reduce((s, c) => s + Number(c.completed), 0)
  const certificates = perCourse.reduce((s, c) => s + Number(c.certificates), 0)
  const progress = pairs
    ? perCourse.reduce((s, c) => s + Number(c.progress) * Number(c.members), 0) / pairs
    : 0

  const { regular, bold } = loadFonts()
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: title, Author: 'The Ready Lab' },
  })
  doc.registerFont('regular', regular)
  doc.registerFont('bold', bold)
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))

  doc.font('bold').fontSize(20).fillColor('#1f2937').text(title)
  doc
    .font('regular')
    .fontSize(10)
    .fillColor('#6b7280')
    .text(`Generated ${now().toISOString().slice(0, 16).replace('T', ' ')} UTC`)
  doc.moveDown()
  const figures: [string, string][] = [
    ['Students', String(Number(students?.n ?? 0))],
    ['Course enrollments', String(pairs)],
    ['Average progress', `${round2(progress)}%`],
    ['Completion rate', `${pairs ? round2((completed / pairs) * 100) : 0}%`],
    ['Certificates issued', String(certificates)],
  ]
  for (const [label, value] of figures) {
    doc.font('regular').fontSize(12).fillColor('#374151').text(`${label}: `, { continued: true })
    doc.font('bold').text(value)
  }
  doc.moveDown()
  doc.font('bold').fontSize(14).fillColor('#1f2937').text('Completion by course')
  doc.moveDown(0.5)
  const left = 50
  const barLeft = 240
  const barWidth = 190
  let y = doc.y
  for (const course of perCourse.slice(0, 18)) {
    const rate = Number(course.members) ? Number(course.completed) / Number(course.members) : 0
    doc.font('regular').fontSize(10).fillColor('#374151')
    doc.text(course.title, left, y + 2, { width: barLeft - left - 10, height: 14, ellipsis: true })
    doc.rect(barLeft, y, barWidth, 14).fill('#e5e7eb')
    if (rate > 0) doc.rect(barLeft, y, Math.max(1, barWidth * rate), 14).fill('#2563eb')
    doc
      .fillColor('#374151')
      .text(
        `${round2(rate * 100)}% (${course.completed}/${course.members})`,
        barLeft + barWidth + 8,
        y + 2,
        { width: 545 - (barLeft + barWidth + 8), lineBreak: false },
      )
    y += 24
  }
  if (!perCourse.length) doc.font('regular').fontSize(11).text('No cohort courses yet.', left, y)
  doc.end()
  return done
}
