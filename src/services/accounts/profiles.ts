import type { PayloadRequest } from 'payload'

import type { Language, TeachingStyle, Topic } from '../../lib/constants'
import type { User } from '../../payload-types'
import { updateUser } from './users'

type InstitutionDetails = {
  organizationName?: string
  contactTitle?: string
  phone?: string
  customRequests?: string
}

export const completeStudentOnboarding = (
  req: PayloadRequest,
  user: User,
  input: { interests: Topic[]; language?: Language },
) =>
  updateUser(req, user.id, {
    ...(input.language ? { language: input.language } : {}),
    studentProfile: { interests: input.interests, onboardingCompleted: true },
  })

export const setStudentInterests = (req: PayloadRequest, user: User, interests: Topic[]) =>
  updateUser(req, user.id, { studentProfile: { interests } })

export const setLanguage = (req: PayloadRequest, user: User, language: Language) =>
  updateUser(req, user.id, { language })

export const completeEducatorOnboarding = (
  req: PayloadRequest,
  user: User,
  input: { expertiseTags: Topic[]; teachingStyles: TeachingStyle[]; bio?: string },
) =>
  updateUser(req, user.id, {
    ...(input.bio !== undefined ? { bio: input.bio } : {}),
    educatorProfile: {
      expertiseTags: input.expertiseTags,
      teachingStyles: input.teachingStyles,
      onboardingCompleted: true,
    },
  })

export const updateEducatorProfile = (
  req: PayloadRequest,
  user: User,
  input: { fullName?: string; bio?: string | null; expertiseTags?: Topic[] },
) =>
  updateUser(req, user.id, {
    ...(input.fullName !== undefined ? { fullName: input.fullName } : {}),
    ...(input.bio !== undefined ? { bio: input.bio } : {}),
    ...(input.expertiseTags ? { educatorProfile: { expertiseTags: input.expertiseTags } } : {}),
  })

export const setTeachingStyles = (
  req: PayloadRequest,
  user: User,
  teachingStyles: TeachingStyle[],
) => updateUser(req, user.id, { educatorProfile: { teachingStyles } })

export const completeInstitutionOnboarding = (
  req: PayloadRequest,
  user: User,
  input: InstitutionDetails & { organizationName: string },
) => updateUser(req, user.id, { institutionProfile: { ...input, onboardingCompleted: true } })

export const updateInstitutionProfile = (
  req: PayloadRequest,
  user: User,
  input: InstitutionDetails & { fullName?: string },
) => {
  const { fullName, ...institutionProfile } = input
  return updateUser(req, user.id, {
    ...(fullName !== undefined ? { fullName } : {}),
    ...(Object.keys(institutionProfile).length ? { institutionProfile } : {}),
  })
}

export type InquiryInput = {
  organizationName: string
  contactName: string
  email: string
  phone?: string
  contactTitle?: string
  organizationSize?: string
  message?: string
}

/** Public lead form; stored for admins to follow up. */
export const createInstitutionInquiry = (req: PayloadRequest, input: InquiryInput) =>
  req.payload.create({
    collection: 'institution-inquiries',
    data: { ...input, email: input.email.toLowerCase() },
    // Public lead form through its validating endpoint; the collection is admin-only over REST.
    overrideAccess: true,
    req,
  })
