import { expect, test } from '@playwright/test'

import { apiGet, DEMO, failOnCspViolations, logIn } from './helpers'

failOnCspViolations()

test('an educator logs into the admin and authors a course with its lessons on one screen', async ({
  page,
}) => {
  await logIn(page, 'maya.educator@thereadylab.dev')
  await expect(page).toHaveURL(/\/admin\/?$/)
  await page.goto('/admin/collections/courses')
  const row = page.getByRole('link', { name: 'Pitch Perfect: Raising Your First Round' })
  await expect(row).toBeVisible()
  // The list is the educator's own courses: another educator's published course is not in it.
  await expect(page.getByRole('link', { name: 'Prompting 101' })).toHaveCount(0)
  await row.click()
  await expect(page.locator('#field-title')).toHaveValue('Pitch Perfect: Raising Your First Round')
  // The join field lists the course's lessons, in order, on the course's own screen.
  await expect(page.getByText('Why fundraising matters').first()).toBeVisible()
  await expect(page.getByText('Check your understanding').first()).toBeVisible()
})

test("the courses list's Total Enrollments is the course's real count", async ({ page }) => {
  await logIn(page, DEMO.admin)
  await expect(page).toHaveURL(/\/admin\/?$/)
  // The demo courses with students, as the API counts them (the enrollments themselves).
  const { docs: courses } = await apiGet<{ docs: { id: string; title: string }[] }>(
    page,
    '/api/courses?limit=100&depth=0&sort=title',
  )
  const counted: [string, number][] = []
  for (const course of courses) {
    const { totalDocs } = await apiGet<{ totalDocs: number }>(
      page,
      `/api/enrollments?where[course][equals]=${course.id}&limit=1&depth=0`,
    )
    if (totalDocs > 0) counted.push([course.title, totalDocs])
  }
  expect(counted.length).toBeGreaterThan(1)

  await page.goto('/admin/collections/courses?limit=100&sort=title')
  for (const [title, total] of counted) {
    const row = page.locator('tbody tr', {
      has: page.getByRole('link', { name: title, exact: true }),
    })
    await expect(row.locator('.cell-totalEnrollments'), title).toHaveText(String(total))
  }
  await page.screenshot({ path: 'test-results/admin-course-list-counts.png', fullPage: true })
})

test('an admin sees every collection, including institution inquiries and job failures', async ({
  page,
}) => {
  await logIn(page, 'admin@thereadylab.dev')
  await expect(page).toHaveURL(/\/admin\/?$/)
  for (const label of [
    'Users',
    'Courses',
    'Enrollments',
    'Certifications',
    'Institution Inquiries',
    'Job Failures',
  ]) {
    await expect(page.getByRole('link', { name: label, exact: true }).first()).toBeVisible()
  }
})

test("each role's navigation: its own collections in groups, no system or join collections", async ({
  page,
}) => {
  const nav = (label: string) => page.getByRole('link', { name: label, exact: true })
  await logIn(page, 'maya.educator@thereadylab.dev')
  await expect(page).toHaveURL(/\/admin\/?$/)
  await expect(nav('Courses').first()).toBeVisible()
  await expect(nav('Live Streams').first()).toBeVisible()
  await expect(page.getByText('Learning', { exact: true }).first()).toBeVisible()
  for (const hidden of ['Users', 'Lesson Progresses', 'Reactions', 'Outbox', 'Cohorts']) {
    await expect(nav(hidden), hidden).toHaveCount(0)
  }
  // The account avatar is the person's initials, not an image from gravatar.com.
  await expect(page.locator('.app-header__account .rl-avatar')).toHaveAttribute(
    'data-initials',
    'MO',
  )
  await expect(page.locator('.app-header__account img')).toHaveCount(0)
  await page.screenshot({ path: 'test-results/admin-educator-dashboard.png', fullPage: true })
  // Options read as words, not stored values.
  await page.goto('/admin/collections/courses/create')
  // The select opens once the form has hydrated: click until its options show.
  await expect(async () => {
    await page.locator('#field-courseType').click()
    await expect(page.getByText('Deep learning', { exact: true })).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 60_000 })

  await page.context().clearCookies()
  await logIn(page, 'northside.institution@thereadylab.dev')
  await expect(page).toHaveURL(/\/admin\/?$/)
  await expect(nav('Cohorts').first()).toBeVisible()
  for (const hidden of ['Lessons', 'Quiz Attempts', 'Live Poll Votes', 'Users']) {
    await expect(nav(hidden), hidden).toHaveCount(0)
  }
  await page.screenshot({ path: 'test-results/admin-institution-dashboard.png', fullPage: true })
})

test('a student cannot use the admin', async ({ page }) => {
  await logIn(page, 'zoe.student@thereadylab.dev')
  await page.goto('/admin/collections/courses')
  await expect(page.locator('#field-title')).toHaveCount(0)
  await expect(
    page.getByRole('link', { name: 'Pitch Perfect: Raising Your First Round' }),
  ).toHaveCount(0)
})

test('the API and the admin send security headers', async ({ request }) => {
  for (const path of ['/api/courses', '/admin/login']) {
    const res = await request.get(path)
    expect(res.status(), path).toBe(200)
    const headers = res.headers()
    expect(headers['x-content-type-options'], path).toBe('nosniff')
    expect(headers['x-frame-options'], path).toBe('DENY')
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin')
    const csp = headers['content-security-policy']
    for (const directive of ["default-src 'self'", "object-src 'none'", "frame-ancestors 'none'"]) {
      expect(csp, path).toContain(directive)
    }
  }
})
