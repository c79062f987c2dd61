import type { Operation } from '../operation'
import { authOperations, onboardingOperations, userOperations } from './accounts'
import { certificationOperations } from './certifications'
import { communityOperations } from './communities'
import { courseOperations } from './learning'
import { liveOperations, webhookOperations } from './live'

const openAPIOperation: Operation = {
  method: 'get',
  path: '/openapi.json',
  tags: ['openapi'],
  summary: 'This OpenAPI 3.1 document',
  access: 'public',
  responses: {
    200: {
      description: 'The document',
      schema: { type: 'object', required: ['openapi', 'info', 'paths'] },
    },
  },
}

/**
 * Every custom endpoint (src/endpoints/**), once. tests/int/openapi.int.spec.ts checks this list
 * against the endpoints registered in the Payload config, both ways.
 */
export const operations: Operation[] = [
  ...authOperations,
  ...userOperations,
  ...onboardingOperations,
  ...courseOperations,
  ...certificationOperations,
  ...liveOperations,
  ...webhookOperations,
  ...communityOperations,
  openAPIOperation,
]
