import os from 'node:os'
import path from 'node:path'
import { defineConfig } from '@playwright/test'

const port = Number(process.env.E2E_PORT || 3939)
// A fake Mux beside the app (tests/e2e/fakeMux.ts): the real SDK, the browser's upload and the
// webhooks Mux would send, all on loopback.
const muxPort = port + 1
const mux = {
  MUX_TOKEN_ID: 'e2e-mux-token',
  MUX_TOKEN_SECRET: 'e2e-mux-secret',
  MUX_WEBHOOK_SECRET: 'e2e-mux-webhook-secret',
}
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
  webServer: [
    {
      command: 'node --import tsx tests/e2e/fakeMux.ts',
      url: `http://127.0.0.1:${muxPort}/`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { ...mux, PORT: String(muxPort), APP_URL: `http://127.0.0.1:${port}` },
    },
    {
      command: 'node scripts/dev.mjs',
      url: `http://127.0.0.1:${port}/api/courses`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        ...mux,
        MUX_BASE_URL: `http://127.0.0.1:${muxPort}`,
        PORT: String(port),
        READYLAB_DATA_DIR: dataDir,
      },
    },
  ],
})
