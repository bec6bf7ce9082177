import { defineConfig } from 'vitest/config';

// Two projects: pure unit tests (domain, client logic) and server integration
// tests that start a real server on loopback. `npm test` runs both.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'node',
          // Generous: the demo generator and property tests share 2 cores with the rest of CI.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'server',
          include: ['sync-server/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/convergence/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Server tests spawn processes and bind ports: keep them serial per file.
          fileParallelism: false,
        },
      },
    ],
  },
});
