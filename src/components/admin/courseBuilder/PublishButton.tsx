'use client'
import type { PublishButtonClientProps } from 'payload'
import { Button, PublishButton, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import type { CustomTranslationsKeys, CustomTranslationsObject } from '../../../admin/i18n'
import { apiJSON, useApiURL } from '../api'
import { LESSONS_CHANGED, type LessonsChanged } from './api'

/**
 * The course's Publish button, disabled with the reason while the course has no lesson: the
 * server refuses to publish such a course (requireLessonsToPublish), so the educator learns the
 * rule before trying.
 */
export function CoursePublishButton(props: PublishButtonClientProps) {
  const { id } = useDocumentInfo()
  const { t } = useTranslation<CustomTranslationsObject, CustomTranslationsKeys>()
  const apiURL = useApiURL()
  const courseId = id ? String(id) : null
  const [lessons, setLessons] = useState<number | null>(null)

  useEffect(() => {
    if (!courseId) return
    let live = true
    apiJSON<{ totalDocs: number }>(
      `${apiURL}/lessons?where[course][equals]=${courseId}&limit=1&depth=0&select[title]=true`,
    )
      .then((page) => live && setLessons(page.totalDocs))
      .catch(() => live && setLessons(null))
    const changed = (e: Event) => {
      const { detail } = e as LessonsChanged
      if (detail.courseId === courseId) setLessons(detail.count)
    }
    window.addEventListener(LESSONS_CHANGED, changed)
    return () => {
      live = false
      window.removeEventListener(LESSONS_CHANGED, changed)
    }
  }, [apiURL, courseId])

  if (courseId && lessons !== 0) return <PublishButton {...props} />
  return (
    <>
      <Button aria-describedby="rl-publish-rule" buttonStyle="primary" disabled size="medium">
        {/* Payload's own label for its publish button. */}
        {t('version:publishChanges')}
      </Button>
      <p className="rl-publish-rule" id="rl-publish-rule">
        {courseId ? t('readylab:builderRuleSaved') : t('readylab:builderRuleNew')}
      </p>
    </>
  )
}
