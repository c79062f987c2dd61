import { expect, test, type Page } from '@playwright/test'

import { formatMoney } from '../../src/lib/money'
import {
  apiGet,
  count,
  DEMO,
  expectAccessible,
  failOnCspViolations,
  logIn,
  statValue,
} from './helpers'

failOnCspViolations()

// Each flow checks and photographs its dashboard twice (light, dark), with axe each time.
test.describe.configure({ timeout: 300_000 })

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

/** Full-page screenshots in the light and the dark theme (Payload's theme cookie), each checked by axe. */
async function screenshotsInBothThemes(page: Page, name: string, widget: string) {
  const url = new URL(page.url())
  for (const theme of ['light', 'dark'] as const) {
    await page.context().addCookies([{ name: 'payload-theme', value: theme, url: url.origin }])
    await page.goto('/admin')
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
    await expect(page.locator(`[data-widget="${widget}"]`)).toBeVisible()
    await expectAccessible(page)
    await page.screenshot({ path: `test-results/dashboard-${name}-${theme}.png`, fullPage: true })
  }
}

test("the demo educator's first screen: students, completions, revenue and a chart", async ({
  page,
}) => {
  await logIn(page, DEMO.educator)
  await expect(page).toHaveURL(/\/admin\/?$/)
  await expect(page.locator('[data-widget="educator-summary"]')).toBeVisible()
  const { user } = await apiGet<{ user: { id: string } }>(page, '/api/users/me')
  const a = await apiGet<{
    totalStudents: number
    completions: number
    revenue: { net: number; currency: string }
  }>(page, `/api/educators/${user.id}/analytics`)
  expect(a.totalStudents).toBeGreaterThan(0)
  await expect(statValue(page, 'educator-summary', 'students')).toHaveText(count(a.totalStudents))
  await expect(statValue(page, 'educator-summary', 'completions')).toHaveText(count(a.completions))
  await expect(statValue(page, 'educator-summary', 'revenue')).toHaveText(
    formatMoney(a.revenue.net, a.revenue.currency),
  )

  // The chart: one bar per day with sales over the last 30 days, the same total as the API's.
  const revenue = await apiGet<{
    net: number
    currency: string
    series: { period: string; sales: number; net: number }[]
  }>(page, `/api/educators/${user.id}/revenue?from=${day(-29)}&to=${day(0)}&granularity=day`)
  const chart = page.locator('[data-widget="educator-revenue"] svg[role="img"]')
  await expect(chart).toBeVisible()
  await expect(chart).toHaveAttribute('aria-label', /Net revenue per day/)
  const sales = revenue.series.reduce((s, p) => s + p.sales, 0)
  await expect(
    page.locator('[data-widget="educator-revenue"] [data-stat="revenue-period"]'),
  ).toHaveText(`${formatMoney(revenue.net, revenue.currency)} net · ${count(sales)} sales`)
  const bars = await chart
    .locator('rect')
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-value'))))
  expect(bars.sort()).toEqual(
    revenue.series
      .map((p) => p.net)
      .filter((n) => n !== 0)
      .sort(),
  )
  // The chart has a fixed height: nothing moves once the page has loaded.
  expect((await chart.boundingBox())?.height).toBe(160)

  // Top courses, students at risk (as student-performance flags them), upcoming live sessions.
  const top = await apiGet<{ courses: { courseId: string; title: string }[] }>(
    page,
    `/api/educators/${user.id}/top-courses?by=enrollments&limit=5`,
  )
  await expect(page.locator('[data-widget="educator-courses"] li')).toHaveCount(top.courses.length)
  await expect(page.locator('[data-widget="educator-courses"] li').first()).toContainText(
    top.courses[0]!.title,
  )
  const performance = await apiGet<{ docs: { atRisk: boolean }[]; totalDocs: number }>(
    page,
    `/api/educators/${user.id}/student-performance?limit=100`,
  )
  expect(performance.totalDocs).toBeLessThanOrEqual(100)
  const atRisk = performance.docs.filter((d) => d.atRisk).length
  await expect(page.locator('[data-widget="educator-at-risk"] [data-stat="at-risk"]')).toHaveText(
    `${count(atRisk)} in all`,
  )
  const live = await apiGet<{ docs: { title: string }[] }>(
    page,
    `/api/live-streams?where[educator][equals]=${user.id}&where[status][equals]=scheduled&where[scheduledAt][greater_than_equal]=${new Date().toISOString()}&sort=scheduledAt&limit=5`,
  )
  await expect(page.locator('[data-widget="educator-live"] li')).toHaveCount(live.docs.length)
  for (const s of live.docs) {
    await expect(page.locator('[data-widget="educator-live"]')).toContainText(s.title)
  }
  // The collection cards stay under the numbers.
  await expect(page.locator('#card-courses')).toBeVisible()

  await screenshotsInBothThemes(page, 'educator', 'educator-revenue')
})

test("the demo institution's first screen: cohorts with progress, seats, certificates, the report", async ({
  page,
}) => {
  await logIn(page, DEMO.institution)
  await expect(page).toHaveURL(/\/admin\/?$/)
  await expect(page.locator('[data-widget="institution-summary"]')).toBeVisible()
  const { user } = await apiGet<{ user: { id: string } }>(page, '/api/users/me')
  const a = await apiGet<{
    students: number
    certificatesIssued: number
    cohorts: number
    seats: { total: number; used: number }
  }>(page, `/api/institutions/${user.id}/analytics`)
  await expect(statValue(page, 'institution-summary', 'seats')).toHaveText(
    `${count(a.seats.used)} / ${count(a.seats.total)}`,
  )
  await expect(statValue(page, 'institution-summary', 'students')).toHaveText(count(a.students))
  await expect(statValue(page, 'institution-summary', 'certificates')).toHaveText(
    count(a.certificatesIssued),
  )
  await expect(
    page.locator('[data-widget="institution-summary"] [role="progressbar"]'),
  ).toHaveAttribute('aria-valuenow', String(a.seats.used))

  // Each cohort with its report's progress as a bar.
  expect(a.cohorts).toBeGreaterThan(0)
  const rows = page.locator('[data-widget="institution-cohorts"] li')
  await expect(rows).toHaveCount(Math.min(a.cohorts, 8))
  const cohortId = await rows.first().getAttribute('data-cohort')
  const report = await apiGet<{ summary: { students: number; averageProgress: number } }>(
    page,
    `/api/institutions/${user.id}/cohorts/${cohortId}/report`,
  )
  await expect(rows.first().locator('[data-stat="cohort-students"]')).toHaveText(
    count(report.summary.students),
  )
  await expect(rows.first().locator('[role="progressbar"]')).toHaveAttribute(
    'aria-valuenow',
    String(report.summary.averageProgress),
  )

  // The report link downloads the CSV from the export endpoint.
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Download the report (CSV)' }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^all-cohorts-report-.*\.csv$/)

  await screenshotsInBothThemes(page, 'institution', 'institution-cohorts')
})

test('the admin sees platform totals, failed jobs and the outbox backlog', async ({ page }) => {
  await logIn(page, DEMO.admin)
  await expect(page).toHaveURL(/\/admin\/?$/)
  await expect(page.locator('[data-widget="operations"]')).toBeVisible()
  const total = async (path: string) => (await apiGet<{ totalDocs: number }>(page, path)).totalDocs
  await expect(statValue(page, 'operations', 'failed-jobs')).toHaveText(
    count(await total('/api/job-failures?limit=1')),
  )
  await expect(statValue(page, 'operations', 'outbox-pending')).toHaveText(
    count(await total('/api/outbox?where[status][equals]=pending&limit=1')),
  )
  await expect(statValue(page, 'operations', 'outbox-failed')).toHaveText(
    count(await total('/api/outbox?where[status][equals]=failed&limit=1')),
  )
  await expect(statValue(page, 'platform-totals', 'users')).toHaveText(
    count(await total('/api/users?limit=1')),
  )
  await expect(statValue(page, 'platform-totals', 'courses')).toHaveText(
    count(await total('/api/courses?limit=1')),
  )
  await expect(statValue(page, 'platform-totals', 'enrollments')).toHaveText(
    count(await total('/api/enrollments?limit=1')),
  )
  await expect(page.locator('#card-job-failures')).toBeVisible()

  await screenshotsInBothThemes(page, 'admin', 'operations')
})

test('the brand: our logo on the login page, our icon, favicon and titles', async ({ page }) => {
  await page.goto('/admin/login')
  await expect(page.locator('.readylab-logo')).toContainText('The Ready Lab')
  await expect(page).toHaveTitle(/The Ready Lab/)
  const icon = page.locator('link[rel="icon"]')
  await expect(icon).toHaveAttribute('href', '/favicon.svg')
  const favicon = await page.request.get('/favicon.svg')
  expect(favicon.status()).toBe(200)
  expect(await favicon.text()).toContain('<svg')
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute(
    'content',
    /\/og-image\.png$/,
  )
  await page.screenshot({ path: 'test-results/dashboard-login-brand.png' })
  await logIn(page, DEMO.educator)
  await expect(page).toHaveURL(/\/admin\/?$/)
  await expect(page).toHaveTitle(/The Ready Lab/)
  await expect(page.locator('.step-nav .readylab-mark').first()).toBeVisible()
})
