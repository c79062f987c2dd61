import { emailInvitation } from '../services/accounts/invitations'
import type { JobDefinition } from './definition'

/** Queued with a new invitation (services/cohorts/members.ts); sends nothing once used or expired. */
export const emailInvitationJob: JobDefinition<{ invitationId: string }> = {
  queue: 'email',
  handler: ({ invitationId }, { payload }) => emailInvitation(payload, invitationId),
}
