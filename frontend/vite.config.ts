/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { bundleBudget } from './build/bundleBudgetPlugin.ts'
import { loadSecurityHeaders } from './build/securityHeaders.ts'

// The SPA calls /graphql on its own origin. In development and preview Vite forwards it (HTTP and
// WebSocket) to the GraphQL service; elsewhere the edge in front of the SPA routes it.
const apiTarget = process.env.TCM_GRAPHQL_PROXY_TARGET ?? 'http://127.0.0.1:8001'
const proxy = { '/graphql': { target: apiTarget, ws: true } }
// `preview` serves the production build under the production headers (CSP included), as the edge does.
// Not `dev`: its hot reloading runs inline scripts that the CSP refuses.
const { headers: securityHeaders } = loadSecurityHeaders()

export default defineConfig({
  plugins: [react(), bundleBudget()],
  server: { proxy },
  preview: { proxy, headers: securityHeaders },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}', 'build/**/*.test.ts'],
    setupFiles: ['src/test/setup.ts'],
  },
})
