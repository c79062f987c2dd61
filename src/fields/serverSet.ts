import type { DateField, NumberField, RelationshipField } from 'payload'

import { never } from '../access'

type ServerField = NumberField | DateField | RelationshipField

/**
 * A field only the server writes — a counter kept by hooks, a timestamp, a link copied from a
 * parent: no API may set it, and the admin shows it read-only in the sidebar.
 */
export const serverSet = <F extends ServerField>(field: F): F =>
  ({
    ...field,
    access: { ...field.access, create: never, update: never },
    admin: { readOnly: true, position: 'sidebar', ...field.admin },
  }) as F

/** A count kept exact by hooks (recomputed under a row lock in the writer's transaction), from 0. */
export const counter = (name: string, extra: Partial<NumberField> = {}): NumberField =>
  serverSet({ name, type: 'number', defaultValue: 0, ...extra } as NumberField)
