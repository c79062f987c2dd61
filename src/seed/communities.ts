import type { Payload, Where } from 'payload'

import type { ReactionType } from '../collections/Communities/constants'
import { reactionTargetKey } from '../collections/Reactions/hooks/target'
import type { Community, Post, User } from '../payload-types'

type DemoComment = { by: string; text: string; replies?: { by: string; text: string }[] }
type DemoPost = {
  by: string
  text: string
  type?: Post['type']
  pinned?: boolean
  reactions?: [string, ReactionType][]
  comments?: DemoComment[]
}
type DemoCommunity = Pick<Community, 'name' | 'slug' | 'description' | 'topic' | 'visibility'> & {
  slug: string
  createdBy: string
  members: string[]
  posts: DemoPost[]
}

const email = (handle: string) =>
  ['maya', 'diego'].includes(handle)
    ? `${handle}.educator@thereadylab.dev`
    : `${handle}.student@thereadylab.dev`

export const DEMO_COMMUNITIES: DemoCommunity[] = [
  {
    name: 'Funding Founders',
    slug: 'funding',
    topic: 'funding',
    visibility: 'public',
    description: 'Raising a first round, investor updates, grants and everything in between.',
    createdBy: 'maya',
    members: ['zoe', 'li', 'amara', 'sam'],
    posts: [
      {
        by: 'maya',
        type: 'announcement',
        pinned: true,
        text: 'Welcome! Introduce yourself and your company in one sentence, and say what stage you are at.',
        reactions: [
          ['zoe', 'celebrate'],
          ['li', 'like'],
          ['amara', 'support'],
        ],
        comments: [
          { by: 'zoe', text: 'Zoë — a climate-data startup, pre-seed, two of us so far.' },
          { by: 'li', text: 'Li — a bakery chain going from two shops to five.' },
        ],
      },
      {
        by: 'zoe',
        type: 'question',
        text: 'How many months of runway should a pre-seed round buy? I keep hearing 18 to 24.',
        reactions: [
          ['li', 'insightful'],
          ['sam', 'like'],
        ],
        comments: [
          {
            by: 'maya',
            text: 'Plan for 18 months to the next milestone, plus six months of buffer for the raise itself.',
            replies: [{ by: 'zoe', text: 'That framing helps a lot, thank you!' }],
          },
          { by: 'amara', text: 'We raised for 20 months and it was just enough.' },
        ],
      },
      {
        by: 'li',
        text: 'Sharing the monthly investor update template from the course — happy to get feedback.',
        reactions: [['maya', 'celebrate']],
      },
    ],
  },
  {
    name: 'AI for Business',
    slug: 'ai',
    topic: 'ai',
    visibility: 'public',
    description: 'Putting AI assistants to work on real small-business problems, safely.',
    createdBy: 'diego',
    members: ['zoe', 'amara', 'lucia', 'sam'],
    posts: [
      {
        by: 'diego',
        type: 'announcement',
        pinned: true,
        text: 'Live Q&A next Thursday: bring one task you would like to automate.',
        reactions: [
          ['amara', 'celebrate'],
          ['lucia', 'like'],
        ],
      },
      {
        by: 'amara',
        type: 'question',
        text: 'Has anyone used an assistant to draft customer-support replies? How do you review them?',
        reactions: [['zoe', 'like']],
        comments: [
          {
            by: 'diego',
            text: 'Start with drafts only, a human sends every reply, and keep a list of answers it got wrong.',
            replies: [{ by: 'amara', text: 'A wrong-answers list is a great idea.' }],
          },
        ],
      },
      {
        by: 'lucia',
        text: 'Mi primer flujo: facturas escaneadas → hoja de cálculo. ¡Me ahorra dos horas por semana!',
        reactions: [
          ['diego', 'celebrate'],
          ['sam', 'insightful'],
        ],
        comments: [{ by: 'sam', text: 'Which tool reads the invoices?' }],
      },
    ],
  },
  {
    name: 'Brand Builders',
    slug: 'branding',
    topic: 'branding',
    visibility: 'members',
    description: 'Names, voices and visual identities — critique in a members-only space.',
    createdBy: 'maya',
    members: ['sam', 'lucia', 'li'],
    posts: [
      {
        by: 'sam',
        type: 'question',
        text: 'Two name options for my coffee cart: "Daily Grind" or "Second Cup". Honest opinions?',
        reactions: [
          ['lucia', 'support'],
          ['maya', 'like'],
        ],
        comments: [
          { by: 'lucia', text: '"Second Cup" — it tells me people come back.' },
          { by: 'maya', text: 'Say both out loud to five customers and watch their faces.' },
        ],
      },
      {
        by: 'maya',
        type: 'announcement',
        text: 'Critique etiquette: one thing that works, one question, one suggestion.',
        reactions: [['li', 'like']],
      },
    ],
  },
]

async function findOne<T>(promise: Promise<{ docs: T[] }>) {
  return (await promise).docs[0]
}

/** Creates the demo communities with members, posts, comments and reactions, once each. */
export async function seedCommunities(payload: Payload, users: Map<string, User>) {
  const user = (handle: string) => users.get(email(handle))!
  const communities = new Map<string, Community>()
  for (const demo of DEMO_COMMUNITIES) {
    const community =
      (await findOne(
        payload.find({
          collection: 'communities',
          where: { slug: { equals: demo.slug } },
          limit: 1,
          depth: 0,
        }),
      )) ??
      (await payload.create({
        collection: 'communities',
        data: {
          name: demo.name,
          slug: demo.slug,
          description: demo.description,
          topic: demo.topic,
          visibility: demo.visibility,
          createdBy: user(demo.createdBy).id,
        },
      }))
    communities.set(demo.slug, community)

    for (const handle of demo.members) {
      const where: Where = {
        and: [{ community: { equals: community.id } }, { user: { equals: user(handle).id } }],
      }
      const { totalDocs } = await payload.count({ collection: 'community-members', where })
      if (!totalDocs) {
        await payload.create({
          collection: 'community-members',
          data: {
            community: community.id,
            user: user(handle).id,
            role: 'member',
            joinedAt: new Date().toISOString(),
          },
        })
      }
    }

    for (const p of demo.posts) {
      const post =
        (await findOne(
          payload.find({
            collection: 'posts',
            where: {
              and: [
                { community: { equals: community.id } },
                { author: { equals: user(p.by).id } },
                { content: { equals: p.text } },
              ],
            },
            limit: 1,
            depth: 0,
          }),
        )) ??
        (await payload.create({
          collection: 'posts',
          data: {
            community: community.id,
            author: user(p.by).id,
            content: p.text,
            type: p.type ?? 'discussion',
            isPinned: p.pinned ?? false,
          },
        }))

      for (const c of p.comments ?? []) {
        const comment = await seedComment(payload, post.id, user(c.by).id, c.text)
        for (const r of c.replies ?? []) {
          await seedComment(payload, post.id, user(r.by).id, r.text, comment.id)
        }
      }
      for (const [handle, type] of p.reactions ?? []) {
        const targetKey = reactionTargetKey({ post: post.id })
        const { totalDocs } = await payload.count({
          collection: 'reactions',
          where: {
            and: [
              { user: { equals: user(handle).id } },
              { targetKey: { equals: targetKey } },
              { type: { equals: type } },
            ],
          },
        })
        if (!totalDocs) {
          await payload.create({
            collection: 'reactions',
            data: { user: user(handle).id, post: post.id, type, targetKey },
          })
        }
      }
    }
  }
  return communities
}

async function seedComment(
  payload: Payload,
  postId: string,
  authorId: string,
  text: string,
  parent?: string,
) {
  const existing = await findOne(
    payload.find({
      collection: 'comments',
      where: {
        and: [
          { post: { equals: postId } },
          { author: { equals: authorId } },
          { content: { equals: text } },
        ],
      },
      limit: 1,
      depth: 0,
    }),
  )
  return (
    existing ??
    payload.create({
      collection: 'comments',
      data: { post: postId, author: authorId, content: text, parent },
    })
  )
}
