import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { enqueue } from '../../jobs/enqueue'
import { badRequest, notFound } from '../../lib/errors'
import { withTransaction } from '../../lib/http'
import { tr } from '../../admin/i18n'
import { isLanguage, localizedOptionLabel } from '../../lib/constants'
import { idOf } from '../../lib/ids'
import { lockRow } from '../../lib/locks'
import { execute, sql } from '../../lib/sql'
import type { Cohort, User } from '../../payload-types'
import { createInvitation } from '../accounts/invitations'
import { seatsOf } from '../payments/seats'

/** Addresses one call may add; a larger class goes in several calls. */
export const MAX_BULK_ADDRESSES = 1000

export type MemberStatus = 'added' | 'already_member' | 'invited' | 'invalid'
export type MemberResult = { email: string; status: MemberStatus; userId?: string; reason?: string }

const isEmail = z.email().max(254)

/** `"Ana Ruiz" <Ana@Example.org>;` → `ana@example.org` (quotes, angle brackets, mailto: dropped). */
export function normalizeEmail(raw: string) {
  let value = raw.trim()
  const angled = /<([^<>]*)>\s*$/.exec(value)
  if (angled) value = angled[1]
  return value
    .replace(/^mailto:/i, '')
    .replace(/^["'\s]+|["'\s,;]+$/g, '')
    .toLowerCase()
}

/** One CSV line's cells (double quotes as in RFC 4180). */
function csvCells(line: string) {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',' || c === ';' || c === '\t') {
      cells.push(cell)
      cell = ''
    } else cell += c
  }
  cells.push(cell)
  return cells.map((c) => c.trim())
}

/**
 * The addresses of a CSV: the `email` column when the first line is a header naming one,
 * otherwise the first column of every line. Blank lines are skipped.
 */
export function emailsFromCsv(csv: string) {
  const lines = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim())
  if (!lines.length) return []
  const header = csvCells(lines[0]).map((c) => c.toLowerCase())
  const column = header.findIndex((c) => c === 'email' || c === 'e-mail' || c === 'correo')
  if (column >= 0) return lines.slice(1).map((l) => csvCells(l)[column] ?? '')
  return lines.map((l) => csvCells(l)[0] ?? '')
}

/**
 * Normalises, de-duplicates (first occurrence wins) and validates addresses. Answers the valid
 * ones and the invalid ones as given.
 */
export function sortAddresses(raw: string[]) {
  const valid: string[] = []
  const invalid: string[] = []
  const seen = new Set<string>()
  for (const entry of raw) {
    const email = normalizeEmail(entry)
    if (!email && !entry.trim()) continue
    if (!isEmail.safeParse(email).success) {
      if (!invalid.includes(entry.trim())) invalid.push(entry.trim())
      continue
    }
    if (seen.has(email)) continue
    seen.add(email)
    valid.push(email)
  }
  return { valid, invalid }
}

const fullNameFrom = (email: string) => {
  const local = email
    .split('@')[0]
    .replace(/[._+-]+/g, ' ')
    .trim()
  const name = local.replace(/\b\w/g, (c) => c.toUpperCase())
  return (name || email).slice(0, 120)
}

/**
 * POST /api/institutions/:id/cohorts/:cohortId/students/bulk — in one transaction:
 * existing student accounts join the cohort (`added`, or `already_member`); unknown addresses get
 * a student account that cannot log in yet and an invitation email (`invited`); other accounts
 * (educators, institutions, admins) are `invalid`. Members join through cohort-enrollments, so
 * they are enrolled in the cohort's courses and paid courses need seats (402 and nothing written
 * when they do not fit). Invitation emails go through the outbox: a rollback sends none.
 *
 * Repeating the call changes nothing. Parallel calls are serialised on the cohort's row (the same
 * lock a cohort update takes, before its courses) and on each address (a transaction advisory
 * lock, in one order), so an address gets one account and one membership per cohort.
 */
export async function bulkAddStudents(
  req: PayloadRequest,
  cohort: Cohort,
  { emails, skipInvalid }: { emails: string[]; skipInvalid: boolean },
) {
  if (emails.length > MAX_BULK_ADDRESSES)
    throw badRequest(`emails: at most ${MAX_BULK_ADDRESSES} addresses per call`)
  const { valid, invalid } = sortAddresses(emails)
  if (!valid.length && !invalid.length) throw badRequest('emails: no address given')
  if (invalid.length && !skipInvalid) {
    throw badRequest(`emails: not valid email addresses: ${invalid.slice(0, 20).join(', ')}`, {
      invalid,
    })
  }
  const results = await withTransaction(req, async () => {
    if (!(await lockRow(req, 'cohorts', cohort.id))) throw notFound('Cohort not found')
    // Every address's lock in one statement, in one order (the sort runs before the locking).
    await execute(
      req,
      sql`select pg_advisory_xact_lock(hashtextextended('user-email:' || email, 0))
          from (select unnest(array[${sql.join(
            valid.map((email) => sql`${email}`),
            sql`, `,
          )}]::text[]) as email order by 1) addresses`,
    )
    const found = valid.length
      ? await req.payload.find({
          collection: 'users',
          where: { email: { in: valid } },
          depth: 0,
          pagination: false,
          select: { email: true, role: true },
          overrideAccess: true,
          req,
        })
      : { docs: [] as Pick<User, 'id' | 'email' | 'role'>[] }
    const byEmail = new Map(found.docs.map((u) => [String(u.email).toLowerCase(), u]))
    const studentIds = found.docs.filter((u) => u.role === 'student').map((u) => u.id)
    const members = studentIds.length
      ? await req.payload.find({
          collection: 'cohort-enrollments',
          where: { and: [{ cohort: { equals: cohort.id } }, { student: { in: studentIds } }] },
          depth: 0,
          pagination: false,
          select: { student: true },
          overrideAccess: true,
          req,
        })
      : { docs: [] }
    const memberIds = new Set(members.docs.map((m) => String(idOf(m.student))))

    const out: MemberResult[] = []
    for (const email of valid) {
      const existing = byEmail.get(email)
      if (existing && existing.role !== 'student') {
        out.push({
          email,
          status: 'invalid',
          reason: tr(req, 'readylab:reasonNotStudent', {
            role: localizedOptionLabel(existing.role, req.i18n.language).toLowerCase(),
          }),
        })
        continue
      }
      if (existing && memberIds.has(existing.id)) {
        out.push({ email, status: 'already_member', userId: existing.id })
        continue
      }
      let userId = existing?.id
      let status: MemberStatus = 'added'
      if (!userId) {
        // No password at all, so no login until the invitation sets one. Through the adapter:
        // Payload's create would hash a throwaway password (600,000 PBKDF2 rounds, ~0.1 s) for
        // every new address, inside this transaction; a student's create hooks do nothing else.
        const user = (await req.payload.db.create({
          collection: 'users',
          // The inviting account's language: its invitation email and page are in it.
          data: {
            email,
            fullName: fullNameFrom(email),
            role: 'student',
            ...(isLanguage(req.user?.language) ? { language: req.user.language } : {}),
          },
          req,
        })) as Pick<User, 'id' | 'email'>
        const invitation = await createInvitation(req, { user, cohortId: cohort.id })
        await enqueue(
          req,
          'invitation.email',
          { invitationId: invitation.id },
          { key: `invitation-${invitation.id}` },
        )
        userId = user.id
        status = 'invited'
      }
      await req.payload.create({
        collection: 'cohort-enrollments',
        data: { cohort: cohort.id, student: userId },
        depth: 0,
        overrideAccess: true, // the caller owns the cohort (checked by the endpoint)
        req,
      })
      out.push({ email, status, userId })
    }
    return out
  })
  for (const entry of invalid) {
    results.push({ email: entry, status: 'invalid', reason: tr(req, 'readylab:reasonNotEmail') })
  }
  const count = (status: MemberStatus) => results.filter((r) => r.status === status).length
  return {
    results,
    summary: {
      added: count('added'),
      alreadyMember: count('already_member'),
      invited: count('invited'),
      invalid: count('invalid'),
    },
    seats: await seatsOf(req, String(idOf(cohort.institution))),
  }
}
