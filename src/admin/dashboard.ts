import type { DashboardConfig, Widget, WidgetInstance } from 'payload'

import type { Role } from '../lib/constants'

const widget = (slug: string, exportName: string, file: string, label: string): Widget => ({
  slug,
  label,
  Component: `/components/admin/dashboard/${file}#${exportName}`,
})

/**
 * The dashboard's cards (Payload's modular dashboard): server components that read through the
 * analytics services and the Local API as the logged-in user. Each shows itself only to its role
 * (a card added to another role's dashboard says whom it is for).
 */
const widgets: Widget[] = [
  widget('educator-summary', 'EducatorSummary', 'educator', 'Educator: at a glance'),
  widget('educator-revenue', 'EducatorRevenue', 'educator', 'Educator: revenue chart'),
  widget('educator-courses', 'EducatorTopCourses', 'educator', 'Educator: top courses'),
  widget('educator-at-risk', 'EducatorAtRisk', 'educator', 'Educator: students at risk'),
  widget('educator-live', 'EducatorLiveSessions', 'educator', 'Educator: upcoming live sessions'),
  widget(
    'institution-summary',
    'InstitutionSummary',
    'institution',
    'Institution: seats and report',
  ),
  widget('institution-cohorts', 'InstitutionCohorts', 'institution', 'Institution: cohorts'),
  widget('platform-totals', 'PlatformTotals', 'admin', 'Admin: platform totals'),
  widget('operations', 'Operations', 'admin', 'Admin: jobs and webhooks'),
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
