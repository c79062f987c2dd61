import type { CollectionConfig, Where } from 'payload'
import { formatLabels } from 'payload/shared'

import type { Role } from '../lib/constants'

type Group = 'Learning' | 'Live' | 'Community' | 'Commerce' | 'Institutions' | 'System'

/**
 * Where each collection sits in the admin's navigation and which roles (besides admins, who see
 * everything) find it there. Navigation only: what a role may read or write is its access rules.
 * A collection missing here is shown to admins alone, under System.
 */
const NAVIGATION: Record<string, { group: Group; roles: Role[] }> = {
  courses: { group: 'Learning', roles: ['educator', 'institution'] },
  lessons: { group: 'Learning', roles: ['educator'] },
  quizzes: { group: 'Learning', roles: ['educator'] },
  'question-banks': { group: 'Learning', roles: ['educator'] },
  'quiz-attempts': { group: 'Learning', roles: ['educator'] },
  'course-reviews': { group: 'Learning', roles: ['educator'] },
  enrollments: { group: 'Learning', roles: ['educator', 'institution'] },
  certifications: { group: 'Learning', roles: ['educator', 'institution'] },
  media: { group: 'Learning', roles: ['educator'] },
  'video-assets': { group: 'Live', roles: ['educator'] },
  'live-streams': { group: 'Live', roles: ['educator'] },
  'live-polls': { group: 'Live', roles: ['educator'] },
  communities: { group: 'Community', roles: ['educator'] },
  posts: { group: 'Community', roles: ['educator'] },
  comments: { group: 'Community', roles: ['educator'] },
  purchases: { group: 'Commerce', roles: ['educator'] },
  payouts: { group: 'Commerce', roles: ['educator'] },
  'educator-subscriptions': { group: 'Commerce', roles: ['educator'] },
  licenses: { group: 'Commerce', roles: ['institution'] },
  invoices: { group: 'Commerce', roles: ['institution'] },
  'platform-fees': { group: 'Commerce', roles: [] },
  cohorts: { group: 'Institutions', roles: ['institution'] },
  'cohort-enrollments': { group: 'Institutions', roles: ['institution'] },
  'institution-inquiries': { group: 'Institutions', roles: [] },
  users: { group: 'System', roles: [] },
  'user-invitations': { group: 'System', roles: [] },
}

/** Where an educator's admin lists start: their own courses and what hangs off them. */
const EDUCATOR_OWN: Record<string, (id: string) => Where> = {
  courses: (id) => ({ educator: { equals: id } }),
  lessons: (id) => ({ 'course.educator': { equals: id } }),
  quizzes: (id) => ({ 'course.educator': { equals: id } }),
  'question-banks': (id) => ({ 'course.educator': { equals: id } }),
  'course-reviews': (id) => ({ 'course.educator': { equals: id } }),
  'live-streams': (id) => ({ educator: { equals: id } }),
}

/** Each group's name in the admin's languages. */
const GROUP_LABELS: Record<Group, { en: string; es: string }> = {
  Learning: { en: 'Learning', es: 'Aprendizaje' },
  Live: { en: 'Live', es: 'En directo' },
  Community: { en: 'Community', es: 'Comunidad' },
  Commerce: { en: 'Commerce', es: 'Comercio' },
  Institutions: { en: 'Institutions', es: 'Instituciones' },
  System: { en: 'System', es: 'Sistema' },
}

/**
 * Spanish names (singular, plural) of the collections that do not set their own labels; English
 * stays Payload's default from the slug.
 */
const SPANISH_NAMES: Record<string, [singular: string, plural: string]> = {
  courses: ['Curso', 'Cursos'],
  lessons: ['Lección', 'Lecciones'],
  quizzes: ['Cuestionario', 'Cuestionarios'],
  'question-banks': ['Banco de preguntas', 'Bancos de preguntas'],
  'quiz-attempts': ['Intento', 'Intentos'],
  'course-reviews': ['Reseña', 'Reseñas'],
  enrollments: ['Inscripción', 'Inscripciones'],
  certifications: ['Certificado', 'Certificados'],
  media: ['Archivo', 'Archivos'],
  'video-assets': ['Vídeo', 'Vídeos'],
  'live-streams': ['Sesión en directo', 'Sesiones en directo'],
  'live-polls': ['Encuesta', 'Encuestas'],
  communities: ['Comunidad', 'Comunidades'],
  posts: ['Publicación', 'Publicaciones'],
  comments: ['Comentario', 'Comentarios'],
  purchases: ['Compra', 'Compras'],
  payouts: ['Pago', 'Pagos'],
  'educator-subscriptions': ['Plan', 'Planes'],
  licenses: ['Licencia', 'Licencias'],
  invoices: ['Factura', 'Facturas'],
  'cohort-enrollments': ['Miembro de cohorte', 'Miembros de cohorte'],
  users: ['Usuario', 'Usuarios'],
}

const labelsOf = (slug: string): CollectionConfig['labels'] | undefined => {
  const spanish = SPANISH_NAMES[slug]
  if (!spanish) return undefined
  const english = formatLabels(slug)
  return {
    singular: { en: english.singular, es: spanish[0] },
    plural: { en: english.plural, es: spanish[1] },
  }
}

/** The collections with their admin group and who sees them in the navigation. */
export function withNavigation(collections: CollectionConfig[]): CollectionConfig[] {
  return collections.map((collection) => {
    const place = NAVIGATION[collection.slug] ?? { group: 'System', roles: [] }
    const own = EDUCATOR_OWN[collection.slug]
    return {
      ...collection,
      labels: collection.labels ?? labelsOf(collection.slug),
      admin: {
        ...collection.admin,
        // An educator's list shows their own documents (others' published courses stay
        // readable through the API and explore); everyone else's lists are their access rule.
        ...(own && {
          baseFilter: ({ req }) => (req.user?.role === 'educator' ? own(req.user.id) : null),
        }),
        group: GROUP_LABELS[place.group],
        hidden: ({ user }) => user?.role !== 'admin' && !place.roles.includes(user?.role as Role),
      },
    }
  })
}
