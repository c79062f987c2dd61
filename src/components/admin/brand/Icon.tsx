import React from 'react'

import { Mark } from './mark'

/** The admin's icon (admin.components.graphics.Icon): the mark alone, filling its slot. */
export function Icon() {
  return <Mark size="100%" />
}
