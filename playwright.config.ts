import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium against the real sync server serving
 * the production build (`npm run build` first; `npm test` does it). Playwright
 * never downloads a browser here.
 */
const PORT = Number(process.env.E2E_PORT ?? 8797);
export const E2E_PASSWORD = 'e2e-demo-pass';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    serviceWorkers: 'allow',
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // A fresh data folder each run, so the demo organisation is seeded anew.
    command: `rm -rf test-results/e2e-data && npx tsx sync-server/cli.ts start`,
    url: `http://127.0.0.1:${PORT}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: 'test-results/e2e-data',
      STATIC_DIR: 'dist',
      DEMO_PASSWORD: E2E_PASSWORD,
      LOG_LEVEL: 'warn',
    },
  },
});
