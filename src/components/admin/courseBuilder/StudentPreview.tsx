import type { DocumentViewServerProps } from 'payload'
import { Gutter } from '@payloadcms/ui'
import React from 'react'

import { tr } from '../../../admin/i18n'
import { localizedOptionLabel } from '../../../lib/constants'
import { idOf } from '../../../lib/ids'
import { richTextToText } from '../../../lib/richText'
import { publicQuestion, type Question } from '../../../services/learning/questions'

import { lessonMinutes } from './format'
import './courseBuilder.scss'

/**
 * "Preview as student": the course as a student sees it — title, description, the syllabus and
 * each quiz's questions and options through publicQuestion, so no answer key is ever on the page.
 * Read with the viewer's own access (the course's educator or an admin; drafts included).
 */
export async function StudentPreview({ doc, initPageResult }: DocumentViewServerProps) {
  const { req } = initPageResult
  const label = (value: string) => localizedOptionLabel(value, req.i18n.language)
  const courseId = idOf(doc?.id)
  const course = courseId
    ? await req.payload
        .findByID({
          collection: 'courses',
          id: courseId,
          depth: 0,
          draft: true,
          joins: false,
          overrideAccess: false,
          user: req.user,
          req,
        })
        .catch(() => null)
    : null
  if (!course) {
    return (
      <Gutter>
        <p>{tr(req, 'readylab:previewUnavailable')}</p>
      </Gutter>
    )
  }
  const [lessons, quizzes] = await Promise.all([
    req.payload.find({
      collection: 'lessons',
      where: { course: { equals: course.id } },
      sort: 'orderIndex',
      limit: 100,
      depth: 0,
      select: {
        title: true,
        lessonType: true,
        duration: true,
        isFreePreview: true,
        description: true,
      },
      overrideAccess: false,
      user: req.user,
      req,
    }),
    req.payload.find({
      collection: 'quizzes',
      where: { course: { equals: course.id } },
      limit: 100,
      depth: 0,
      overrideAccess: false,
      user: req.user,
      req,
    }),
  ])
  const questionsOf = new Map(
    quizzes.docs.map((q) => [
      idOf(q.lesson),
      ((q.questions ?? []) as Question[]).map((question) => publicQuestion(question)),
    ]),
  )
  const description = richTextToText(course.description)

  return (
    <Gutter>
      <article className="rl-preview" data-student-preview>
        <p className="rl-preview__notice">
          {course._status === 'published'
            ? tr(req, 'readylab:previewNotice')
            : tr(req, 'readylab:previewNoticeDraft')}
        </p>
        <h2 className="rl-preview__title">{course.title}</h2>
        <p className="rl-preview__meta">
          {label(course.courseType)}
          {course.price ? '' : ` · ${tr(req, 'readylab:previewFree')}`}
        </p>
        {description ? <div className="rl-preview__description">{description}</div> : null}
        <h3>{tr(req, 'readylab:builderLessonCount', { count: lessons.docs.length })}</h3>
        {lessons.docs.length === 0 ? <p>{tr(req, 'readylab:previewNoLessons')}</p> : null}
        <ol className="rl-preview__lessons">
          {lessons.docs.map((lesson) => {
            const questions = questionsOf.get(lesson.id) ?? []
            return (
              <li className="rl-preview__lesson" data-preview-lesson={lesson.id} key={lesson.id}>
                <strong>{lesson.title}</strong>{' '}
                <span className="rl-preview__meta">
                  {label(lesson.lessonType)}
                  {lesson.duration ? ` · ${lessonMinutes(lesson.duration)}` : ''}
                  {lesson.isFreePreview ? ` · ${tr(req, 'readylab:builderFreePreview')}` : ''}
                </span>
                {lesson.description ? <p>{lesson.description}</p> : null}
                {questions.length ? (
                  <ol className="rl-preview__questions">
                    {questions.map((q, i) => (
                      <li key={q.id ?? i}>
                        {q.question}
                        {q.options?.length ? (
                          <ul>
                            {q.options.map((option, j) => (
                              <li key={j}>{option}</li>
                            ))}
                          </ul>
                        ) : null}
                      </li>
                    ))}
                  </ol>
                ) : null}
              </li>
            )
          })}
        </ol>
      </article>
    </Gutter>
  )
}
