import type { Endpoint, SanitizedConfig } from 'payload'

import { panelUsers } from '../../access'
import { notFound, unauthorized } from '../../lib/errors'

/**
 * Payload's DELETE /api/payload-preferences/:key deletes through the adapter's deleteOne with a
 * where on the polymorphic `user` relation, which the Postgres adapter turns into invalid SQL (a
 * 500 for every call). Same answer through the Local API: the caller's own preference by key,
 * 404 when they have none.
 */
const deletePreference: Endpoint = {
  path: '/:key',
  method: 'delete',
  handler: async (req) => {
    if (!req.user) throw unauthorized()
    const key = String(req.routeParams?.key ?? '')
    const { docs } = await req.payload.find({
      collection: 'payload-preferences',
      where: {
        and: [
          { key: { equals: key } },
          { 'user.value': { equals: req.user.id } },
          { 'user.relationTo': { equals: req.user.collection } },
        ],
      },
      limit: 1,
      depth: 0,
      pagination: false,
      req,
    })
    if (!docs[0]) throw notFound('Not Found')
    await req.payload.delete({ collection: 'payload-preferences', id: docs[0].id, req })
    return Response.json({ message: 'Deleted successfully.' })
  },
}

/**
 * The collections Payload adds itself, after our config is built: edit locks are the admin
 * panel's (its roles only — Payload lets any logged-in user create, read and delete them), and
 * preferences get a delete that works.
 */
export function guardBuiltInCollections(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    if (collection.slug === 'payload-locked-documents') {
      collection.access = {
        ...collection.access,
        create: panelUsers,
        read: panelUsers,
        update: panelUsers,
        delete: panelUsers,
      }
    }
    if (collection.slug === 'payload-preferences' && collection.endpoints) {
      collection.endpoints = collection.endpoints.map((endpoint) =>
        endpoint.method === 'delete' && endpoint.path === '/:key' ? deletePreference : endpoint,
      )
    }
  }
  return config
}
