import config from '@payload-config'
import {
  GRAPHQL_POST,
  REST_DELETE,
  REST_GET,
  REST_PATCH,
  REST_POST,
  REST_PUT,
} from '@payloadcms/next/routes'

import { withAnonymousCatalog } from '../../src/endpoints/courses/anonymousCatalog'
import { withRequestId } from '../../src/lib/requestContext'

/** The route handlers Next serves /api with (src/app/(payload)/api), wrapped as the routes wrap them. */
export const restHandlers = {
  GET: withRequestId(withAnonymousCatalog(config, REST_GET(config))),
  POST: withRequestId(REST_POST(config)),
  PUT: withRequestId(REST_PUT(config)),
  PATCH: withRequestId(REST_PATCH(config)),
  DELETE: withRequestId(REST_DELETE(config)),
}
export const graphqlHandler = withRequestId(GRAPHQL_POST(config))
