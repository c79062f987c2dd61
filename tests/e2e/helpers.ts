import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'

export const PASSWORD = process.env.DEMO_PASSWORD || 'readylab-demo-2026'

/** Demo accounts seeded by `npm run dev` (src/seed). */
export const DEMO = {
  admin: 'admin@thereadylab.dev',
  educator: 'maya.educator@thereadylab.dev',
  institution: 'northside.institution@thereadylab.dev',
  student: 'zoe.student@thereadylab.dev',
} as const

/**
 * The admin must work under the app's Content-Security-Policy: any blocked script, style, image
 * or connection shows up as a console error and fails the test that caused it. Call once at the
 * top of a spec file.
 */
export function failOnCspViolations() {
  const violations: string[] = []
  test.beforeEach(({ page }) => {
    violations.length = 0
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
    })
  })
  test.afterEach(() => {
    expect(violations, 'CSP violations in the admin').toEqual([])
  })
}

export async function logIn(page: Page, email: string) {
  await page.goto('/admin/login')
  await page.locator('#field-email').fill(email)
  await page.locator('#field-password').fill(PASSWORD)
  await page.locator('button[type="submit"]').click()
}

/**
 * A call through the logged-in browser's cookie. The session cookie is honoured only with the
 * app's own Origin (Payload's csrf list), which page.request does not send by itself.
 */
export async function api<T = Record<string, unknown>>(
  page: Page,
  method: 'GET' | 'POST',
  path: string,
  data?: unknown,
  status = method === 'POST' ? 201 : 200,
): Promise<T> {
  const origin = new URL(page.url()).origin
  const res = await page.request.fetch(path, { method, data, headers: { Origin: origin } })
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBe(status)
  return (await res.json()) as T
}

export const apiGet = <T = Record<string, unknown>>(page: Page, path: string) =>
  api<T>(page, 'GET', path)

/**
 * No serious or critical accessibility violation inside `include`, leaving out `exclude` (Payload's
 * own widgets with findings of their own upstream, each named where it is left out).
 */
export async function expectAccessible(page: Page, include: string[], exclude: string[] = []) {
  let axe = new AxeBuilder({ page })
  for (const selector of include) axe = axe.include(selector)
  for (const selector of exclude) axe = axe.exclude(selector)
  const { violations } = await axe.analyze()
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  )
}

/** A number as the dashboards print it. */
export const count = (n: number) => new Intl.NumberFormat('en').format(n)

/** The printed value of a dashboard widget's statistic. */
export const statValue = (page: Page, widget: string, name: string) =>
  page.locator(`[data-widget="${widget}"] [data-stat="${name}"] .rl-stat__value`)
