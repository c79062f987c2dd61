'use client'
import { useAuth } from '@payloadcms/ui'
import React from 'react'

import type { Media, User } from '../../payload-types'

/** Up to two initials of a person's name (or of their email when they have none). */
export const initialsOf = (name: string) =>
  name
    .split(/[\s@._-]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => Array.from(part)[0]!.toUpperCase())
    .join('')

/** The account avatar: the profile image when there is one, else the person's initials. */
export function Avatar() {
  const { user } = useAuth<User>()
  const image = user?.profileImage as Media | string | null | undefined
  const url = typeof image === 'object' && image ? (image.thumbnailURL ?? image.url) : null
  const name = user?.fullName || user?.email || ''
  const style: React.CSSProperties = {
    width: 28,
    height: 28,
    borderRadius: '50%',
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    fontSize: 12,
    fontWeight: 600,
    background: 'var(--theme-elevation-150)',
    color: 'var(--theme-elevation-800)',
    objectFit: 'cover',
  }
  // A media thumbnail inside the admin, as Payload renders its own (no next/image loader here).
  // eslint-disable-next-line @next/next/no-img-element
  if (url) return <img alt={name} src={url} style={style} />
  return (
    <span aria-label={name} role="img" style={style}>
      {initialsOf(name)}
    </span>
  )
}
