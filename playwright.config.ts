import os from 'node:os'
import path from 'node:path'
import { defineConfig } from '@playwright/test'

const port = Number(process.env.E2E_PORT || 3939)
// A throwaway embedded cluster for the run, seeded by `npm run dev` like a newcomer's.
const dataDir = path.join(os.tmpdir(), `readylab-e2e-pg-${port}`)

export default defineConfig({
  testDir: './tests/e2e',
  testMatch: '**/*.e2e.spec.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: 'list',
  globalSetup: './tests/e2e/warmup.ts',
  globalTeardown: './tests/e2e/teardown.ts',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    navigationTimeout: 90_000,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-dev-shm-usage',
      ],
    },
  },
  webServer: {
    command: 'node scripts/dev.mjs',
    url: `http://127.0.0.1:${port}/api/courses`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { PORT: String(port), READYLAB_DATA_DIR: dataDir },
  },
})
