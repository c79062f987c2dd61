import { z } from 'zod'

import { LANGUAGES } from '../../lib/constants'
import { json, readBody } from '../../lib/http'
import type { DocumentedEndpoint, Operation } from '../../openapi/operation'
import { docOf, uuid } from '../../openapi/schema'
import {
  completeEducatorOnboarding,
  completeInstitutionOnboarding,
  completeStudentOnboarding,
  createInstitutionInquiry,
  setLanguage,
  setStudentInterests,
  setTeachingStyles,
  updateEducatorProfile,
  updateInstitutionProfile,
} from '../../services/accounts/profiles'
import { callerWithRole, userForSelfOrAdmin } from '../../services/accounts/users'
import { profileFields } from './schemas'

const nonEmpty = <T extends z.ZodArray<z.ZodType>>(list: T) => list.min(1, 'pick at least one')
const atLeastOneField = (value: object) => Object.keys(value).length > 0
const institutionDetails = profileFields.institution.partial().strict()

export const inquirySchema = z
  .object({
    organizationName: z.string().trim().min(1).max(200),
    contactName: z.string().trim().min(1).max(120),
    email: z.email().max(254),
    phone: z.string().trim().max(40).optional(),
    contactTitle: z.string().trim().max(120).optional(),
    organizationSize: z.string().trim().max(40).optional(),
    message: z.string().max(5000).optional(),
  })
  .strict()

export const studentOnboarding = z
  .object({
    interests: nonEmpty(profileFields.interests),
    language: z.enum(LANGUAGES).optional(),
  })
  .strict()
export const studentInterests = z.object({ interests: profileFields.interests }).strict()
export const studentLanguage = z.object({ language: z.enum(LANGUAGES) }).strict()

export const educatorOnboarding = z
  .object({
    expertiseTags: nonEmpty(profileFields.expertiseTags),
    teachingStyles: nonEmpty(profileFields.teachingStyles),
    bio: z.string().max(2000).optional(),
  })
  .strict()
export const educatorProfileUpdate = z
  .object({
    fullName: z.string().trim().min(1).max(120),
    bio: z.string().max(2000).nullable(),
    expertiseTags: profileFields.expertiseTags,
  })
  .partial()
  .strict()
  .refine(atLeastOneField, 'send at least one of fullName, bio, expertiseTags')
export const educatorTeachingStyles = z
  .object({ teachingStyles: profileFields.teachingStyles })
  .strict()

export const institutionOnboarding = institutionDetails.extend({
  organizationName: profileFields.institution.shape.organizationName,
})
export const institutionProfileUpdate = institutionDetails
  .extend({ fullName: z.string().trim().min(1).max(120).optional() })
  .refine(atLeastOneField, 'send at least one profile field')

/** Onboarding and profile writes answer with the updated user. */
const onboarding = (
  op: Omit<Operation, 'tags' | 'access' | 'responses'> & Partial<Pick<Operation, 'tags'>>,
): Operation => ({
  tags: ['onboarding'],
  access: 'user',
  responses: { 200: { description: 'The updated user', schema: docOf('users') } },
  ...op,
})

const selfOrAdmin = (role: string) => ({
  403: `Neither that ${role} nor an admin`,
  404: `No ${role} with that id`,
})

export const studentEndpoints: DocumentedEndpoint[] = [
  {
    path: '/students/onboarding',
    method: 'post',
    custom: {
      openapi: onboarding({
        summary: "Complete the caller's student onboarding",
        description: 'Student accounts only.',
        body: studentOnboarding,
        errors: { 403: 'Not a student account' },
      }),
    },
    handler: async (req) => {
      const user = callerWithRole(req, 'student')
      const input = await readBody(req, studentOnboarding)
      return json({ doc: await completeStudentOnboarding(req, user, input) })
    },
  },
  {
    path: '/students/:id/interests',
    method: 'put',
    custom: {
      openapi: onboarding({
        summary: "Replace a student's interests",
        body: studentInterests,
        errors: selfOrAdmin('student'),
      }),
    },
    handler: async (req) => {
      const user = await userForSelfOrAdmin(req, req.routeParams?.id, 'student')
      const { interests } = await readBody(req, studentInterests)
      return json({ doc: await setStudentInterests(req, user, interests) })
    },
  },
  {
    path: '/students/:id/language',
    method: 'put',
    custom: {
      openapi: onboarding({
        summary: "Set a student's language",
        body: studentLanguage,
        errors: selfOrAdmin('student'),
      }),
    },
    handler: async (req) => {
      const user = await userForSelfOrAdmin(req, req.routeParams?.id, 'student')
      const { language } = await readBody(req, studentLanguage)
      return json({ doc: await setLanguage(req, user, language) })
    },
  },
]

export const educatorEndpoints: DocumentedEndpoint[] = [
  {
    path: '/educators/onboarding',
    method: 'post',
    custom: {
      openapi: onboarding({
        summary: "Complete the caller's educator onboarding",
        description: 'Educator accounts only.',
        body: educatorOnboarding,
        errors: { 403: 'Not an educator account' },
      }),
    },
    handler: async (req) => {
      const user = callerWithRole(req, 'educator')
      const input = await readBody(req, educatorOnboarding)
      return json({ doc: await completeEducatorOnboarding(req, user, input) })
    },
  },
  {
    path: '/educators/:id/profile',
    method: 'put',
    custom: {
      openapi: onboarding({
        summary: "Update an educator's profile",
        description: 'At least one of `fullName`, `bio`, `expertiseTags`.',
        body: educatorProfileUpdate,
        errors: selfOrAdmin('educator'),
      }),
    },
    handler: async (req) => {
      const user = await userForSelfOrAdmin(req, req.routeParams?.id, 'educator')
      const input = await readBody(req, educatorProfileUpdate)
      return json({ doc: await updateEducatorProfile(req, user, input) })
    },
  },
  {
    path: '/educators/:id/teaching-styles',
    method: 'put',
    custom: {
      openapi: onboarding({
        summary: "Replace an educator's teaching styles",
        body: educatorTeachingStyles,
        errors: selfOrAdmin('educator'),
      }),
    },
    handler: async (req) => {
      const user = await userForSelfOrAdmin(req, req.routeParams?.id, 'educator')
      const { teachingStyles } = await readBody(req, educatorTeachingStyles)
      return json({ doc: await setTeachingStyles(req, user, teachingStyles) })
    },
  },
]

export const institutionEndpoints: DocumentedEndpoint[] = [
  {
    path: '/institutions/inquiry',
    method: 'post',
    custom: {
      openapi: {
        tags: ['institutions'],
        summary: 'Ask about an institution plan',
        description: 'Public and rate-limited; stored for the team in `institution-inquiries`.',
        access: 'public',
        body: inquirySchema,
        responses: {
          201: {
            description: 'Inquiry received',
            schema: z.object({ message: z.string(), id: uuid }),
          },
        },
        errors: { 429: 'Too many inquiries from this address' },
      },
    },
    handler: async (req) => {
      const input = await readBody(req, inquirySchema)
      const inquiry = await createInstitutionInquiry(req, input)
      return json({ message: 'Thanks — our team will be in touch.', id: inquiry.id }, 201)
    },
  },
  {
    path: '/institutions/onboarding',
    method: 'post',
    custom: {
      openapi: onboarding({
        tags: ['onboarding', 'institutions'],
        summary: "Complete the caller's institution onboarding",
        description: 'Institution accounts only.',
        body: institutionOnboarding,
        errors: { 403: 'Not an institution account' },
      }),
    },
    handler: async (req) => {
      const user = callerWithRole(req, 'institution')
      const input = await readBody(req, institutionOnboarding)
      return json({ doc: await completeInstitutionOnboarding(req, user, input) })
    },
  },
  {
    path: '/institutions/:id/profile',
    method: 'put',
    custom: {
      openapi: onboarding({
        tags: ['onboarding', 'institutions'],
        summary: "Update an institution's profile",
        description: 'At least one profile field.',
        body: institutionProfileUpdate,
        errors: selfOrAdmin('institution'),
      }),
    },
    handler: async (req) => {
      const user = await userForSelfOrAdmin(req, req.routeParams?.id, 'institution')
      const input = await readBody(req, institutionProfileUpdate)
      return json({ doc: await updateInstitutionProfile(req, user, input) })
    },
  },
]
