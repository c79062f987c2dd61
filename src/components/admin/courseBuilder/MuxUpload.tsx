'use client'
import { Button, useTranslation } from '@payloadcms/ui'
import React, { useCallback, useEffect, useId, useRef, useState } from 'react'

import type { CustomTranslationsKeys, CustomTranslationsObject } from '../../../admin/i18n'
import { apiJSON, useApiURL } from '../api'
import { clockTime } from './format'

type Caption = { language: string; name?: string | null; status?: string | null }
type Asset = {
  id: string
  status: 'waiting' | 'preparing' | 'ready' | 'errored'
  duration?: number | null
  errorMessage?: string | null
  captions?: Caption[] | null
}

const STATUS: Record<Asset['status'], CustomTranslationsKeys> = {
  waiting: 'readylab:videoWaiting',
  preparing: 'readylab:videoPreparing',
  ready: 'readylab:videoReady',
  errored: 'readylab:videoErrored',
}
const CAPTION_STATUS: Record<string, CustomTranslationsKeys> = {
  preparing: 'readylab:captionPreparing',
  ready: 'readylab:captionReady',
  errored: 'readylab:captionErrored',
}
const LANGUAGE: Record<string, CustomTranslationsKeys> = {
  en: 'readylab:languageEn',
  es: 'readylab:languageEs',
}

/** Still changing: Mux has not finished the asset or one of its captions. */
const settled = (asset: Asset | null) =>
  !asset ||
  asset.status === 'errored' ||
  (asset.status === 'ready' && (asset.captions ?? []).every((c) => c.status !== 'preparing'))

/** PUTs the file to Mux's upload URL, reporting progress (fetch cannot). */
function putFile(
  url: string,
  file: File,
  onProgress: (ratio: number) => void,
  messages: { failed: (status: number) => string; network: string },
) {
  return new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('PUT', url)
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total)
    xhr.onload = () =>
      xhr.status < 300 ? resolve() : reject(new Error(messages.failed(xhr.status)))
    xhr.onerror = () => reject(new Error(messages.network))
    xhr.send(file)
  })
}

/**
 * A Mux direct upload for a video lesson (POST /api/courses/:id/lessons/:lessonId/video), then the
 * asset's processing and caption status as Mux webhooks fill them in.
 */
export function MuxUpload({
  courseId,
  lessonId,
  assetId: initialAssetId,
  lessonTitle,
}: {
  courseId: string
  lessonId: string
  assetId?: string | null
  lessonTitle?: string
}) {
  const { t } = useTranslation<CustomTranslationsObject, CustomTranslationsKeys>()
  const apiURL = useApiURL()
  const input = useRef<HTMLInputElement>(null)
  const statusId = useId()
  const [assetId, setAssetId] = useState(initialAssetId ?? null)
  const [asset, setAsset] = useState<Asset | null>(null)
  const [progress, setProgress] = useState<number | null>(null)
  const [error, setError] = useState('')

  const load = useCallback(() => {
    if (!assetId) return
    apiJSON<Asset>(`${apiURL}/video-assets/${assetId}?depth=0`).then(setAsset, (err) =>
      setError((err as Error).message),
    )
  }, [apiURL, assetId])

  // The asset's status now, then again every 5 s while Mux is still working on it.
  useEffect(() => {
    if (!assetId || progress !== null) return
    if (asset?.id === assetId && settled(asset)) return
    const timer = window.setTimeout(load, asset?.id === assetId ? 5_000 : 0)
    return () => window.clearTimeout(timer)
  }, [asset, assetId, load, progress])

  const upload = async (file: File) => {
    setError('')
    setProgress(0)
    try {
      const started = await apiJSON<{ uploadUrl: string; videoAsset: Asset }>(
        `${apiURL}/courses/${courseId}/lessons/${lessonId}/video`,
        { method: 'POST', body: '{}' },
      )
      setAssetId(started.videoAsset.id)
      setAsset(started.videoAsset)
      await putFile(started.uploadUrl, file, setProgress, {
        failed: (status) => t('readylab:videoUploadFailed', { status }),
        network: t('readylab:videoNetworkError'),
      })
    } catch (err) {
      setError((err as Error).message)
    } finally {
      setProgress(null)
    }
  }

  const captions = asset?.captions ?? []
  return (
    <div className="rl-mux" data-mux-status={asset?.status ?? 'none'}>
      <input
        accept="video/*"
        aria-label={t('readylab:videoFileFor', {
          title: lessonTitle || t('readylab:videoThisLesson'),
        })}
        className="rl-mux__input"
        onChange={(e) => {
          const file = e.target.files?.[0]
          if (file) void upload(file)
          e.target.value = ''
        }}
        ref={input}
        type="file"
      />
      <Button
        aria-describedby={statusId}
        buttonStyle="secondary"
        disabled={progress !== null}
        margin={false}
        onClick={() => input.current?.click()}
        size="small"
      >
        {assetId ? t('readylab:videoReplace') : t('readylab:videoUpload')}
      </Button>
      <span aria-live="polite" className="rl-mux__status" id={statusId}>
        {progress !== null
          ? t('readylab:videoUploading', { percent: Math.round(progress * 100) })
          : asset
            ? t('readylab:videoStatus', { status: t(STATUS[asset.status]) }) +
              (asset.duration ? ` (${clockTime(asset.duration)})` : '') +
              (captions.length
                ? ` · ${t('readylab:videoCaptions', {
                    list: captions
                      .map(
                        (c) =>
                          `${LANGUAGE[c.language] ? t(LANGUAGE[c.language]!) : c.language} ${t(
                            CAPTION_STATUS[c.status ?? 'preparing'] ?? 'readylab:captionPreparing',
                          )}`,
                      )
                      .join(', '),
                  })}`
                : '')
            : assetId
              ? t('readylab:videoLoading')
              : t('readylab:videoNone')}
        {asset?.errorMessage ? ` · ${asset.errorMessage}` : ''}
      </span>
      {error ? (
        <span className="rl-mux__error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  )
}
