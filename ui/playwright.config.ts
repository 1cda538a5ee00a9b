import { defineConfig } from '@playwright/test'

const baseURL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8765'

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      // `locale` only covers JS (Intl, navigator.language); native date/time inputs follow the
      // browser's UI language, which Chromium on Linux takes from LANGUAGE (needs chromium-l10n)
      env: { ...process.env, LANGUAGE: 'de', LANG: 'de_DE.UTF-8' },
      args: [
        '--headless',
        '--lang=de-DE',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'bash ../scripts/e2e-server.sh',
    url: `${baseURL}/api/v1/health`,
    reuseExistingServer: true,
    timeout: 180_000,
  },
})
