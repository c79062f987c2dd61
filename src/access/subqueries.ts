import { sql, type SQL, type SQLWrapper } from '@payloadcms/db-postgres/drizzle'
import type { Where } from 'payload'

/** SQL `exists (<query>)`. */
export const exists = (query: SQLWrapper): SQL => sql`exists ${query}`

/**
 * The rows whose ids `ids` selects (a query over the same collection, under its own alias),
 * evaluated by Postgres inside the query it filters — a semi-join, one index probe per candidate
 * row — for rules Payload's Where cannot say: it has no EXISTS, and its join-field paths fan out
 * (a LEFT JOIN + DISTINCT over every member of a community, or every student of a course, per
 * row). The sub-query never names the outer table, so it works wherever Payload puts the rule,
 * join-field sub-queries included.
 *
 * How it reaches SQL: on `id` (a text column; relationship values are turned into strings) the
 * adapter hands a value it does not recognise to drizzle's `=` unchanged, and drizzle renders
 * anything with a `getSQL()` as SQL. Were that ever to change, the value would become a string
 * that is no uuid, read as "id is null": no row rather than every row. Everything that inspects
 * the value instead (JSON for GET /api/access, React's check on the admin's permissions, Payload's
 * deep-equal between rules) sees only `{ subquery: label }`: `getSQL` is answered by a proxy, not
 * an own property. `label` says what the rule is and must differ between rules.
 */
export const rowsWhere = (ids: SQLWrapper, label: string): Where => ({
  id: {
    equals: new Proxy(
      { subquery: label },
      {
        get: (target, key, receiver) => {
          if (key === 'getSQL') return () => sql`any ${ids}`
          if (key === 'shouldOmitSQLParens') return () => true
          return Reflect.get(target, key, receiver)
        },
      },
    ),
  },
})
