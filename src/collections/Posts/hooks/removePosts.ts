import type { PayloadRequest } from 'payload'

/**
 * Deletes the posts of one community or one course discussion, each with its comments and
 * reactions (removePostContent). The caller holds the community's or course's `delete` lock.
 */
export async function removePosts(req: PayloadRequest, owner: 'community' | 'course', id: string) {
  await req.payload.delete({
    collection: 'posts',
    where: { [owner]: { equals: id } },
    overrideAccess: true,
    req,
  })
}
