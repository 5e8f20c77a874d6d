import { defineConfig } from 'vitest/config'

// End-to-end tests: a real Chromium against a running stack at E2E_BASE_URL (see e2e/run.mjs).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
})
