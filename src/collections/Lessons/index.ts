import type { CollectionConfig } from 'payload'

import { never } from '../../access'
import { LESSON_TYPES, toOptions } from '../../lib/constants'
import { validateListQuery } from '../../lib/pagination'
import { catalogChanged, catalogRowDeleted } from '../../hooks/catalog'
import { checkEditLockInTransaction } from '../../hooks/editLockInTransaction'
import { canManageCourse, courseOwnerOrAdmin } from '../../access/courses'
import { idOf } from '../../lib/ids'
import { plainTextAsRichText } from '../../lib/richText'
import { canViewLessonContent, lessonsOfVisibleCourses } from './access'
import { refreshProgressOnCreate, refreshProgressOnDelete } from './hooks/refreshCourseProgress'
import { removeLessonRecords } from './hooks/removeLessonRecords'

/**
 * A course's syllabus (title, type, order, duration) is public with the course; the lesson itself
 * (content, video) only reaches enrolled students, the course's educator, admins — and anyone for
 * free previews.
 */
export const Lessons: CollectionConfig = {
  slug: 'lessons',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'course', 'orderIndex', 'lessonType', 'isFreePreview'],
  },
  defaultSort: 'orderIndex',
  access: {
    read: lessonsOfVisibleCourses,
    create: ({ req, data }) => canManageCourse(req, idOf(data?.course)),
    update: courseOwnerOrAdmin(),
    delete: courseOwnerOrAdmin(),
  },
  hooks: {
    beforeOperation: [validateListQuery, checkEditLockInTransaction],
    // The syllabus is on the course's page (catalog cache).
    afterChange: [refreshProgressOnCreate, catalogChanged],
    beforeDelete: [removeLessonRecords],
    afterDelete: [refreshProgressOnDelete, catalogRowDeleted],
  },
  indexes: [{ fields: ['course', 'orderIndex'] }],
  fields: [
    {
      name: 'course',
      label: { en: 'Course', es: 'Curso' },
      type: 'relationship',
      relationTo: 'courses',
      required: true,
      index: true,
      // A lesson stays in its course: its progress rows, quiz and attempts count towards that
      // course, and another educator's course must never receive it.
      access: { update: never },
      admin: { position: 'sidebar' },
    },
    {
      name: 'title',
      label: { en: 'Title', es: 'Título' },
      type: 'text',
      required: true,
      maxLength: 200,
    },
    {
      name: 'description',
      label: { en: 'Description', es: 'Descripción' },
      type: 'textarea',
      maxLength: 5000,
    },
    {
      name: 'lessonType',
      label: { en: 'Lesson type', es: 'Tipo de lección' },
      type: 'select',
      required: true,
      options: toOptions(LESSON_TYPES),
    },
    {
      name: 'content',
      label: { en: 'Content', es: 'Contenido' },
      type: 'richText',
      hooks: { beforeValidate: [plainTextAsRichText] },
      access: { read: canViewLessonContent },
      admin: { condition: (data) => data?.lessonType === 'reading' || data?.lessonType === 'live' },
    },
    {
      name: 'videoAsset',
      label: { en: 'Video asset', es: 'Vídeo' },
      type: 'relationship',
      relationTo: 'video-assets',
      access: { read: canViewLessonContent },
      admin: { condition: (data) => data?.lessonType === 'video' || data?.lessonType === 'live' },
    },
    {
      name: 'videoUpload',
      type: 'ui',
      admin: {
        condition: (data) => data?.lessonType === 'video',
        components: { Field: '/components/admin/courseBuilder/LessonVideo#LessonVideo' },
      },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'orderIndex',
          label: { en: 'Order', es: 'Orden' },
          type: 'number',
          required: true,
          defaultValue: 0,
          min: 0,
          admin: {
            description: {
              en: 'Position in the course (ascending)',
              es: 'Posición en el curso (ascendente)',
            },
          },
        },
        {
          name: 'duration',
          label: { en: 'Duration', es: 'Duración' },
          type: 'number',
          min: 0,
          admin: { description: { en: 'Seconds', es: 'Segundos' } },
        },
        {
          name: 'availableAfterDays',
          label: { en: 'Available after (days)', es: 'Disponible tras (días)' },
          type: 'number',
          defaultValue: 0,
          min: 0,
          admin: {
            description: {
              en: 'Drip: unlocks this many days after enrollment',
              es: 'Dosificado: se desbloquea tantos días después de la inscripción',
            },
          },
        },
      ],
    },
    {
      name: 'isFreePreview',
      label: { en: 'Free preview', es: 'Vista previa gratuita' },
      type: 'checkbox',
      defaultValue: false,
    },
  ],
}
