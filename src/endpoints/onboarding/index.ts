import type { Endpoint } from 'payload'
import { z } from 'zod'

import { LANGUAGES } from '../../lib/constants'
import { json, readBody } from '../../lib/http'
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

export const studentEndpoints: Endpoint[] = [
  {
    path: '/students/onboarding',
    method: 'post',
    handler: async (req) => {
      const user = callerWithRole(req, 'student')
      const input = await readBody(req, studentOnboarding)
      return json({ doc: await completeStudentOnboarding(req, user, input) })
    },
  },
  {
    path: '/students/:id/interests',
    method: 'put',
    handler: async (req) => {
      const user = await userForSelfOrAdmin(req, req.routeParams?.id, 'student')
      const { interests } = await readBody(req, studentInterests)
      return json({ doc: await setStudentInterests(req, user, interests) })
    },
  },
  {
    path: '/students/:id/language',
    method: 'put',
    handler: async (req) => {
      const user = await userForSelfOrAdmin(req, req.routeParams?.id, 'student')
      const { language } = await readBody(req, studentLanguage)
      return json({ doc: await setLanguage(req, user, language) })
    },
  },
]

export const educatorEndpoints: Endpoint[] = [
  {
    path: '/educators/onboarding',
    method: 'post',
    handler: async (req) => {
      const user = callerWithRole(req, 'educator')
      const input = await readBody(req, educatorOnboarding)
      return json({ doc: await completeEducatorOnboarding(req, user, input) })
    },
  },
  {
    path: '/educators/:id/profile',
    method: 'put',
    handler: async (req) => {
      const user = await userForSelfOrAdmin(req, req.routeParams?.id, 'educator')
      const input = await readBody(req, educatorProfileUpdate)
      return json({ doc: await updateEducatorProfile(req, user, input) })
    },
  },
  {
    path: '/educators/:id/teaching-styles',
    method: 'put',
    handler: async (req) => {
      const user = await userForSelfOrAdmin(req, req.routeParams?.id, 'educator')
      const { teachingStyles } = await readBody(req, educatorTeachingStyles)
      return json({ doc: await setTeachingStyles(req, user, teachingStyles) })
    },
  },
]

export const institutionEndpoints: Endpoint[] = [
  {
    path: '/institutions/inquiry',
    method: 'post',
    handler: async (req) => {
      const input = await readBody(req, inquirySchema)
      const inquiry = await createInstitutionInquiry(req, input)
      return json({ message: 'Thanks — our team will be in touch.', id: inquiry.id }, 201)
    },
  },
  {
    path: '/institutions/onboarding',
    method: 'post',
    handler: async (req) => {
      const user = callerWithRole(req, 'institution')
      const input = await readBody(req, institutionOnboarding)
      return json({ doc: await completeInstitutionOnboarding(req, user, input) })
    },
  },
  {
    path: '/institutions/:id/profile',
    method: 'put',
    handler: async (req) => {
      const user = await userForSelfOrAdmin(req, req.routeParams?.id, 'institution')
      const input = await readBody(req, institutionProfileUpdate)
      return json({ doc: await updateInstitutionProfile(req, user, input) })
    },
  },
]
