/** The one list of topics: student interests, educator expertise, course tags and community topics. */
export const TOPICS = [
  'funding',
  'branding',
  'ai',
  'marketing',
  'sales',
  'operations',
  'finance',
  'leadership',
  'technology',
  'legal',
] as const
export type Topic = (typeof TOPICS)[number]

export const TEACHING_STYLES = ['visual', 'auditory', 'kinesthetic'] as const
export type TeachingStyle = (typeof TEACHING_STYLES)[number]

export const ROLES = ['student', 'educator', 'institution', 'admin'] as const
export type Role = (typeof ROLES)[number]
/** Roles a visitor may pick at signup; only an admin makes admins. */
export const SIGNUP_ROLES = ['student', 'educator', 'institution'] as const

export const LANGUAGES = ['en', 'es'] as const
export type Language = (typeof LANGUAGES)[number]
export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)

/**
 * Payload's admin-language cookie (its own language switch sets the same one), which the server
 * sets on login and the admin sets when the user's `language` differs from the one rendered.
 */
export const languageCookie = (cookiePrefix: string | undefined, language: Language) =>
  `${cookiePrefix || 'payload'}-lng=${language}; Path=/; Max-Age=${60 * 60 * 24 * 365}; SameSite=Lax`

export const SUBSCRIPTION_PLANS = ['basic', 'pro', 'enterprise'] as const

export const MIN_PASSWORD_LENGTH = 10

/** Words an option's label spells in capitals. */
const ACRONYMS = new Set(['ai', 'usd', 'eur', 'gbp', 'cad', 'mux', 'csv', 'pdf', 'xapi'])

/** A select option's label from its stored value: `deep_learning` → "Deep learning", `ai` → "AI". */
export const optionLabel = (value: string) =>
  value
    .split('_')
    .map((word, i) =>
      ACRONYMS.has(word)
        ? word.toUpperCase()
        : i === 0
          ? word.charAt(0).toUpperCase() + word.slice(1)
          : word,
    )
    .join(' ')

/** Spanish labels of stored option values (the admin in Spanish); English is optionLabel. */
const SPANISH_OPTIONS: Record<string, string> = {
  // topics
  funding: 'Financiación',
  branding: 'Marca',
  ai: 'IA',
  marketing: 'Marketing',
  sales: 'Ventas',
  operations: 'Operaciones',
  finance: 'Finanzas',
  leadership: 'Liderazgo',
  technology: 'Tecnología',
  legal: 'Legal',
  // teaching styles
  visual: 'Visual',
  auditory: 'Auditivo',
  kinesthetic: 'Kinestésico',
  // roles
  student: 'Estudiante',
  educator: 'Docente',
  institution: 'Institución',
  admin: 'Administrador',
  // languages
  en: 'Inglés',
  es: 'Español',
  // plans
  basic: 'Básico',
  pro: 'Pro',
  enterprise: 'Empresa',
  // course and lesson types
  microlearning: 'Microaprendizaje',
  deep_learning: 'Aprendizaje profundo',
  digital_product: 'Producto digital',
  video: 'Vídeo',
  quiz: 'Cuestionario',
  reading: 'Lectura',
  live: 'En directo',
  // statuses
  draft: 'Borrador',
  published: 'Publicado',
  pending: 'Pendiente',
  completed: 'Completado',
  refunded: 'Reembolsado',
  failed: 'Fallido',
  paid: 'Pagado',
  open: 'Abierta',
  void: 'Anulada',
  uncollectible: 'Incobrable',
  active: 'Activa',
  trialing: 'En prueba',
  past_due: 'Vencida',
  canceled: 'Cancelada',
  unpaid: 'Impagada',
  incomplete: 'Incompleta',
  incomplete_expired: 'Incompleta caducada',
  paused: 'En pausa',
  scheduled: 'Programada',
  ended: 'Terminada',
  waiting: 'En espera',
  preparing: 'Preparando',
  ready: 'Lista',
  errored: 'Con error',
  sent: 'Enviado',
  // quizzes
  never: 'Nunca',
  after_pass: 'Al aprobar',
  after_last_attempt: 'Tras el último intento',
  all_or_nothing: 'Todo o nada',
  partial: 'Parcial',
  // enrollment sources
  free: 'Gratis',
  purchase: 'Compra',
  cohort: 'Cohorte',
  // communities
  public: 'Pública',
  members: 'Miembros',
  course: 'Curso',
  member: 'Miembro',
  moderator: 'Moderador',
  discussion: 'Debate',
  question: 'Pregunta',
  announcement: 'Anuncio',
  like: 'Me gusta',
  celebrate: 'Celebrar',
  insightful: 'Interesante',
  support: 'Apoyo',
}

/** An option's label in a language of the admin (English when no Spanish label is known). */
export const localizedOptionLabel = (value: string, language: string) =>
  (language === 'es' && SPANISH_OPTIONS[value]) || optionLabel(value)

/**
 * Select options with human labels: `{ en, es }` where a Spanish label is known (Payload shows the
 * admin's language), the English label otherwise.
 */
export const toOptions = (values: readonly string[]) =>
  values.map((value) => {
    const es = SPANISH_OPTIONS[value]
    return { label: es ? { en: optionLabel(value), es } : optionLabel(value), value }
  })

export const COURSE_TYPES = ['microlearning', 'deep_learning', 'digital_product'] as const
export const LESSON_TYPES = ['video', 'quiz', 'reading', 'live'] as const

/** Payload's secret when PAYLOAD_SECRET is unset (development and tests; production requires one). */
export const DEVELOPMENT_SECRET = 'the-ready-lab-development-secret-change-me'
/** The secret that signs sessions, and from which the badge key is derived unless one is set. */
export const payloadSecret = () => process.env.PAYLOAD_SECRET || DEVELOPMENT_SECRET
