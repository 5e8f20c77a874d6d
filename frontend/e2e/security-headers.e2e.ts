import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSecurityHeaders } from '../build/securityHeaders.ts'
import { launchChromium, newSession } from './browser.ts'

// Needs only the built SPA behind a server that sends security-headers.json: the edge of ./dev, or
// `vite preview`. The rest of the e2e suite therefore runs under the production CSP as well.

const { headers } = loadSecurityHeaders()

let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser.close()
})

describe('the production security headers', () => {
  it('come with the page, exactly as security-headers.json has them', async () => {
    const { context, page } = await newSession(browser)
    const response = await page.goto('/login')

    const received = (await response?.allHeaders()) ?? {}
    const expected = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
    expect(Object.fromEntries(Object.keys(expected).map((name) => [name, received[name]]))).toEqual(expected)
    await context.close()
  })

  it('stop an inline script injected into the page, and the SPA keeps working', async () => {
    const { context, page } = await newSession(browser)
    await page.goto('/login')
    await page.getByLabel('Username').waitFor()

    // What an HTML injection would do: add a <script> with code in it. The CSP (script-src 'self')
    // refuses it and reports the violation instead of running it.
    const violated = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), { once: true })
          const script = document.createElement('script')
          script.textContent = 'document.body.dataset.injected = "ran"'
          document.head.append(script)
        }),
    )

    expect(violated).toBe('script-src-elem')
    await expect(page.evaluate(() => document.body.dataset.injected)).resolves.toBeUndefined()
    await expect(page.getByRole('button', { name: 'Sign in' }).isVisible()).resolves.toBe(true)
    await context.close()
  })
})
