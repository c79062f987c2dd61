import { chromium, type FullConfig } from '@playwright/test'

/**
 * `next dev` compiles the admin on its first request (server and client code), which can outlast
 * a navigation's timeout on a busy machine and fail whichever spec happens to run first. Load the
 * login page once, fully, in the same browser the specs use, before any of them starts.
 */
export default async function warmUp(config: FullConfig) {
  const { baseURL, launchOptions } = config.projects[0].use
  const browser = await chromium.launch(launchOptions)
  try {
    const page = await browser.newPage({ baseURL })
    await page.goto('/admin/login', { timeout: 600_000 })
    await page.locator('#field-email').waitFor({ timeout: 600_000 })
  } finally {
    await browser.close()
  }
}
