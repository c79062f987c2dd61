import React from 'react'

import { Mark } from './mark'
import './brand.scss'

/** The login page's logo (admin.components.graphics.Logo): the mark and the wordmark. */
export function Logo() {
  return (
    <span className="readylab-logo">
      <Mark size={40} />
      <span className="readylab-logo__wordmark">
        The Ready <strong>Lab</strong>
      </span>
    </span>
  )
}
