/** Community-area constants shared by the collections, services, endpoints and seed. */
export const COMMUNITY_VISIBILITIES = ['public', 'members', 'course'] as const
export type CommunityVisibility = (typeof COMMUNITY_VISIBILITIES)[number]

export const MEMBER_ROLES = ['member', 'moderator'] as const
export type MemberRole = (typeof MEMBER_ROLES)[number]

export const POST_TYPES = ['discussion', 'question', 'announcement'] as const
export type PostType = (typeof POST_TYPES)[number]

export const REACTION_TYPES = ['like', 'celebrate', 'insightful', 'support'] as const
export type ReactionType = (typeof REACTION_TYPES)[number]

/** Plain-text limits (characters). */
export const POST_MAX_LENGTH = 10_000
export const COMMENT_MAX_LENGTH = 2_000
