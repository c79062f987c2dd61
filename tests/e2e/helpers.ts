import AxeBuilder from '@axe-core/playwright'
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'

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

export async function logIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/admin/login')
  await page.locator('#field-email').fill(email)
  await page.locator('#field-password').fill(password)
  await page.locator('button[type="submit"]').click()
}

/** A new account of `role` (signed up through the API) that speaks Spanish. */
export async function spanishAccount(request: APIRequestContext, role: 'educator' | 'institution') {
  const email = `e2e-es-${role}-${Date.now().toString(36)}@example.org`
  const password = 'contrasena-segura-2026'
  const signup = await request.post('/api/auth/signup', {
    data: { email, password, fullName: 'Inés Ibáñez', role },
  })
  expect(signup.status()).toBe(201)
  const { user, token } = (await signup.json()) as { user: { id: string }; token: string }
  const updated = await request.patch(`/api/users/${user.id}`, {
    headers: { Authorization: `JWT ${token}` },
    data: { language: 'es' },
  })
  expect(updated.status()).toBe(200)
  return { email, password, token, id: user.id }
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
 * No serious or critical accessibility violation on the page (or inside `include`, leaving out
 * `exclude`). Payload's own widgets are checked too: the names and contrast they lack upstream
 * are filled in by src/components/admin/UpstreamA11y.tsx and src/app/(payload)/custom.scss.
 */
export async function expectAccessible(page: Page, include: string[] = [], exclude: string[] = []) {
  let axe = new AxeBuilder({ page })
  for (const selector of include) axe = axe.include(selector)
  for (const selector of exclude) axe = axe.exclude(selector)
  const { violations } = await axe.analyze()
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  )
}

/**
 * The whole page (or what `include` names) has no serious or critical accessibility violation in
 * the admin's light theme and in its dark one. Payload's theme is the `data-theme` attribute of <html> (its theme switch
 * sets it in place), so the page is checked in each without a reload that would lose its state.
 */
export async function expectAccessibleInBothThemes(page: Page, include: string[] = []) {
  const html = page.locator('html')
  const before = (await html.getAttribute('data-theme')) ?? 'light'
  for (const theme of ['light', 'dark'] as const) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme)
    await expect(html).toHaveAttribute('data-theme', theme)
    // Payload's inputs fade between the themes' colours: measure once the fades have ended.
    await page.evaluate(() =>
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a instanceof CSSTransition)
          .map((a) => a.finished.catch(() => undefined)),
      ),
    )
    await expectAccessible(page, include)
  }
  await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), before)
}

/** A number as the dashboards print it. */
export const count = (n: number) => new Intl.NumberFormat('en').format(n)

/** The printed value of a dashboard widget's statistic. */
export const statValue = (page: Page, widget: string, name: string) =>
  page.locator(`[data-widget="${widget}"] [data-stat="${name}"] .rl-stat__value`)
