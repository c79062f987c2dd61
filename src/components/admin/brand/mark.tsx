import React from 'react'

/**
 * The Ready Lab's mark: three rising steps (a learner's progress) on a rounded square. The accent
 * stands out 5:1 from the admin's light background and 3.5:1 from its dark one (3:1 is the bar
 * for graphics); the white steps are 5:1 on it.
 */
export const ACCENT = '#c2410c'

export function Mark({ size, title }: { size: number | string; title?: string }) {
  return (
    <svg
      aria-hidden={title ? undefined : true}
      aria-label={title}
      className="readylab-mark"
      height={size}
      role={title ? 'img' : undefined}
      viewBox="0 0 32 32"
      width={size}
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect fill={ACCENT} height="32" rx="8" width="32" />
      <path d="M7 24h5v-5H7zM13.5 24h5V14h-5zM20 24h5V8h-5z" fill="#fff" />
    </svg>
  )
}
