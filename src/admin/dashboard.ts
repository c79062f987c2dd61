import type { DashboardConfig, Widget, WidgetInstance, WidgetWidth } from 'payload'

import type { Role } from '../lib/constants'

const widget = (
  slug: string,
  file: string,
  exportName: string,
  label: { en: string; es: string },
  minWidth: WidgetWidth,
): Widget => ({
  slug,
  label,
  minWidth,
  Component: `/components/admin/dashboard/${file}#${exportName}`,
})

/**
 * The dashboard's cards (Payload's modular dashboard): server components that read through the
 * analytics services and the Local API as the logged-in user. Each shows itself only to its role
 * (a card added to another role's dashboard says whom it is for). Cards of figures are at least
 * half the width, lists a third, so a resized card stays readable.
 */
const widgets: Widget[] = [
  widget(
    'educator-summary',
    'educator',
    'EducatorSummary',
    { en: 'Educator: at a glance', es: 'Docente: resumen' },
    'medium',
  ),
  widget(
    'educator-revenue',
    'educator',
    'EducatorRevenue',
    { en: 'Educator: revenue chart', es: 'Docente: gráfico de ingresos' },
    'medium',
  ),
  widget(
    'educator-courses',
    'educator',
    'EducatorTopCourses',
    { en: 'Educator: top courses', es: 'Docente: cursos principales' },
    'small',
  ),
  widget(
    'educator-at-risk',
    'educator',
    'EducatorAtRisk',
    { en: 'Educator: students at risk', es: 'Docente: estudiantes en riesgo' },
    'small',
  ),
  widget(
    'educator-live',
    'educator',
    'EducatorLiveSessions',
    { en: 'Educator: live sessions', es: 'Docente: sesiones en directo' },
    'small',
  ),
  widget(
    'institution-summary',
    'institution',
    'InstitutionSummary',
    { en: 'Institution: seats', es: 'Institución: plazas' },
    'medium',
  ),
  widget(
    'institution-cohorts',
    'institution',
    'InstitutionCohorts',
    { en: 'Institution: cohorts', es: 'Institución: cohortes' },
    'medium',
  ),
  widget(
    'platform-totals',
    'admin',
    'PlatformTotals',
    { en: 'Admin: platform totals', es: 'Admin: totales de la plataforma' },
    'medium',
  ),
  widget(
    'operations',
    'admin',
    'Operations',
    { en: 'Admin: jobs and webhooks', es: 'Admin: trabajos y webhooks' },
    'medium',
  ),
]

/** Each role's first screen; the collection cards stay below (and in the navigation). */
const LAYOUTS: Record<Role, WidgetInstance[]> = {
  educator: [
    { widgetSlug: 'educator-summary', width: 'full' },
    { widgetSlug: 'educator-revenue', width: 'large' },
    { widgetSlug: 'educator-courses', width: 'small' },
    { widgetSlug: 'educator-at-risk', width: 'medium' },
    { widgetSlug: 'educator-live', width: 'medium' },
    { widgetSlug: 'collections', width: 'full' },
  ],
  institution: [
    { widgetSlug: 'institution-summary', width: 'full' },
    { widgetSlug: 'institution-cohorts', width: 'full' },
    { widgetSlug: 'collections', width: 'full' },
  ],
  admin: [
    { widgetSlug: 'platform-totals', width: 'full' },
    { widgetSlug: 'operations', width: 'full' },
    { widgetSlug: 'collections', width: 'full' },
  ],
  student: [{ widgetSlug: 'collections', width: 'full' }],
}

export const dashboard: DashboardConfig = {
  widgets,
  defaultLayout: ({ req }) => LAYOUTS[(req.user?.role as Role) ?? 'student'] ?? LAYOUTS.student,
}
