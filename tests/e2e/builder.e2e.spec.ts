import { expect, test, type Locator, type Page } from '@playwright/test'

import {
  api,
  DEMO,
  expectAccessibleInBothThemes,
  failOnCspViolations,
  logIn,
  spanishAccount,
} from './helpers'

failOnCspViolations()

// One long flow on a slow machine: the drawers and the preview each compile on first use.
test.describe.configure({ timeout: 600_000 })

type LessonDoc = { id: string; title: string; orderIndex: number }

const storedOrder = async (page: Page, courseId: string) =>
  (
    await api<{ docs: LessonDoc[] }>(
      page,
      'GET',
      `/api/lessons?where[course][equals]=${courseId}&sort=orderIndex&depth=0&limit=100`,
    )
  ).docs.map((l) => l.title)

const lessonRows = (page: Page) => page.locator('[data-builder="lessons"] li[data-lesson]')
const rowTitles = (page: Page) => lessonRows(page).locator('.rl-lesson__title')

/**
 * Opens a document drawer with the button (clicking again until the page has hydrated), waits
 * for its form, and returns it.
 */
async function openDrawer(page: Page, button: Locator, field: string) {
  const drawer = page.locator('.doc-drawer.drawer--is-open').last()
  await expect(async () => {
    if (!(await drawer.isVisible())) await button.click({ timeout: 5_000 })
    await expect(drawer).toBeVisible({ timeout: 3_000 })
  }).toPass({ timeout: 90_000 })
  await expect(drawer.locator(field)).toBeVisible({ timeout: 60_000 })
  return drawer
}

/** Saves the drawer's document and closes the drawer. */
async function saveAndClose(page: Page, drawer: Locator) {
  await drawer.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByText(/successfully/i).first()).toBeVisible()
  // A quiz's drawer closes by itself once saved; a lesson's stays open until closed.
  const open = page.locator('.doc-drawer.drawer--is-open')
  await expect(async () => {
    if (await open.count()) {
      await open.last().locator('.doc-drawer__header-close').click({ timeout: 3_000 })
    }
    await expect(open).toHaveCount(0, { timeout: 3_000 })
  }).toPass({ timeout: 60_000 })
}

test('the demo educator builds a course on one screen, reorders, publishes and finds it in explore', async ({
  page,
}) => {
  await logIn(page, DEMO.educator)
  await expect(page).toHaveURL(/\/admin\/?$/)

  // Setup that is not under test: the draft course itself.
  const title = `Builder course ${Date.now().toString(36)}`
  const { doc: course } = await api<{ doc: { id: string } }>(page, 'POST', '/api/courses', {
    title,
    courseType: 'microlearning',
    description: 'Ship a landing page in an afternoon.',
  })
  await page.goto(`/admin/collections/courses/${course.id}`)
  const builder = page.locator('[data-builder="lessons"]')
  await expect(builder).toBeVisible()

  // The publish rule shows before it could fail: no lesson, no publishing.
  await expect(builder.locator('[data-publish-rule]')).toContainText(
    'needs at least one lesson before it can be published',
  )
  await expect(page.locator('#rl-publish-rule')).toContainText('cannot be published')
  await expect(page.getByRole('button', { name: 'Publish changes' })).toBeDisabled()

  // Add a lesson in a drawer, without leaving the course; the list refreshes after the save.
  const lessonDrawer = await openDrawer(
    page,
    builder.getByRole('button', { name: 'Add lesson' }),
    '#field-title',
  )
  await lessonDrawer.locator('#field-title').fill('Welcome and setup')
  await saveAndClose(page, lessonDrawer)
  await expect(rowTitles(page)).toHaveText(['Welcome and setup'])
  await expect(page.getByRole('button', { name: 'Publish changes' })).toBeEnabled()

  // The second lesson (a quiz lesson) through the API; its quiz is written in the builder.
  await api(page, 'POST', `/api/courses/${course.id}/lessons`, {
    title: 'Check your understanding',
    lessonType: 'quiz',
  })
  await page.reload()
  await expect(rowTitles(page)).toHaveText(['Welcome and setup', 'Check your understanding'])

  const quiz = await openDrawer(
    page,
    builder.getByRole('button', { name: 'Add quiz for “Check your understanding”' }),
    '#field-passingScore',
  )
  await quiz.getByRole('button', { name: /Add Question/i }).click()
  await quiz.locator('#field-questions__0__question').fill('Which page converts better?')
  const options = quiz.locator('.field-questions__0__options')
  for (const option of ['One clear call to action', 'Five competing buttons']) {
    await options.locator('input').fill(option)
    await options.locator('input').press('Enter')
  }
  await quiz.getByRole('radio', { name: 'One clear call to action' }).check()
  await expect(quiz.locator('[data-answer-key="single"]')).toContainText('Correct')
  await saveAndClose(page, quiz)
  await expect(
    builder.getByRole('button', { name: 'Quiz (1 question) for “Check your understanding”' }),
  ).toBeVisible()
  const quizzes = await api<{
    docs: { questions: { correctAnswer: number; options: string[] }[] }[]
  }>(page, 'GET', `/api/quizzes?where[course][equals]=${course.id}&depth=0`)
  expect(quizzes.docs[0]!.questions[0]).toMatchObject({
    options: ['One clear call to action', 'Five competing buttons'],
    correctAnswer: 0,
  })

  // Reorder by dragging, then with the keyboard; each order is saved at once.
  await lessonRows(page).nth(1).locator('.rl-lesson__handle').dragTo(lessonRows(page).nth(0))
  await expect(rowTitles(page)).toHaveText(['Check your understanding', 'Welcome and setup'])
  await expect(builder.locator('.rl-builder__status')).toContainText('Order saved')
  expect(await storedOrder(page, course.id)).toEqual([
    'Check your understanding',
    'Welcome and setup',
  ])
  await page.getByRole('button', { name: 'Move “Welcome and setup” up' }).focus()
  await page.keyboard.press('Enter')
  await expect(rowTitles(page)).toHaveText(['Welcome and setup', 'Check your understanding'])
  await expect
    .poll(() => storedOrder(page, course.id))
    .toEqual(['Welcome and setup', 'Check your understanding'])

  // The whole course editor: Payload's fields, menus and tabs as well as the builder.
  await expectAccessibleInBothThemes(page)
  await page.screenshot({ path: 'test-results/builder-course-editor.png', fullPage: true })

  // Publish from the editor; the course is then in the public catalog.
  await page.getByRole('button', { name: 'Publish changes' }).click()
  await expect
    .poll(
      async () =>
        (await api<{ _status: string }>(page, 'GET', `/api/courses/${course.id}?depth=0`))._status,
    )
    .toBe('published')
  const explore = await page.request.get(`/api/courses/explore?q=${encodeURIComponent(title)}`)
  expect(explore.status()).toBe(200)
  expect(((await explore.json()) as { docs: { id: string }[] }).docs.map((d) => d.id)).toContain(
    course.id,
  )

  // What a student sees: the syllabus in the new order and the quiz without its answer key.
  await page.goto(`/admin/collections/courses/${course.id}/student-preview`)
  const preview = page.locator('[data-student-preview]')
  await expect(preview.locator('h2')).toHaveText(title)
  await expect(preview.locator('[data-preview-lesson] > strong')).toHaveText([
    'Welcome and setup',
    'Check your understanding',
  ])
  await expect(preview).toContainText('One clear call to action')
  await expect(preview).not.toContainText('Correct')
  await expectAccessibleInBothThemes(page)
  await page.screenshot({ path: 'test-results/builder-student-preview.png', fullPage: true })
})

test('a Spanish-speaking educator gets our dashboard cards and the course builder in Spanish', async ({
  page,
  request,
}) => {
  const { email, password, token } = await spanishAccount(request, 'educator')
  await logIn(page, email, password)
  await expect(page).toHaveURL(/\/admin\/?$/)
  await expect(page.locator('html')).toHaveAttribute('lang', 'es')

  // The dashboard's cards: titles, figures, the chart's description and the empty states.
  const summary = page.locator('[data-widget="educator-summary"]')
  await expect(summary.locator('h2')).toHaveText('Tus cursos de un vistazo')
  await expect(summary.locator('[data-stat="students"] .rl-stat__label')).toHaveText('Estudiantes')
  await expect(summary.locator('[data-stat="revenue"] .rl-stat__label')).toHaveText(
    'Ingresos (netos)',
  )
  await expect(summary.locator('[data-stat="quiz-score"] .rl-stat__label')).toHaveText(
    'Nota media en los cuestionarios',
  )
  await expect(page.locator('[data-widget="educator-revenue"] h2')).toHaveText(
    'Ingresos de los últimos 30 días',
  )
  await expect(page.locator('[data-widget="educator-revenue"] svg[role="img"]')).toHaveAttribute(
    'aria-label',
    /^Ingresos netos por día del /,
  )
  await expect(page.locator('[data-widget="educator-at-risk"] h2')).toHaveText(
    'Estudiantes en riesgo',
  )
  await expect(page.locator('[data-widget="educator-at-risk"] [data-stat="at-risk"]')).toHaveText(
    '0 en total',
  )
  await expect(page.locator('[data-widget="educator-courses"]')).toContainText(
    'Todavía no hay cursos.',
  )
  await expect(page.locator('[data-widget="educator-live"]')).toContainText(
    'No hay nada programado.',
  )
  await expectAccessibleInBothThemes(page)
  await page.screenshot({ path: 'test-results/builder-spanish-dashboard.png', fullPage: true })

  // The course builder on a new course with a quiz lesson.
  const headers = { Authorization: `JWT ${token}` }
  const created = await request.post('/api/courses', {
    headers,
    data: { title: 'Curso de prueba', courseType: 'microlearning' },
  })
  expect(created.status()).toBe(201)
  const { doc: course } = (await created.json()) as { doc: { id: string } }
  await page.goto(`/admin/collections/courses/${course.id}`)
  const builder = page.locator('[data-builder="lessons"]')
  await expect(builder.locator('[data-publish-rule]')).toHaveText(
    'Un curso necesita al menos una lección para poder publicarse. Añade una lección y después publica.',
  )
  await expect(page.locator('#rl-publish-rule')).toContainText('no se puede publicar')
  await expect(page.getByRole('button', { name: 'Publicar cambios' })).toBeDisabled()
  await expect(builder.getByRole('button', { name: 'Añadir lección' })).toBeVisible()
  await expect(builder.getByRole('link', { name: 'Vista previa como estudiante' })).toBeVisible()
  // Payload's "add new" button of a relationship (prerequisites) is named in Spanish, not
  // "Añadir [object Object]" (UpstreamA11y.tsx).
  await expect(page.locator('#prerequisites-add-new').getByRole('button')).toHaveAccessibleName(
    'Añadir Curso',
  )

  const lesson = await request.post(`/api/courses/${course.id}/lessons`, {
    headers,
    data: { title: 'Comprueba lo aprendido', lessonType: 'quiz' },
  })
  expect(lesson.status()).toBe(201)
  await page.reload()
  await expect(builder.locator('.rl-builder__title')).toHaveText('Lecciones (1)')
  await expect(builder.locator('.rl-lesson__meta')).toContainText('Cuestionario')
  await expect(page.getByRole('button', { name: 'Publicar cambios' })).toBeEnabled()

  // The quiz editor: the question types and the answer key speak Spanish too.
  const quiz = await openDrawer(
    page,
    builder.getByRole('button', { name: 'Añadir cuestionario de “Comprueba lo aprendido”' }),
    '#field-passingScore',
  )
  await expect(quiz).toContainText('Nota para aprobar')
  await quiz.getByRole('button', { name: 'Añadir Pregunta' }).click()
  await expect(quiz.locator('#field-questions__0__type')).toContainText('Opción única')
  await expect(quiz.locator('[data-answer-key="single"]')).toContainText(
    'Añade al menos dos opciones arriba y marca una.',
  )
  // The quiz editor's own fields are named too (Payload's drawer labels point at no input). The
  // drawer scrolls in a box of its own, and axe takes a label scrolled out of that box for no
  // label at all (label-title-only): the window is made tall enough to show every field.
  const viewport = page.viewportSize()!
  await page.setViewportSize({ width: viewport.width, height: 2400 })
  await expectAccessibleInBothThemes(page, ['.doc-drawer.drawer--is-open'])
  await page.setViewportSize(viewport)
  await page.screenshot({ path: 'test-results/builder-spanish-quiz.png', fullPage: true })
})
