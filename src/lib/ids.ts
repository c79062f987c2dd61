/** The id of a relationship value, whether it arrived populated (`{ id, ... }`) or as the id itself. */
export const idOf = (value: unknown): string | undefined =>
  value && typeof value === 'object' && 'id' in value
    ? String(value.id)
    : (value as string | undefined)
