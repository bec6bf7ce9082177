import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium against the real sync server serving
 * the production build (`npm run build` first; `npm test` does it). Playwright
 * never downloads a browser here.
 */
// Port, build folder and data folder can be set apart so that several runs can share a machine.
const PORT = Number(process.env.E2E_PORT ?? 8797);
const STATIC_DIR = process.env.E2E_STATIC_DIR ?? 'dist';
const DATA_DIR = `test-results/e2e-data-${PORT}`;
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
  outputDir: `test-results/e2e-${PORT}`,
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
    command: `rm -rf ${DATA_DIR} && npx tsx sync-server/cli.ts start`,
    url: `http://127.0.0.1:${PORT}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR,
      STATIC_DIR,
      DEMO_PASSWORD: E2E_PASSWORD,
      LOG_LEVEL: 'warn',
      // Every test signs in from 127.0.0.1: the per-address limit is for real clients.
      LOGIN_MAX_ATTEMPTS_PER_ADDRESS: '100000',
    },
  },
});
