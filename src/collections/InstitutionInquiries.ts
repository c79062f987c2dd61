import type { CollectionConfig } from 'payload'

import { admins } from '../access'
import { rateLimitOperations } from '../lib/rateLimit'

/** Leads from the public "talk to us" form (POST /api/institutions/inquiry); admins follow up. */
export const InstitutionInquiries: CollectionConfig = {
  slug: 'institution-inquiries',
  admin: {
    useAsTitle: 'organizationName',
    defaultColumns: ['organizationName', 'contactName', 'email', 'status', 'createdAt'],
  },
  access: { create: admins, read: admins, update: admins, delete: admins },
  hooks: { beforeOperation: [rateLimitOperations('inquiry', ['create'])] },
  fields: [
    { name: 'organizationName', type: 'text', required: true, maxLength: 200 },
    { name: 'contactName', type: 'text', required: true, maxLength: 120 },
    { name: 'email', type: 'email', required: true },
    { name: 'phone', type: 'text', maxLength: 40 },
    { name: 'contactTitle', type: 'text', maxLength: 120 },
    { name: 'organizationSize', type: 'text', maxLength: 40 },
    { name: 'message', type: 'textarea', maxLength: 5000 },
    {
      name: 'status',
      type: 'select',
      defaultValue: 'new',
      index: true,
      options: [
        { label: 'New', value: 'new' },
        { label: 'Contacted', value: 'contacted' },
        { label: 'Closed', value: 'closed' },
      ],
      admin: { position: 'sidebar' },
    },
    {
      name: 'handledBy',
      type: 'relationship',
      relationTo: 'users',
      filterOptions: { role: { equals: 'admin' } },
      admin: { position: 'sidebar' },
    },
  ],
}
