'use client'
import type { JoinFieldClientComponent } from 'payload'
import {
  Banner,
  Button,
  Pill,
  useConfig,
  useDocumentDrawer,
  useDocumentInfo,
  useTranslation,
} from '@payloadcms/ui'
import { formatAdminURL } from 'payload/shared'
import React, { useCallback, useEffect, useRef, useState } from 'react'

import type { CustomTranslationsKeys, CustomTranslationsObject } from '../../../admin/i18n'
import { localizedOptionLabel } from '../../../lib/constants'
import { apiJSON, useApiURL } from '../api'
import { announceLessons } from './api'
import { MuxUpload } from './MuxUpload'

import { lessonMinutes } from './format'
import './courseBuilder.scss'

type LessonRow = {
  id: string
  title: string
  lessonType: 'video' | 'quiz' | 'reading' | 'live'
  orderIndex: number
  duration?: number | null
  isFreePreview?: boolean | null
  videoAsset?: string | null
}
type QuizRow = { id: string; lesson: string; questions?: unknown[] | null }

const SELECT = ['title', 'lessonType', 'orderIndex', 'duration', 'isFreePreview', 'videoAsset']
  .map((f) => `select[${f}]=true`)
  .join('&')

/** Moves one item of a list to another position. */
function moved<T>(list: T[], from: number, to: number) {
  const next = [...list]
  const [item] = next.splice(from, 1)
  next.splice(to, 0, item!)
  return next
}

const useT = () => useTranslation<CustomTranslationsObject, CustomTranslationsKeys>()

/** Opens a lesson, or its quiz, in a drawer over the course. */
function EditLesson({ lesson, onSaved }: { lesson: LessonRow; onSaved: () => void }) {
  const { t } = useT()
  const [Drawer, , { openDrawer }] = useDocumentDrawer({ collectionSlug: 'lessons', id: lesson.id })
  return (
    <>
      <Button
        aria-label={t('readylab:builderEditLesson', { title: lesson.title })}
        buttonStyle="secondary"
        margin={false}
        onClick={openDrawer}
        size="small"
      >
        {t('readylab:builderEdit')}
      </Button>
      <Drawer onDelete={onSaved} onSave={onSaved} />
    </>
  )
}

function EditQuiz({
  lesson,
  quiz,
  onSaved,
}: {
  lesson: LessonRow
  quiz?: QuizRow
  onSaved: () => void
}) {
  const { t } = useT()
  const [Drawer, , { closeDrawer, openDrawer }] = useDocumentDrawer({
    collectionSlug: 'quizzes',
    id: quiz?.id,
  })
  // The drawer's slug follows the quiz id, which a first save creates: close this one before
  // the list reloads, or its modal would stay open with nothing in it.
  const saved = () => {
    closeDrawer()
    onSaved()
  }
  const count = quiz?.questions?.length ?? 0
  // The lesson's title is read out after what the button shows, so its name starts with its text.
  return (
    <>
      <Button
        buttonStyle={quiz ? 'secondary' : 'primary'}
        margin={false}
        onClick={openDrawer}
        size="small"
      >
        {quiz ? t('readylab:builderQuizQuestions', { count }) : t('readylab:builderAddQuiz')}
        <span className="sr-only"> {t('readylab:builderQuizOf', { title: lesson.title })}</span>
      </Button>
      <Drawer
        initialData={quiz ? undefined : { lesson: lesson.id, questions: [] }}
        onDelete={saved}
        onSave={saved}
      />
    </>
  )
}

/**
 * The course builder on the course's screen (the `lessons` join field): the lessons in order,
 * drag-and-drop or arrow buttons to reorder them (POST /api/courses/:id/lessons/reorder), add and
 * edit lessons and quizzes in drawers, Mux uploads for video lessons, and the publish rule.
 */
export const CourseLessons: JoinFieldClientComponent = () => {
  const { id } = useDocumentInfo()
  const { i18n, t } = useT()
  const {
    config: {
      routes: { admin },
    },
  } = useConfig()
  const apiURL = useApiURL()
  const courseId = id ? String(id) : null
  const [lessons, setLessons] = useState<LessonRow[] | null>(null)
  const [quizzes, setQuizzes] = useState<Record<string, QuizRow>>({})
  const [error, setError] = useState('')
  const [saving, setSaving] = useState(false)
  const [message, setMessage] = useState('')
  const [dragging, setDragging] = useState<number | null>(null)
  const [over, setOver] = useState<number | null>(null)
  const list = useRef<HTMLOListElement>(null)

  const [AddDrawer, , { openDrawer: openAdd }] = useDocumentDrawer({ collectionSlug: 'lessons' })

  const fetchLessons = useCallback(async () => {
    const [found, quizList] = await Promise.all([
      apiJSON<{ docs: LessonRow[] }>(
        `${apiURL}/lessons?where[course][equals]=${courseId}&sort=orderIndex&limit=100&depth=0&${SELECT}`,
      ),
      apiJSON<{ docs: QuizRow[] }>(
        `${apiURL}/quizzes?where[course][equals]=${courseId}&limit=100&depth=0&select[lesson]=true&select[questions]=true`,
      ),
    ])
    return { lessons: found.docs, quizzes: quizList.docs }
  }, [apiURL, courseId])

  const show = useCallback(
    (found: { lessons: LessonRow[]; quizzes: QuizRow[] }) => {
      setLessons(found.lessons)
      setQuizzes(Object.fromEntries(found.quizzes.map((q) => [String(q.lesson), q])))
      if (courseId) announceLessons(courseId, found.lessons.length)
      setError('')
    },
    [courseId],
  )
  const failed = (err: unknown) => setError((err as Error).message)

  /** Reads the lessons again (after a drawer saved or deleted one). */
  const load = useCallback(() => {
    if (courseId) fetchLessons().then(show, failed)
  }, [courseId, fetchLessons, show])

  useEffect(() => {
    if (!courseId) return
    let live = true
    fetchLessons().then(
      (found) => live && show(found),
      (err) => live && failed(err),
    )
    return () => {
      live = false
    }
  }, [courseId, fetchLessons, show])

  const reorder = async (from: number, to: number) => {
    if (!lessons || !courseId || from === to || to < 0 || to >= lessons.length) return
    const before = lessons
    const next = moved(lessons, from, to)
    setLessons(next)
    setSaving(true)
    try {
      await apiJSON(`${apiURL}/courses/${courseId}/lessons/reorder`, {
        method: 'POST',
        body: JSON.stringify({ lessonIds: next.map((l) => l.id) }),
      })
      setMessage(
        t('readylab:builderMoved', {
          title: next[to]!.title,
          position: to + 1,
          count: next.length,
        }),
      )
      setError('')
    } catch (err) {
      setLessons(before)
      setError(t('readylab:builderOrderNotSaved', { message: (err as Error).message }))
      load()
    } finally {
      setSaving(false)
    }
  }

  /** Keeps keyboard focus on the moved lesson's button. */
  const move = async (index: number, by: -1 | 1, lesson: LessonRow) => {
    await reorder(index, index + by)
    const button = list.current?.querySelector<HTMLButtonElement>(
      `[data-lesson="${lesson.id}"] [data-move="${by < 0 ? 'up' : 'down'}"]:not([disabled])`,
    )
    ;(
      button ??
      list.current?.querySelector<HTMLButtonElement>(`[data-lesson="${lesson.id}"] [data-move]`)
    )?.focus()
  }

  if (!courseId) {
    return (
      <section className="rl-builder" aria-labelledby="rl-builder-title">
        <h3 className="rl-builder__title" id="rl-builder-title">
          {t('readylab:builderLessons')}
        </h3>
        <p className="rl-builder__hint">{t('readylab:builderSaveFirst')}</p>
      </section>
    )
  }

  const previewHref = formatAdminURL({
    adminRoute: admin,
    path: `/collections/courses/${courseId}/student-preview`,
  })

  return (
    <section aria-labelledby="rl-builder-title" className="rl-builder" data-builder="lessons">
      <header className="rl-builder__header">
        <h3 className="rl-builder__title" id="rl-builder-title">
          {lessons
            ? t('readylab:builderLessonCount', { count: lessons.length })
            : t('readylab:builderLessons')}
        </h3>
        <div className="rl-builder__actions">
          <a className="rl-builder__link" href={previewHref}>
            {t('readylab:builderPreview')}
          </a>
          <Button buttonStyle="primary" margin={false} onClick={openAdd} size="small">
            {t('readylab:builderAddLesson')}
          </Button>
        </div>
      </header>
      {lessons && lessons.length === 0 ? (
        <Banner type="info">
          <span data-publish-rule>{t('readylab:builderPublishRule')}</span>
        </Banner>
      ) : null}
      {lessons && lessons.length > 1 ? (
        <p className="rl-builder__hint" id="rl-builder-hint">
          {t('readylab:builderDragHint')}
        </p>
      ) : null}
      {error ? (
        <p className="rl-builder__error" role="alert">
          {error}
        </p>
      ) : null}
      {lessons === null && !error ? (
        <p className="rl-builder__hint">{t('readylab:builderLoading')}</p>
      ) : null}
      <ol
        aria-busy={saving}
        aria-describedby={lessons && lessons.length > 1 ? 'rl-builder-hint' : undefined}
        className="rl-builder__list"
        ref={list}
      >
        {(lessons ?? []).map((lesson, index) => (
          <li
            className={[
              'rl-lesson',
              dragging === index && 'rl-lesson--dragging',
              over === index && dragging !== index && 'rl-lesson--over',
            ]
              .filter(Boolean)
              .join(' ')}
            data-lesson={lesson.id}
            draggable={!saving}
            key={lesson.id}
            onDragEnd={() => {
              setDragging(null)
              setOver(null)
            }}
            onDragOver={(e) => {
              if (dragging === null) return
              e.preventDefault()
              e.dataTransfer.dropEffect = 'move'
              if (over !== index) setOver(index)
            }}
            onDragStart={(e) => {
              e.dataTransfer.effectAllowed = 'move'
              e.dataTransfer.setData('text/plain', lesson.id)
              setDragging(index)
            }}
            onDrop={(e) => {
              e.preventDefault()
              const from = dragging
              setDragging(null)
              setOver(null)
              if (from !== null) void reorder(from, index)
            }}
          >
            <span
              aria-hidden="true"
              className="rl-lesson__handle"
              title={t('readylab:builderDragHandle')}
            >
              ⋮⋮
            </span>
            <span className="rl-lesson__position">{index + 1}</span>
            <div className="rl-lesson__main">
              <span className="rl-lesson__title">{lesson.title}</span>
              <span className="rl-lesson__meta">
                <Pill size="small">{localizedOptionLabel(lesson.lessonType, i18n.language)}</Pill>
                {lesson.duration ? <span>{lessonMinutes(lesson.duration)}</span> : null}
                {lesson.isFreePreview ? <span>{t('readylab:builderFreePreview')}</span> : null}
              </span>
              {lesson.lessonType === 'video' ? (
                <MuxUpload
                  assetId={lesson.videoAsset ? String(lesson.videoAsset) : null}
                  courseId={courseId}
                  lessonId={lesson.id}
                  lessonTitle={lesson.title}
                />
              ) : null}
            </div>
            <div className="rl-lesson__controls">
              {lesson.lessonType === 'quiz' ? (
                <EditQuiz lesson={lesson} onSaved={load} quiz={quizzes[lesson.id]} />
              ) : null}
              <EditLesson lesson={lesson} onSaved={load} />
              <button
                aria-label={t('readylab:builderMoveUp', { title: lesson.title })}
                className="rl-lesson__move"
                data-move="up"
                disabled={saving || index === 0}
                onClick={() => void move(index, -1, lesson)}
                type="button"
              >
                ↑
              </button>
              <button
                aria-label={t('readylab:builderMoveDown', { title: lesson.title })}
                className="rl-lesson__move"
                data-move="down"
                disabled={saving || index === (lessons?.length ?? 0) - 1}
                onClick={() => void move(index, 1, lesson)}
                type="button"
              >
                ↓
              </button>
            </div>
          </li>
        ))}
      </ol>
      <p aria-live="polite" className="rl-builder__status" role="status">
        {message}
      </p>
      <AddDrawer
        initialData={{
          course: courseId,
          lessonType: 'reading',
          orderIndex: lessons?.length ? Math.max(...lessons.map((l) => l.orderIndex)) + 1 : 0,
        }}
        onSave={load}
      />
    </section>
  )
}
