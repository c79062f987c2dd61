import React from 'react'

import './progressBar.scss'

/** A horizontal bar for a share of a whole (progress, seats). */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const share = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0
  return (
    <div
      aria-label={label}
      aria-valuemax={max}
      aria-valuemin={0}
      aria-valuenow={value}
      className="rl-progress"
      role="progressbar"
    >
      <div className="rl-progress__fill" style={{ width: `${share * 100}%` }} />
    </div>
  )
}
