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
