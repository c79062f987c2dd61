import { z } from 'zod'

import { TEACHING_STYLES, TOPICS } from '../../lib/constants'

const topicList = z.array(z.enum(TOPICS)).max(TOPICS.length)

export const profileFields = {
  interests: topicList,
  expertiseTags: topicList,
  teachingStyles: z.array(z.enum(TEACHING_STYLES)).max(TEACHING_STYLES.length),
  institution: z.object({
    organizationName: z.string().trim().min(1).max(200),
    contactTitle: z.string().trim().max(120),
    phone: z.string().trim().max(40),
    customRequests: z.string().max(5000),
  }),
}
