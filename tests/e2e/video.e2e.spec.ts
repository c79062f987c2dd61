import { expect, test } from '@playwright/test'

import { api, apiGet, DEMO, failOnCspViolations, logIn } from './helpers'

type VideoAsset = {
  status: string
  duration?: number | null
  playbackId?: string | null
  captions?: { language: string; status?: string | null }[] | null
}

// The course builder's video upload, end to end: the app asks Mux (the fake beside the dev server,
// tests/e2e/fakeMux.ts, through the real SDK) for a direct upload, the browser PUTs the file to it
// under the admin's CSP, and Mux's webhooks — signed — make the lesson's video ready with captions.
failOnCspViolations()

test('the demo educator uploads a lesson video from the course screen and sees it ready with captions', async ({
  page,
}) => {
  await logIn(page, DEMO.educator)
  await expect(page).toHaveURL(/\/admin\/?$/)

  // Setup that is not under test: a draft course with one video lesson.
  const { doc: course } = await api<{ doc: { id: string } }>(page, 'POST', '/api/courses', {
    title: `Video course ${Date.now().toString(36)}`,
    courseType: 'microlearning',
  })
  const { doc: lesson } = await api<{ doc: { id: string } }>(
    page,
    'POST',
    `/api/courses/${course.id}/lessons`,
    {
      title: 'Watch the walkthrough',
      lessonType: 'video',
    },
  )

  await page.goto(`/admin/collections/courses/${course.id}`)
  const panel = page.locator('[data-builder="lessons"] .rl-mux')
  await expect(panel).toHaveAttribute('data-mux-status', 'none')
  await panel.locator('input[type="file"]').setInputFiles({
    name: 'walkthrough.mp4',
    mimeType: 'video/mp4',
    buffer: Buffer.alloc(256 * 1024, 7),
  })

  // Uploaded, processed and captioned without leaving the course (the panel polls the asset).
  await expect(panel).toHaveAttribute('data-mux-status', 'ready', { timeout: 30_000 })
  await expect(panel.locator('[aria-live]')).toContainText('1:15')
  await page.screenshot({ path: 'test-results/video-upload-ready.png', fullPage: true })

  const { docs } = await apiGet<{ docs: { id: string; videoAsset?: string | null }[] }>(
    page,
    `/api/lessons?where[id][equals]=${lesson.id}&depth=0`,
  )
  const asset = await apiGet<VideoAsset>(page, `/api/video-assets/${docs[0].videoAsset}?depth=0`)
  expect(asset).toMatchObject({ status: 'ready', duration: 75 })
  expect(asset.playbackId).toBeTruthy()
  expect((asset.captions ?? []).map((c) => [c.language, c.status]).sort()).toEqual([
    ['en', 'ready'],
    ['es', 'ready'],
  ])
})
