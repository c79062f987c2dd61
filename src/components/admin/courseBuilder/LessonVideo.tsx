'use client'
import type { UIFieldClientComponent } from 'payload'
import { useDocumentInfo, useFormFields, useTranslation } from '@payloadcms/ui'
import React from 'react'

import type { CustomTranslationsKeys, CustomTranslationsObject } from '../../../admin/i18n'

import { idOf } from '../../../lib/ids'
import { MuxUpload } from './MuxUpload'

import './courseBuilder.scss'

/** On a video lesson's screen: upload its video to Mux, and follow processing and captions. */
export const LessonVideo: UIFieldClientComponent = () => {
  const { id } = useDocumentInfo()
  const { t } = useTranslation<CustomTranslationsObject, CustomTranslationsKeys>()
  const course = useFormFields(([fields]) => idOf(fields.course?.value))
  const asset = useFormFields(([fields]) => idOf(fields.videoAsset?.value))
  const title = useFormFields(([fields]) => String(fields.title?.value ?? ''))
  return (
    <div className="rl-answer-key">
      <div className="rl-answer-key__legend">{t('readylab:videoTitle')}</div>
      {id && course ? (
        <MuxUpload assetId={asset} courseId={course} lessonId={String(id)} lessonTitle={title} />
      ) : (
        <p className="rl-answer-key__empty">{t('readylab:videoSaveFirst')}</p>
      )}
    </div>
  )
}
