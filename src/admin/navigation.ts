import type { CollectionConfig, Where } from 'payload'

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
 * Names (singular, plural) in the admin's languages for collections that do not set their own;
 * the English ones are Payload's defaults from the slug.
 */
const LABELS: Record<string, [en: [string, string], es: [string, string]]> = {
  courses: [
    ['Course', 'Courses'],
    ['Curso', 'Cursos'],
  ],
  lessons: [
    ['Lesson', 'Lessons'],
    ['Lección', 'Lecciones'],
  ],
  quizzes: [
    ['Quiz', 'Quizzes'],
    ['Cuestionario', 'Cuestionarios'],
  ],
  'question-banks': [
    ['Question Bank', 'Question Banks'],
    ['Banco de preguntas', 'Bancos de preguntas'],
  ],
  'quiz-attempts': [
    ['Quiz Attempt', 'Quiz Attempts'],
    ['Intento', 'Intentos'],
  ],
  'course-reviews': [
    ['Course Review', 'Course Reviews'],
    ['Reseña', 'Reseñas'],
  ],
  enrollments: [
    ['Enrollment', 'Enrollments'],
    ['Inscripción', 'Inscripciones'],
  ],
  certifications: [
    ['Certification', 'Certifications'],
    ['Certificado', 'Certificados'],
  ],
  media: [
    ['Media', 'Media'],
    ['Archivo', 'Archivos'],
  ],
  'video-assets': [
    ['Video Asset', 'Video Assets'],
    ['Vídeo', 'Vídeos'],
  ],
  'live-streams': [
    ['Live Stream', 'Live Streams'],
    ['Sesión en directo', 'Sesiones en directo'],
  ],
  'live-polls': [
    ['Live Poll', 'Live Polls'],
    ['Encuesta', 'Encuestas'],
  ],
  communities: [
    ['Community', 'Communities'],
    ['Comunidad', 'Comunidades'],
  ],
  posts: [
    ['Post', 'Posts'],
    ['Publicación', 'Publicaciones'],
  ],
  comments: [
    ['Comment', 'Comments'],
    ['Comentario', 'Comentarios'],
  ],
  purchases: [
    ['Purchase', 'Purchases'],
    ['Compra', 'Compras'],
  ],
  payouts: [
    ['Payout', 'Payouts'],
    ['Pago', 'Pagos'],
  ],
  'educator-subscriptions': [
    ['Educator Subscription', 'Educator Subscriptions'],
    ['Plan', 'Planes'],
  ],
  licenses: [
    ['License', 'Licenses'],
    ['Licencia', 'Licencias'],
  ],
  invoices: [
    ['Invoice', 'Invoices'],
    ['Factura', 'Facturas'],
  ],
  'cohort-enrollments': [
    ['Cohort Enrollment', 'Cohort Enrollments'],
    ['Miembro de cohorte', 'Miembros de cohorte'],
  ],
  users: [
    ['User', 'Users'],
    ['Usuario', 'Usuarios'],
  ],
}

const labelsOf = (slug: string): CollectionConfig['labels'] | undefined => {
  const names = LABELS[slug]
  if (!names) return undefined
  const [[enOne, enMany], [esOne, esMany]] = names
  return { singular: { en: enOne, es: esOne }, plural: { en: enMany, es: esMany } }
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
