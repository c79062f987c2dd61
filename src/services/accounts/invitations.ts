import { createHash, createHmac, randomBytes } from 'node:crypto'

import { eq } from '@payloadcms/db-postgres/drizzle'
import type { Payload, PayloadRequest } from 'payload'

import { badRequest, gone, notFound } from '../../lib/errors'
import { escapeHtml } from '../../lib/html'
import { withTransaction } from '../../lib/http'
import { languageI18n, tr } from '../../admin/i18n'
import { isLanguage, payloadSecret } from '../../lib/constants'
import { table, transactionDb } from '../../lib/sql'
import type { User, UserInvitation } from '../../payload-types'
import { publicUrl } from '../email'
import { login } from './auth'

const DAY_MS = 24 * 60 * 60 * 1000
export const invitationExpiryMs = () => Number(process.env.INVITATION_EXPIRY_DAYS || 7) * DAY_MS

/**
 * The token in an invitation link: an HMAC of the row's nonce under the server secret. Only its
 * hash is stored, and the email job derives it again, so the token itself is never written down.
 */
export const invitationToken = (nonce: string) =>
  createHmac('sha256', payloadSecret()).update(`user-invitation:${nonce}`).digest('base64url')

export const hashInvitationToken = (token: string) =>
  createHash('sha256').update(token).digest('hex')

export const invitationLink = (token: string) =>
  `${publicUrl()}/api/auth/invitations/${encodeURIComponent(token)}`

/** A new pending invitation for `user` (in req's transaction). */
export async function createInvitation(
  req: PayloadRequest,
  { user, cohortId }: { user: Pick<User, 'id' | 'email'>; cohortId?: string },
) {
  const nonce = randomBytes(24).toString('base64url')
  return req.payload.create({
    collection: 'user-invitations',
    data: {
      email: user.email,
      user: user.id,
      cohort: cohortId,
      invitedBy: req.user?.id,
      tokenNonce: nonce,
      tokenHash: hashInvitationToken(invitationToken(nonce)),
      expiresAt: new Date(Date.now() + invitationExpiryMs()).toISOString(),
    },
    depth: 0,
    overrideAccess: true, // system write: not writable over any API
    req,
  })
}

/** What redeeming a token needs of its invitation. */
type Invitation = Pick<UserInvitation, 'id' | 'email' | 'expiresAt' | 'acceptedAt'> & {
  user: string | null
  /** The invited account's language (set from the inviting account's when it was made). */
  language: NonNullable<User['language']> | null
}

type InvitationState =
  | { state: 'valid'; invitation: Invitation }
  | { state: 'used' | 'expired'; invitation: Invitation }
  | { state: 'unknown' }

/** Reads (and in a transaction, locks) the invitation a token names, with its account's language, in one query. */
async function invitationFor(req: PayloadRequest, token: unknown): Promise<InvitationState> {
  if (typeof token !== 'string' || !token || token.length > 512) return { state: 'unknown' }
  const rows = table(req, 'user-invitations', [
    'id',
    'email',
    'user',
    'expiresAt',
    'acceptedAt',
    'tokenHash',
  ])
  const users = table(req, 'users', ['id', 'language'])
  const [row] = await (
    await transactionDb(req)
  )
    .select({
      id: rows.id,
      email: rows.email,
      user: rows.user,
      language: users.language,
      expiresAt: rows.expiresAt,
      acceptedAt: rows.acceptedAt,
    })
    .from(rows)
    .leftJoin(users, eq(users.id, rows.user))
    .where(eq(rows.tokenHash, hashInvitationToken(token)))
    .for('update', { of: rows })
  if (!row) return { state: 'unknown' }
  const invitation: Invitation = {
    id: String(row.id),
    email: String(row.email),
    user: row.user ? String(row.user) : null,
    language: isLanguage(row.language) ? row.language : null,
    expiresAt: new Date(row.expiresAt as string).toISOString(),
    acceptedAt: row.acceptedAt ? new Date(row.acceptedAt as string).toISOString() : null,
  }
  if (invitation.acceptedAt) return { state: 'used', invitation }
  if (new Date(invitation.expiresAt).getTime() <= Date.now())
    return { state: 'expired', invitation }
  return { state: 'valid', invitation }
}

const failure = (state: InvitationState['state']) => {
  if (state === 'used')
    return gone('token: this invitation has already been used; log in or reset your password')
  if (state === 'expired')
    return gone('token: this invitation has expired; ask your institution to add you again')
  return notFound('token: no invitation matches this link')
}

/**
 * What the invitation page shows of a link: whether it can be used, its address, and the invited
 * person's language (set from the inviting account's when the account was made), in which their
 * email was written. No transaction: nothing is written.
 */
export async function invitationForPage(req: PayloadRequest, token: unknown) {
  const found = await invitationFor(req, token)
  if (found.state === 'unknown') return { state: found.state, email: null, language: null }
  const { email, language } = found.invitation
  return { state: found.state, email, language }
}

/** GET /api/auth/invitations/:token — whether the link can still be used (no personal data but the address). */
export async function checkInvitation(req: PayloadRequest, token: unknown) {
  const found = await invitationFor(req, token)
  if (found.state !== 'valid') throw failure(found.state)
  return {
    valid: true as const,
    email: found.invitation.email,
    expiresAt: found.invitation.expiresAt,
  }
}

/**
 * POST /api/auth/invitations/accept: sets the password (and the name), marks the address verified,
 * uses the invitation up, then logs the student in. Two parallel accepts: one wins, the other 410.
 */
export async function acceptInvitation(
  req: PayloadRequest,
  { token, password, name }: { token: string; password: string; name?: string },
) {
  const email = await withTransaction(req, async () => {
    const found = await invitationFor(req, token)
    if (found.state !== 'valid') throw failure(found.state)
    const userId = found.invitation.user
    if (!userId) throw notFound('token: the invited account no longer exists')
    const user = await req.payload.update({
      collection: 'users',
      id: userId,
      data: {
        password,
        emailVerifiedAt: new Date().toISOString(),
        ...(name ? { fullName: name } : {}),
      } as Partial<User> & { password: string },
      depth: 0,
      overrideAccess: true, // the single-use token is the authorization
      req,
    })
    const now = new Date().toISOString()
    // Every pending invitation of this account is spent: one password, one link that worked.
    await req.payload.update({
      collection: 'user-invitations',
      where: { and: [{ user: { equals: userId } }, { acceptedAt: { exists: false } }] },
      data: { acceptedAt: now },
      depth: 0,
      overrideAccess: true,
      req,
    })
    return user.email
  })
  if (!email) throw badRequest('token: the invited account has no email address')
  return login(req, email, password)
}

/** The invitation email (queued in the transaction that created the invitation), in the invitee's language. */
export async function emailInvitation(payload: Payload, invitationId: string) {
  const invitation = await payload.findByID({
    collection: 'user-invitations',
    id: invitationId,
    depth: 1,
    disableErrors: true,
    overrideAccess: true,
    showHiddenFields: true,
  })
  // Used, expired or gone since it was queued: nothing to send (the job may run again).
  if (!invitation || invitation.acceptedAt) return { sent: false }
  if (new Date(invitation.expiresAt).getTime() <= Date.now()) return { sent: false }
  const cohort = typeof invitation.cohort === 'object' ? invitation.cohort : null
  const inviter = typeof invitation.invitedBy === 'object' ? invitation.invitedBy : null
  const invitee = typeof invitation.user === 'object' ? invitation.user : null
  const language = isLanguage(invitee?.language) ? invitee.language : 'en'
  const i18n = { i18n: await languageI18n(payload, language) }
  const organization =
    inviter?.institutionProfile?.organizationName ||
    inviter?.fullName ||
    tr(i18n, 'readylab:inviteYourInstitution')
  const link = invitationLink(invitationToken(invitation.tokenNonce))
  const expires =
    new Intl.DateTimeFormat(language, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'UTC',
    }).format(new Date(invitation.expiresAt)) + ' UTC'
  /** The "added you" line, its names escaped for the HTML part. */
  const added = (escape: (text: string) => string) =>
    cohort
      ? tr(i18n, 'readylab:inviteAddedToCohort', {
          organization: escape(organization),
          cohort: escape(cohort.name),
        })
      : tr(i18n, 'readylab:inviteAdded', { organization: escape(organization) })
  const setPassword = tr(i18n, 'readylab:inviteSetPassword')
  const expiry = tr(i18n, 'readylab:inviteExpires', { date: expires })
  await payload.sendEmail({
    to: invitation.email,
    subject: tr(i18n, 'readylab:inviteSubject', { organization }),
    html: `<p>${added(escapeHtml)}</p>
<p>${escapeHtml(setPassword)} <a href="${link}">${link}</a></p>
<p>${escapeHtml(expiry)}</p>`,
    text: `${added((text) => text)}\n${setPassword} ${link}\n${expiry}`,
  })
  return { sent: true }
}
