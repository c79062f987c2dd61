import type { User } from '../../payload-types'
import type { CollectionConfig } from 'payload'

import {
  adminField,
  adminOrSelfField,
  admins,
  adminsOrSelf,
  anyone,
  never,
  panelUsers,
} from '../../access'
import {
  LANGUAGES,
  ROLES,
  SUBSCRIPTION_PLANS,
  TEACHING_STYLES,
  TOPICS,
  toOptions,
} from '../../lib/constants'
import { passwordResetEmail } from '../../services/email'
import { firstUserIsAdmin } from './hooks/firstUserIsAdmin'
import { checkEditLockInTransaction } from '../../hooks/editLockInTransaction'
import { keepEducatorCounters } from './hooks/keepEducatorCounters'
import { guardPassword, guardResetPassword, guardRoleChange } from './hooks/guardRoleAndPassword'
import { rateLimitAuth } from './hooks/rateLimitAuth'
import { languageCookieOnChange, languageCookieOnLogin } from './hooks/languageCookie'
import { removePersonalData } from './hooks/removePersonalData'
import { cachedSessions, dropChangedUser, dropDeletedUser, dropLoggedOutUser } from './sessionCache'
import { auditRoleChange } from './hooks/auditRoleChange'
import { auditDeletion } from '../../hooks/audit'
import { educatorProfileChanged } from '../../hooks/catalog'
import { userEndpoints } from '../../endpoints/users'
import { stripeId } from '../../fields/stripe'

const counter = { readOnly: true, description: 'Maintained by the platform' }

export const Users: CollectionConfig = {
  slug: 'users',
  admin: {
    useAsTitle: 'fullName',
    defaultColumns: ['fullName', 'email', 'role', 'createdAt'],
  },
  auth: {
    // Known sessions from memory before Payload's own JWT strategy reads the user (sessionCache.ts).
    strategies: [cachedSessions],
    maxLoginAttempts: 5,
    lockTime: 15 * 60 * 1000,
    tokenExpiration: 2 * 60 * 60,
    cookies: {
      sameSite: 'Lax',
      secure: process.env.NODE_ENV === 'production',
    },
    forgotPassword: {
      expiration: 60 * 60 * 1000,
      generateEmailSubject: () => 'Reset your The Ready Lab password',
      generateEmailHTML: (args) => passwordResetEmail(args?.token ?? ''),
    },
  },
  access: {
    // Students learn in the app; the admin UI is for authors, institutions and admins.
    admin: panelUsers,
    // Public profiles: private fields are guarded field by field below.
    read: anyone,
    // Visitors sign up through POST /api/auth/signup, which picks the role safely.
    create: admins,
    update: adminsOrSelf,
    delete: adminsOrSelf,
    unlock: admins,
  },
  // A copy: Payload appends its own endpoints to the array it is given.
  endpoints: [...userEndpoints],
  hooks: {
    beforeOperation: [
      rateLimitAuth,
      guardResetPassword,
      guardRoleChange,
      checkEditLockInTransaction,
    ],
    beforeValidate: [guardPassword],
    beforeChange: [firstUserIsAdmin],
    afterChange: [
      keepEducatorCounters,
      auditRoleChange,
      educatorProfileChanged,
      languageCookieOnChange,
      dropChangedUser,
    ],
    // The admin speaks the user's language (Payload's language cookie).
    afterLogin: [languageCookieOnLogin],
    afterLogout: [dropLoggedOutUser],
    beforeDelete: [removePersonalData],
    afterDelete: [
      dropDeletedUser,
      auditDeletion<User>('user.deleted', (user) => ({
        summary: `User ${user.email} (${user.role}) deleted`,
        before: { email: user.email, fullName: user.fullName, role: user.role },
      })),
    ],
  },
  fields: [
    {
      name: 'email',
      type: 'email',
      required: true,
      unique: true,
      access: { read: adminOrSelfField },
    },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'student',
      options: toOptions(ROLES),
      saveToJWT: true,
      index: true,
      access: { update: adminField },
      admin: { position: 'sidebar' },
    },
    { name: 'fullName', type: 'text', required: true, maxLength: 120 },
    { name: 'bio', type: 'textarea', maxLength: 2000 },
    { name: 'profileImage', type: 'upload', relationTo: 'media' },
    {
      name: 'language',
      type: 'select',
      label: { en: 'Language', es: 'Idioma' },
      admin: {
        position: 'sidebar',
        description: {
          en: 'The language of emails and of this admin',
          es: 'El idioma de los correos y de este panel',
        },
      },
      defaultValue: 'en',
      options: toOptions(LANGUAGES),
      access: { read: adminOrSelfField },
    },
    {
      name: 'emailVerifiedAt',
      type: 'date',
      access: { read: adminOrSelfField, create: never, update: never },
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: 'Set when the address is proven, e.g. by accepting an invitation',
      },
    },
    ...stripeId('stripeCustomerId', 'customers'),
    {
      name: 'studentProfile',
      type: 'group',
      access: { read: adminOrSelfField },
      admin: { condition: (data) => data?.role === 'student' },
      fields: [
        { name: 'interests', type: 'select', hasMany: true, options: toOptions(TOPICS) },
        { name: 'onboardingCompleted', type: 'checkbox', defaultValue: false },
        {
          name: 'aiRoadmap',
          type: 'json',
          admin: { description: 'Generated by the AI roadmap job' },
        },
      ],
    },
    {
      name: 'educatorProfile',
      type: 'group',
      admin: { condition: (data) => data?.role === 'educator' },
      fields: [
        { name: 'expertiseTags', type: 'select', hasMany: true, options: toOptions(TOPICS) },
        {
          name: 'teachingStyles',
          type: 'select',
          hasMany: true,
          options: toOptions(TEACHING_STYLES),
        },
        {
          name: 'onboardingCompleted',
          type: 'checkbox',
          defaultValue: false,
          access: { read: adminOrSelfField },
        },
        {
          name: 'subscriptionPlan',
          type: 'select',
          options: toOptions(SUBSCRIPTION_PLANS),
          access: { read: adminOrSelfField, update: adminField },
        },
        ...stripeId('stripeConnectId', 'connect/accounts'),
        {
          name: 'payoutsEnabled',
          type: 'checkbox',
          defaultValue: false,
          access: { read: adminOrSelfField, create: never, update: never },
          admin: { readOnly: true, description: 'Set by Stripe when Connect onboarding is done' },
        },
        {
          name: 'totalStudents',
          type: 'number',
          defaultValue: 0,
          access: { read: adminOrSelfField, create: never, update: never },
          admin: counter,
        },
        {
          name: 'totalRevenue',
          type: 'number',
          defaultValue: 0,
          access: { read: adminOrSelfField, create: never, update: never },
          admin: { ...counter, description: 'Lifetime revenue in cents' },
        },
      ],
    },
    {
      name: 'institutionProfile',
      type: 'group',
      access: { read: adminOrSelfField },
      admin: { condition: (data) => data?.role === 'institution' },
      fields: [
        { name: 'organizationName', type: 'text', maxLength: 200 },
        { name: 'contactTitle', type: 'text', maxLength: 120 },
        { name: 'phone', type: 'text', maxLength: 40 },
        { name: 'onboardingCompleted', type: 'checkbox', defaultValue: false },
        {
          name: 'isPartnered',
          type: 'checkbox',
          defaultValue: false,
          access: { create: adminField, update: adminField },
        },
        { name: 'customRequests', type: 'textarea', maxLength: 5000 },
        {
          name: 'accountManager',
          type: 'relationship',
          relationTo: 'users',
          filterOptions: { role: { equals: 'admin' } },
          access: { create: adminField, update: adminField },
        },
      ],
    },
  ],
  timestamps: true,
}
