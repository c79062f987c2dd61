import type { GraphQLFieldConfig, GraphQLOutputType } from 'graphql'

type Fields = Record<string, { type: GraphQLOutputType }>

// Duck-typed: Payload's GraphQL types may come from another copy of the graphql module (CJS vs
// ESM), where instanceof fails.
const isNonNull = (type: GraphQLOutputType) => type.toString().endsWith('!')
const unwrap = (type: GraphQLOutputType) =>
  isNonNull(type) ? (type as unknown as { ofType: GraphQLOutputType }).ofType : type
const fieldsOf = (type: GraphQLOutputType): Fields | null =>
  'getFields' in type && typeof type.getFields === 'function' ? (type.getFields() as Fields) : null

/**
 * Payload's permissions drop every `false` (sanitizePermissions), while its GraphQL `Access` type
 * declares `canAccessAdmin` and each `permission` non-null: asking for a permission someone lacks
 * answered an internal error. This fills what was dropped with `false`, following the type.
 */
export function withDeniedFilledIn(
  type: GraphQLOutputType,
  value: unknown,
  all?: boolean,
): unknown {
  const fields = fieldsOf(unwrap(type))
  // A whole branch granted is sanitized to `true`: everything under it is allowed.
  const granted = all ?? (value === true ? true : undefined)
  if (!fields) return value ?? (isNonNull(type) ? (granted ?? false) : value)
  const object =
    value && typeof value === 'object'
      ? (value as Record<string, unknown>)
      : granted || fields.permission
        ? {}
        : undefined
  if (!object) return value
  const out: Record<string, unknown> = { ...object }
  for (const [name, field] of Object.entries(fields)) {
    out[name] = withDeniedFilledIn(field.type, object[name], granted)
  }
  return out
}

/** The built-in `Access` query with denied permissions answered `false` instead of an error. */
export function accessQuery(
  builtIn: GraphQLFieldConfig<unknown, unknown>,
): GraphQLFieldConfig<unknown, unknown> {
  return {
    ...builtIn,
    resolve: async (...args) => withDeniedFilledIn(builtIn.type, await builtIn.resolve!(...args)),
  }
}
