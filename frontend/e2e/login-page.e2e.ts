import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DESKTOP, PHONE, launchChromium, newSession, overflowsHorizontally, screenshot } from './browser.ts'

// Needs only the built SPA (any server of frontend/dist, e.g. `vite preview`), not the API.

let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser.close()
})

describe('the login page', () => {
  it('is where a visitor without a session lands, remembering the page asked for', async () => {
    const { context, page } = await newSession(browser)
    await page.goto('/suites/some-suite')

    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/login')
    expect(new URL(page.url()).searchParams.get('next')).toBe('/suites/some-suite')
    await context.close()
  })

  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ])('has labelled fields, fits the %s screen, and hides the demo account in a production build', async (_name, viewport) => {
    const { context, page } = await newSession(browser, viewport)
    await page.goto('/login')

    await page.getByLabel('Username').waitFor()
    await expect(page.getByLabel('Password').getAttribute('type')).resolves.toBe('password')
    await expect(page.getByRole('button', { name: 'Sign in' }).isVisible()).resolves.toBe(true)
    await expect(page.getByText('demo_user').count()).resolves.toBe(0)
    await expect(overflowsHorizontally(page)).resolves.toBe(false)
    await screenshot(page, 'login')
    await context.close()
  })

  it('submits with the keyboard', async () => {
    const { context, page } = await newSession(browser)
    await page.goto('/login')

    await page.getByLabel('Username').fill('nobody_here')
    await page.getByLabel('Password').fill('not-the-password')
    await page.getByLabel('Password').press('Enter')

    // Whatever the stack answers (wrong credentials, or no API behind a static server), the
    // form reports it in words instead of failing silently.
    await page.getByRole('alert').waitFor()
    await context.close()
  })

  it("speaks the browser's language, and a chosen language stays after a reload", async () => {
    const { context, page } = await newSession(browser, DESKTOP, 'ja-JP')
    await page.goto('/login')

    await page.getByRole('heading', { name: 'ログイン' }).waitFor()
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ja')
    await page.getByLabel('言語').selectOption('en')
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()

    await page.reload()
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en')
    await context.close()
  })
})
