'use client'
import { useAuth } from '@payloadcms/ui'
import React from 'react'

import type { Media, User } from '../../payload-types'
import './avatar.scss'

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
  // Payload's account link around it is named "Account": the picture (or the initials drawn in
  // its place, avatar.scss) is decoration, so that name covers all the link shows (axe
  // label-content-name-mismatch).
  // A media thumbnail inside the admin, as Payload renders its own (no next/image loader here).
  // eslint-disable-next-line @next/next/no-img-element
  if (url) return <img alt="" className="rl-avatar" src={url} title={name} />
  return (
    <span aria-hidden="true" className="rl-avatar" data-initials={initialsOf(name)} title={name} />
  )
}
