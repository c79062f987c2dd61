import { z } from 'zod'

import { badRequest } from '../../lib/errors'
import { json, readBody } from '../../lib/http'
import type { DocumentedEndpoint } from '../../openapi/operation'
import { uuid } from '../../openapi/schema'
import { ownedCohort } from '../../services/certificates/bulk'
import { bulkAddStudents, emailsFromCsv, MAX_BULK_ADDRESSES } from '../../services/cohorts/members'

export const bulkStudentsSchema = z
  .object({
    emails: z
      .array(z.string().max(1000))
      .max(MAX_BULK_ADDRESSES, `at most ${MAX_BULK_ADDRESSES} addresses per call`)
      .optional()
      .describe('Addresses; normalised (trimmed, lower-cased) and de-duplicated'),
    csv: z
      .string()
      .max(512 * 1024)
      .optional()
      .describe(
        'CSV text instead: the `email` column if the header names one, else the first column',
      ),
    skipInvalid: z
      .boolean()
      .default(false)
      .describe('Add the valid addresses and report the invalid ones, instead of a 400'),
  })
  .strict()

const memberResult = z.object({
  email: z.string(),
  status: z.enum(['added', 'already_member', 'invited', 'invalid']),
  userId: uuid.optional(),
  reason: z.string().optional(),
})

const bulkAnswer = z.object({
  results: z.array(memberResult),
  summary: z.object({
    added: z.number().int(),
    alreadyMember: z.number().int(),
    invited: z.number().int(),
    invalid: z.number().int(),
  }),
  seats: z.object({
    total: z.number().int(),
    used: z.number().int(),
    available: z.number().int(),
  }),
})

export const cohortEndpoints: DocumentedEndpoint[] = [
  {
    path: '/institutions/:id/cohorts/:cohortId/students/bulk',
    method: 'post',
    custom: {
      openapi: {
        tags: ['institutions'],
        summary: 'Add students to a cohort by email, in bulk',
        description:
          'The institution that owns the cohort, or an admin. `emails` or `csv` (up to ' +
          `${MAX_BULK_ADDRESSES} addresses). Existing student accounts join the cohort (and its ` +
          'courses); unknown addresses get a student account and an invitation email to set a ' +
          'password (valid INVITATION_EXPIRY_DAYS, 7 by default). One transaction: all or ' +
          'nothing. Repeating the call changes nothing (`already_member`). Accounts of other ' +
          'roles are answered `invalid`.',
        access: 'user',
        body: bulkStudentsSchema,
        responses: { 200: { description: 'One result per address', schema: bulkAnswer } },
        errors: {
          400: 'No address, more than the cap, or invalid addresses (listed in `data.invalid`) without skipInvalid',
          402: 'The cohort has a paid course and the institution has not enough seats (nothing written)',
          403: 'Neither that institution nor an admin',
          404: 'Unknown cohort of that institution',
        },
      },
    },
    handler: async (req) => {
      const cohort = await ownedCohort(req, req.routeParams?.id, req.routeParams?.cohortId)
      const body = await readBody(req, bulkStudentsSchema)
      if (body.emails && body.csv !== undefined)
        throw badRequest('body: send either emails or csv, not both')
      const emails = body.emails ?? (body.csv !== undefined ? emailsFromCsv(body.csv) : null)
      if (!emails) throw badRequest('emails: required (or csv)')
      return json(await bulkAddStudents(req, cohort, { emails, skipInvalid: body.skipInvalid }))
    },
  },
]
