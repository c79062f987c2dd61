import type { CollectionSlug, DataFromCollectionSlug, PayloadRequest, PopulateType } from 'payload'

import { notFound } from './errors'
import { isUUID } from './http'

type LookupOptions = {
  /** Apply the caller's read access (default: trusted server read). */
  asCaller?: boolean
  depth?: number
  populate?: PopulateType
}

/**
 * The document with this id, or null — also for ids that are not UUIDs, which cannot name anything
 * (and would otherwise reach Postgres as a bad cast).
 */
export async function findById<S extends CollectionSlug>(
  req: PayloadRequest,
  collection: S,
  id: unknown,
  { asCaller = false, depth = 0, populate }: LookupOptions = {},
): Promise<DataFromCollectionSlug<S> | null> {
  if (!isUUID(id)) return null
  const doc = await req.payload.findByID({
    collection,
    id,
    depth,
    populate,
    disableErrors: true,
    overrideAccess: !asCaller,
    ...(asCaller ? { user: req.user } : {}),
    req,
  })
  return (doc as DataFromCollectionSlug<S> | null) ?? null
}

/** The document with this id, or a 404 naming what was missing. */
export async function findOr404<S extends CollectionSlug>(
  req: PayloadRequest,
  collection: S,
  id: unknown,
  label: string,
  options: LookupOptions = {},
): Promise<DataFromCollectionSlug<S>> {
  const doc = await findById(req, collection, id, options)
  if (!doc) throw notFound(`${label} not found`)
  return doc
}
