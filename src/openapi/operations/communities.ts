import { z } from 'zod'

import {
  commentCreate,
  postCreate,
  postList,
  postUpdate,
  reactionCreate,
  reactionDelete,
} from '../../endpoints/communities/schemas'
import { pageSchema } from '../../lib/pagination'
import type { Operation } from '../operation'
import { collectionDoc, deleted, pageOf } from '../schema'

const myReactions = z.array(z.string()).describe("The caller's reaction types")

/** Posts and comments carry the caller's own reactions. */
const post = collectionDoc('posts').and(z.object({ myReactions }))
const comment = collectionDoc('comments').and(z.object({ myReactions }))
const threadedComment = comment.and(
  z.object({ replies: z.array(comment).describe('One level of replies, oldest first') }),
)

const reactionState = { reactionCount: z.number().int(), myReactions }

const community = (
  op: Omit<Operation, 'tags' | 'access'> & Partial<Pick<Operation, 'access'>>,
): Operation => ({ tags: ['communities'], access: 'user', ...op })

const postsByTarget = (where: 'communities' | 'courses') => {
  const path = where === 'communities' ? '/communities/{id}/posts' : '/courses/{id}/discussions'
  const who =
    where === 'communities'
      ? 'Public communities are open to read; the rest to members (and admins).'
      : "The course's enrolled students, its educator and admins."
  return [
    community({
      method: 'get',
      path,
      summary: where === 'communities' ? "A community's posts" : "A course's discussion",
      description: `${who} Pinned first, then newest first.`,
      access: where === 'communities' ? 'optional' : 'user',
      query: postList,
      responses: { 200: { description: 'One page of posts', schema: pageOf(post) } },
      errors:
        where === 'communities'
          ? { 401: 'A members-only community and no login', 403: 'Not a member' }
          : { 403: 'Neither enrolled nor the educator' },
    }),
    community({
      method: 'post',
      path,
      summary: where === 'communities' ? 'Post in a community' : 'Post in a course discussion',
      description:
        (where === 'communities' ? 'Members. ' : 'Enrolled students and the educator. ') +
        'Announcements and pins need a moderator, the course educator or an admin.',
      body: postCreate,
      responses: { 201: { description: 'The post', schema: z.object({ doc: post }) } },
      errors: {
        403: 'Not a participant, or not allowed to announce or pin',
        429: 'Posting too fast',
      },
    }),
  ]
}

const reactions = (on: 'posts' | 'comments'): Operation[] => [
  community({
    method: 'post',
    path: `/${on}/{id}/reactions`,
    summary: `React to a ${on === 'posts' ? 'post' : 'comment'}`,
    description: 'Participants. Reacting again with the same type changes nothing (200).',
    body: reactionCreate,
    responses: {
      201: {
        description: 'Added',
        schema: z.object({
          doc: collectionDoc('reactions'),
          created: z.literal(true),
          ...reactionState,
        }),
      },
      200: {
        description: 'Already there',
        schema: z.object({
          doc: collectionDoc('reactions'),
          created: z.literal(false),
          ...reactionState,
        }),
      },
    },
    errors: { 403: 'Not a participant' },
  }),
  community({
    method: 'delete',
    path: `/${on}/{id}/reactions`,
    summary: `Take back reactions to a ${on === 'posts' ? 'post' : 'comment'}`,
    description:
      '`type` in the query string or the JSON body removes that one; without it, all of the ' +
      "caller's reactions on it. Removing what is not there changes nothing.",
    query: reactionDelete,
    body: reactionDelete,
    responses: {
      200: {
        description: 'Removed',
        schema: z.object({ removed: z.number().int(), ...reactionState }),
      },
    },
  }),
]

export const communityOperations: Operation[] = [
  community({
    method: 'post',
    path: '/communities/{id}/join',
    summary: 'Join a community',
    description:
      "Course communities: the course's enrolled students (its educator joins as moderator). " +
      'Joining again changes nothing (200).',
    responses: {
      201: {
        description: 'Joined',
        schema: z.object({
          doc: collectionDoc('community-members'),
          created: z.literal(true),
          memberCount: z.number().int(),
        }),
      },
      200: {
        description: 'Already a member',
        schema: z.object({
          doc: collectionDoc('community-members'),
          created: z.literal(false),
          memberCount: z.number().int(),
        }),
      },
    },
    errors: { 403: "Not enrolled in the community's course" },
  }),
  community({
    method: 'delete',
    path: '/communities/{id}/leave',
    summary: 'Leave a community',
    description: 'Idempotent: leaving when not a member changes nothing (`left: false`).',
    responses: {
      200: {
        description: 'Left',
        schema: z.object({ left: z.boolean(), memberCount: z.number().int() }),
      },
    },
  }),
  ...postsByTarget('communities'),
  ...postsByTarget('courses'),
  community({
    method: 'get',
    path: '/posts/{id}',
    summary: 'A post',
    description: 'Whoever may read its community or discussion; hidden posts answer 404.',
    access: 'optional',
    responses: { 200: { description: 'The post', schema: post } },
  }),
  community({
    method: 'put',
    path: '/posts/{id}',
    summary: 'Edit a post',
    description:
      'The author edits `content` and `type`; moderators, the course educator and admins pin ' +
      'and may change the type. At least one field.',
    body: postUpdate,
    responses: { 200: { description: 'The post', schema: z.object({ doc: post }) } },
    errors: { 403: 'Not the author or a moderator, or not allowed for that field' },
  }),
  community({
    method: 'delete',
    path: '/posts/{id}',
    summary: 'Delete a post',
    description: 'The author, a moderator or an admin; its comments and reactions go with it.',
    responses: { 200: { description: 'Deleted', schema: deleted } },
    errors: { 403: 'Not the author, a moderator or an admin' },
  }),
  community({
    method: 'post',
    path: '/posts/{id}/comments',
    summary: 'Comment on a post',
    description: 'Participants; `parent` makes it a reply (one level).',
    body: commentCreate,
    responses: { 201: { description: 'The comment', schema: z.object({ doc: comment }) } },
    errors: { 403: 'Not a participant', 429: 'Posting too fast' },
  }),
  community({
    method: 'get',
    path: '/posts/{id}/comments',
    summary: "A post's comments",
    description: 'Top-level comments newest first, each with its replies.',
    access: 'optional',
    query: pageSchema,
    responses: { 200: { description: 'One page of comments', schema: pageOf(threadedComment) } },
  }),
  ...reactions('posts'),
  ...reactions('comments'),
]
