import { expect, test, type Page } from '@playwright/test'

import {
  apiGet,
  count,
  DEMO,
  expectAccessibleInBothThemes,
  failOnCspViolations,
  logIn,
  spanishAccount,
  statValue,
} from './helpers'

failOnCspViolations()

test.describe.configure({ timeout: 300_000 })

const run = Date.now().toString(36)

/** Saves a new document and waits for its edit URL; answers its id. */
async function saveNew(page: Page, collection: string) {
  await page.locator('#action-save').click()
  await expect(page).toHaveURL(new RegExp(`/admin/collections/${collection}/[0-9a-f-]{36}`))
  return page.url().split('/').pop()!.split('?')[0]
}

test('the demo institution creates a cohort, adds three students by email, and its dashboard follows', async ({
  page,
}) => {
  await logIn(page, DEMO.institution)
  await expect(page).toHaveURL(/\/admin\/?$/)
  const { user } = await apiGet<{ user: { id: string } }>(page, '/api/users/me')
  const before = await apiGet<{ students: number; cohorts: number }>(
    page,
    `/api/institutions/${user.id}/analytics`,
  )
  await expect(statValue(page, 'institution-summary', 'students')).toHaveText(
    count(before.students),
  )

  // A new cohort: the manager asks to save first, then takes addresses.
  await page.goto('/admin/collections/cohorts/create')
  const manager = page.locator('[data-cohort-manager]')
  await expect(page.getByText('Save the cohort first')).toBeVisible()
  await expect(async () => {
    await page.locator('#field-name').fill(`E2E cohort ${run}`)
    await expect(page.locator('#field-name')).toHaveValue(`E2E cohort ${run}`, { timeout: 2_000 })
  }).toPass({ timeout: 60_000 })
  const cohortId = await saveNew(page, 'cohorts')
  await expect(manager).toBeVisible()
  await expect(manager.locator('[data-stat="students"] [data-value]')).toHaveAttribute(
    'data-value',
    '0',
  )

  const emails = [1, 2, 3].map((i) => `e2e-${run}-${i}@example.org`)
  // Pasted as people do: mixed case, a duplicate, commas and new lines.
  await manager
    .getByLabel('Email addresses')
    .fill(`${emails[0].toUpperCase()}, ${emails[1]}\n${emails[2]}\n${emails[0]}`)
  await manager.getByRole('button', { name: 'Add students' }).click()
  const results = manager.locator('[data-bulk-results]')
  await expect(results.locator('tr[data-status="invited"]')).toHaveCount(3)
  await expect(results).toContainText('0 added, 3 invited, 0 already members, 0 invalid')
  await expect(manager.locator('[data-stat="students"] [data-value]')).toHaveAttribute(
    'data-value',
    '3',
  )
  for (const email of emails) {
    await expect(manager.locator(`li[data-student="${email}"]`)).toBeVisible()
  }
  await expect(manager.getByRole('link', { name: 'Download the report (CSV)' })).toHaveAttribute(
    'href',
    new RegExp(`cohortId=${cohortId}`),
  )

  // Again: nothing changes, each address is already a member.
  await manager.getByLabel('Email addresses').fill(emails.join('\n'))
  await manager.getByRole('button', { name: 'Add students' }).click()
  await expect(results.locator('tr[data-status="already_member"]')).toHaveCount(3)

  // The whole cohort screen: Payload's fields (dates, selects), menus and the members table too.
  await expectAccessibleInBothThemes(page)
  await page.screenshot({ path: 'test-results/cohort-manager.png', fullPage: true })

  // The dashboard: three more students, and the new cohort with its three.
  await page.goto('/admin')
  await expect(statValue(page, 'institution-summary', 'students')).toHaveText(
    count(before.students + 3),
  )
  await expect(statValue(page, 'institution-summary', 'cohorts')).toHaveText(
    count(before.cohorts + 1),
  )
  const row = page.locator(`[data-widget="institution-cohorts"] li[data-cohort="${cohortId}"]`)
  await expect(row.locator('[data-stat="cohort-students"]')).toHaveText('3')
  await page.screenshot({ path: 'test-results/cohort-dashboard-after.png', fullPage: true })
})

test('a Spanish-speaking user gets the admin in Spanish', async ({ page, request }) => {
  const { email, password } = await spanishAccount(request, 'institution')
  await logIn(page, email, password)
  await expect(page).toHaveURL(/\/admin\/?$/)
  await expect(page.locator('html')).toHaveAttribute('lang', 'es')
  // Our labels (navigation group and collection) and Payload's own, in Spanish.
  await expect(page.getByRole('link', { name: 'Cohortes', exact: true }).first()).toBeVisible()
  await expect(page.getByText('Instituciones', { exact: true }).first()).toBeVisible()
  await expect(page.locator('[data-widget="institution-summary"]')).toContainText(
    'Tus cohortes de un vistazo',
  )
  // Our cards' figures, empty states and links in Spanish too.
  const summary = page.locator('[data-widget="institution-summary"]')
  await expect(summary.locator('[data-stat="seats"] .rl-stat__label')).toHaveText('Plazas usadas')
  await expect(summary.getByRole('link', { name: 'Descargar el informe (CSV)' })).toBeVisible()
  await expect(page.locator('[data-widget="institution-cohorts"]')).toContainText(
    'Todavía no hay cohortes.',
  )
  await page.screenshot({ path: 'test-results/admin-spanish-dashboard.png', fullPage: true })

  await page.goto('/admin/collections/cohorts/create')
  await expect(page.getByText('Guarda primero la cohorte')).toBeVisible()
  await expect(page.locator('label[for="field-name"]')).toContainText('Nombre')
  await expect(page.locator('label[for="field-startDate"]')).toContainText('Fecha de inicio')
  await expect(page.locator('#action-save')).toHaveText(/Guardar/)
  await expectAccessibleInBothThemes(page)
  await page.screenshot({ path: 'test-results/admin-spanish-cohort.png', fullPage: true })
})
