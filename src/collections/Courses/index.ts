import type { Course } from '../../payload-types'
import type { CollectionConfig, FilterOptions, NumberFieldSingleValidation, Where } from 'payload'
import { recordCourseOpened } from '../../hooks/analytics'
import { number } from 'payload/shared'

import { adminField, never } from '../../access'
import { courseOwnerOrAdmin, educatorsAndAdmins, publishedOrOwner } from '../../access/courses'
import { COURSE_TYPES, TEACHING_STYLES, TOPICS, toOptions } from '../../lib/constants'
import { CURRENCIES } from '../../lib/money'
import { validateListQuery } from '../../lib/pagination'
import { assignEducator } from './hooks/assignEducator'
import { checkEditLockInTransaction } from '../../hooks/editLockInTransaction'
import { recountEducatorsOnReassign } from './hooks/recountEducators'
import { removeCourseDiscussions } from '../Posts/hooks/removeCourseDiscussions'
import { lockCourse } from './hooks/lockCourse'
import { skipEnrollmentsJoin } from './hooks/skipEnrollmentsJoin'
import { removeCourseContent } from './hooks/removeCourseContent'
import { requireLessonsToPublish } from './hooks/requireLessonsToPublish'
import { uniqueSlug } from './hooks/uniqueSlug'
import { auditDeletion } from '../../hooks/audit'
import { catalogChanged, catalogRowDeleted } from '../../hooks/catalog'
import { idOf } from '../../lib/ids'
import { plainTextAsRichText } from '../../lib/richText'
import { counter, serverSet } from '../../fields/serverSet'
import { ownedByUser } from '../../fields/relations'
import { discussionEndpoints } from '../../endpoints/communities/discussions'
import { courseEndpoints } from '../../endpoints/courses'
import { reviewEndpoints } from '../../endpoints/courses/reviews'
import { videoEndpoints } from '../../endpoints/video'

/** Prerequisites are other published courses; the filter also makes unknown ids a 400. */
const otherPublishedCourses: FilterOptions = ({ id }) => {
  const and: Where[] = [{ _status: { equals: 'published' } }]
  if (id) and.push({ id: { not_equals: id } })
  return { and }
}

/** Thumbnails are the educator's own uploads (any image for admins); unknown ids are a 400. */
const ownMedia: FilterOptions = ({ user }) =>
  user?.role === 'admin' ? true : { owner: { equals: user?.id ?? null } }

export const Courses: CollectionConfig = {
  slug: 'courses',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'courseType', 'educator', '_status', 'totalEnrollments'],
    components: {
      edit: {
        // Disabled, with the reason, while the course has no lesson (requireLessonsToPublish).
        PublishButton: '/components/admin/courseBuilder/PublishButton#CoursePublishButton',
      },
      views: {
        edit: {
          studentPreview: {
            Component: '/components/admin/courseBuilder/StudentPreview#StudentPreview',
            path: '/student-preview',
            tab: {
              label: ({ t }) => t('readylab:builderPreview'),
              href: '/student-preview',
              order: 150,
            },
          },
        },
      },
    },
  },
  versions: { drafts: true, maxPerDoc: 20 },
  access: {
    read: publishedOrOwner,
    create: educatorsAndAdmins,
    update: courseOwnerOrAdmin(''),
    delete: courseOwnerOrAdmin(''),
    // Version rows keep the document's fields under `version`.
    readVersions: courseOwnerOrAdmin('version'),
  },
  // A copy: Payload appends its own endpoints to the array it is given.
  endpoints: [...courseEndpoints, ...reviewEndpoints, ...videoEndpoints, ...discussionEndpoints],
  hooks: {
    beforeOperation: [validateListQuery, checkEditLockInTransaction, skipEnrollmentsJoin],
    beforeValidate: [assignEducator, uniqueSlug],
    beforeChange: [requireLessonsToPublish],
    afterChange: [recountEducatorsOnReassign, catalogChanged],
    beforeDelete: [lockCourse, removeCourseContent, removeCourseDiscussions],
    afterDelete: [
      catalogRowDeleted,
      auditDeletion<Course>('course.deleted', (course) => ({
        summary: `Course "${course.title}" deleted`,
        before: {
          title: course.title,
          slug: course.slug,
          status: course._status,
          educator: idOf(course.educator),
          totalEnrollments: course.totalEnrollments,
        },
      })),
    ],
    afterOperation: [recordCourseOpened],
  },
  fields: [
    {
      name: 'title',
      label: { en: 'Title', es: 'Título' },
      type: 'text',
      required: true,
      maxLength: 200,
    },
    {
      name: 'slug',
      label: { en: 'Slug', es: 'Slug' },
      type: 'text',
      unique: true,
      index: true,
      maxLength: 220,
      admin: {
        position: 'sidebar',
        description: {
          en: 'Generated from the title when left empty',
          es: 'Se genera a partir del título si se deja vacío',
        },
      },
    },
    ownedByUser('educator', {
      label: { en: 'Educator', es: 'Docente' },
      filterOptions: { role: { equals: 'educator' } },
      access: { update: adminField },
      admin: { position: 'sidebar' },
    }),
    {
      name: 'description',
      label: { en: 'Description', es: 'Descripción' },
      type: 'richText',
      hooks: { beforeValidate: [plainTextAsRichText] },
    },
    {
      name: 'courseType',
      label: { en: 'Course type', es: 'Tipo de curso' },
      type: 'select',
      required: true,
      index: true,
      options: toOptions(COURSE_TYPES),
    },
    {
      name: 'teachingStyles',
      label: { en: 'Teaching styles', es: 'Estilos de enseñanza' },
      type: 'select',
      hasMany: true,
      index: true,
      options: toOptions(TEACHING_STYLES),
    },
    {
      name: 'tags',
      label: { en: 'Tags', es: 'Etiquetas' },
      type: 'select',
      hasMany: true,
      index: true,
      options: toOptions(TOPICS),
    },
    {
      type: 'row',
      fields: [
        {
          name: 'price',
          label: { en: 'Price', es: 'Precio' },
          type: 'number',
          defaultValue: 0,
          min: 0,
          admin: {
            description: {
              en: 'In cents (minor units); 0 = free',
              es: 'En céntimos (unidades menores); 0 = gratis',
            },
          },
          // A custom validate replaces Payload's, so the `min` check is called explicitly.
          validate: ((value, options) =>
            value == null ||
            (Number.isInteger(value)
              ? number(value, options)
              : 'price must be a whole number of cents')) as NumberFieldSingleValidation,
        },
        {
          name: 'currency',
          label: { en: 'Currency', es: 'Moneda' },
          type: 'select',
          defaultValue: 'usd',
          options: toOptions(CURRENCIES),
        },
      ],
    },
    {
      name: 'thumbnail',
      label: { en: 'Thumbnail', es: 'Miniatura' },
      type: 'upload',
      relationTo: 'media',
      filterOptions: ownMedia,
    },
    {
      name: 'prerequisites',
      label: { en: 'Prerequisites', es: 'Requisitos previos' },
      type: 'relationship',
      relationTo: 'courses',
      hasMany: true,
      filterOptions: otherPublishedCourses,
      admin: {
        description: {
          en: 'Courses a student must complete before enrolling',
          es: 'Cursos que un estudiante debe completar antes de inscribirse',
        },
      },
    },
    {
      name: 'lessons',
      label: { en: 'Lessons', es: 'Lecciones' },
      type: 'join',
      collection: 'lessons',
      on: 'course',
      defaultSort: 'orderIndex',
      defaultLimit: 100,
      admin: {
        defaultColumns: ['orderIndex', 'title', 'lessonType', 'isFreePreview'],
        // The course builder: reorder, add and edit lessons and quizzes, upload videos.
        components: { Field: '/components/admin/courseBuilder/CourseLessons#CourseLessons' },
      },
    },
    {
      // Lets access rules say "enrolled in this course" as a Where (`course.enrollments.student`)
      // instead of a list of ids. Never returned over REST; GraphQL resolves joins itself, under
      // the enrollments read rule.
      name: 'enrollments',
      type: 'join',
      collection: 'enrollments',
      on: 'course',
      defaultLimit: 1,
      access: { read: never },
      admin: { disabled: true },
    },
    counter('totalEnrollments', {
      index: true,
      label: { en: 'Total enrollments', es: 'Inscripciones totales' },
    }),
    // Visible reviews only (CourseReviews hooks); averageRating = ratingSum / reviewCount.
    serverSet({
      name: 'averageRating',
      label: { en: 'Average rating', es: 'Valoración media' },
      type: 'number',
      index: true,
    }),
    counter('reviewCount', { label: { en: 'Reviews', es: 'Reseñas' } }),
    counter('ratingSum', { label: { en: 'Rating sum', es: 'Suma de valoraciones' } }),
  ],
}
