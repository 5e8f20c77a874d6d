// @ts-check
// Runs the end-to-end tests against the stack at E2E_BASE_URL. When E2E_BASE_URL is unset and
// nothing answers at the default address, there is no stack to test: say so and skip (exit 0), so
// that CI decides whether a stack must be there. Extra arguments go to Vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process'

const DEFAULT_BASE_URL = 'http://localhost:8080'

/** @param {string} url */
async function answers(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(3000) })
    return true
  } catch {
    return false
  }
}

const explicit = process.env.E2E_BASE_URL
const baseUrl = explicit ?? DEFAULT_BASE_URL
if (!explicit && !(await answers(baseUrl))) {
  console.log(`e2e: SKIPPED - E2E_BASE_URL is not set and nothing answers at ${DEFAULT_BASE_URL}.`)
  console.log('e2e: start the stack (services + the edge serving frontend/dist and /graphql) and set E2E_BASE_URL to run them.')
  process.exit(0)
}

console.log(`e2e: testing the stack at ${baseUrl}`)
const result = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, E2E_BASE_URL: baseUrl },
})
process.exit(result.status ?? 1)
