import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PHONE, launchChromium, newSession, overflowsHorizontally, screenshot } from './browser.ts'

// The whole stack: services, database with the demo data (demo_user / password, an Admin), and
// the edge that serves frontend/dist and routes /graphql (HTTP and WebSocket) on one origin.

const DEMO = { username: 'demo_user', password: 'password' }
const JWT = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/
const suiteName = `E2E suite ${new Date().toISOString()}`
const groupName = 'Checkout'
const caseTitle = 'Pay by card'

let browser: Browser
let main: { context: BrowserContext; page: Page }
let suitePath = ''
let casePath = ''
/** Every body the browser received from /graphql: HTTP responses and WebSocket frames. */
const received: string[] = []
/** Every cookie value the stack set during the run (the tokens, if any travel as cookies). */
const cookieValues = new Set<string>()

async function signIn(page: Page): Promise<void> {
  await page.goto('/login')
  await page.getByLabel('Username').fill(DEMO.username)
  await page.getByLabel('Password').fill(DEMO.password)
  await page.getByLabel('Password').press('Enter')
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
}

function recordTraffic(page: Page): void {
  page.on('response', (response) => {
    if (!new URL(response.url()).pathname.startsWith('/graphql')) return
    response.text().then(
      (text) => received.push(text),
      () => undefined,
    )
  })
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => received.push(String(payload)))
  })
}

async function rememberCookies(context: BrowserContext): Promise<void> {
  for (const cookie of await context.cookies()) cookieValues.add(cookie.value)
}

/** The short-lived access-token cookie: the one whose name says "access". */
async function accessCookie(context: BrowserContext) {
  const cookie = (await context.cookies()).find(({ name }) => /access/i.test(name))
  if (!cookie) throw new Error('No cookie whose name contains "access": the e2e expects the access-token cookie to be named so')
  return cookie
}

function suiteProgress(page: Page): Promise<string | null> {
  return page.getByRole('progressbar', { name: 'Suite progress' }).getAttribute('aria-valuetext')
}

function caseRow(page: Page) {
  return page.getByRole('region', { name: groupName }).getByRole('listitem').filter({ has: page.getByRole('link', { name: caseTitle }) })
}

async function moveCase(page: Page, button: string, expectedStatus: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click()
  await page.getByRole('heading', { name: 'History' }).waitFor()
  await expect.poll(() => page.locator('.page-title .badge').textContent()).toBe(expectedStatus)
}

beforeAll(async () => {
  browser = await launchChromium()
  main = await newSession(browser)
  recordTraffic(main.page)
})

afterAll(async () => {
  await browser.close()
})

describe('a day with the test-management SPA', () => {
  it('signs in as the demo user and shows the dashboard', async () => {
    const { page, context } = main
    await page.goto('/')
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await screenshot(page, 'login')

    await signIn(page)
    await rememberCookies(context)

    await page.getByRole('region', { name: 'Suites by status' }).waitFor()
    await page.getByText(/Showing \d+–\d+ of \d+ suites?|No suites yet/).waitFor()
    await screenshot(page, 'dashboard')
  })

  it('keeps every session cookie away from JavaScript', async () => {
    const { page, context } = main
    const cookies = await context.cookies()
    expect(cookies.length).toBeGreaterThan(0)
    for (const cookie of cookies) {
      expect(cookie.httpOnly, `${cookie.name} is HttpOnly`).toBe(true)
      expect(cookie.sameSite, `${cookie.name} is SameSite=Strict`).toBe('Strict')
    }
    const visible = await page.evaluate(() => ({
      cookie: document.cookie,
      storage: JSON.stringify(Object.entries(localStorage)) + JSON.stringify(Object.entries(sessionStorage)),
    }))
    for (const value of cookieValues) {
      expect(visible.cookie).not.toContain(value)
      expect(visible.storage).not.toContain(value)
    }
    expect(visible.cookie).not.toMatch(JWT)
  })

  it('creates a suite, a group and a case', async () => {
    const { page } = main
    await page.getByRole('button', { name: 'New suite' }).click()
    await page.getByLabel('Name').fill(suiteName)
    await page.getByLabel('Estimated start').fill('2026-01-05')
    await page.getByLabel('Estimated end').fill('2099-12-31')
    await page.getByLabel('Name').press('Enter')

    await page.getByRole('heading', { name: suiteName }).waitFor()
    suitePath = new URL(page.url()).pathname
    expect(suitePath).toMatch(/^\/suites\/[\w-]+$/)
    await page.getByText('No groups yet.').waitFor()

    await page.getByLabel('Group name').fill(groupName)
    await page.getByLabel('Group name').press('Enter')
    const group = page.getByRole('region', { name: groupName })
    await group.waitFor()

    await group.getByRole('button', { name: `Add case to ${groupName}` }).click()
    await group.getByLabel('Case title').fill(caseTitle)
    await group.getByLabel('Priority').selectOption('HIGH')
    await group.getByLabel('Planned effort (hours)').fill('3')
    await group.getByLabel('Case title').press('Enter')

    await caseRow(page).waitFor()
    await expect(caseRow(page).textContent()).resolves.toContain('Created')
    await expect(suiteProgress(page)).resolves.toBe('0.0%')
    await screenshot(page, 'suite')
  })

  it('renews the session unnoticed when the access cookie is gone, on load and in use', async () => {
    const { page, context } = main
    const before = await accessCookie(context)
    await context.clearCookies({ name: before.name })
    await page.reload()
    await page.getByRole('heading', { name: suiteName }).waitFor()
    const renewed = await accessCookie(context)
    expect(renewed.value).not.toBe(before.value)
    await rememberCookies(context)

    await page.getByRole('link', { name: caseTitle }).click()
    await page.getByRole('heading', { name: caseTitle }).waitFor()
    casePath = new URL(page.url()).pathname
    await context.clearCookies({ name: renewed.name })
    await moveCase(page, 'Start testing', 'Testing')
    await expect(accessCookie(context)).resolves.toBeDefined()
    await rememberCookies(context)
  })

  it('moves the case through its workflow and the suite progress follows', async () => {
    const { page } = main
    await page.getByLabel('Reason (optional)').fill('Ready for review after a clean run')
    await moveCase(page, 'Request review', 'Waiting for review')
    await page.getByText('“Ready for review after a clean run”').waitFor()

    await page.getByLabel('Hours').fill('1.5')
    await page.getByLabel(/^Comment/).fill('First pass')
    await page.getByLabel(/^Comment/).press('Enter')
    await page.getByRole('cell', { name: 'First pass' }).waitFor()
    await page.getByText('Actual: 1.5 h').waitFor()
    await screenshot(page, 'case')

    await page.getByRole('link', { name: suiteName }).click()
    await expect.poll(() => suiteProgress(page)).toBe('50.0%')

    await page.getByRole('link', { name: caseTitle }).click()
    await moveCase(page, 'Start review', 'Reviewing')
    await moveCase(page, 'Complete', 'Completed')
    await page.getByRole('button', { name: 'Reopen for retest' }).waitFor()

    await page.goto(suitePath)
    await expect.poll(() => suiteProgress(page)).toBe('100.0%')
  })

  it('shows a change made in another session live, without reloading', async () => {
    const { page } = main
    await page.getByText('Live: changes by others appear here').waitFor()
    await page.evaluate(() => {
      ;(window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true
    })

    const other = await newSession(browser)
    await signIn(other.page)
    await other.page.goto(casePath)
    await other.page.getByRole('button', { name: 'Reopen for retest' }).click()
    await expect.poll(() => other.page.locator('.page-title .badge').textContent()).toBe('Retesting')
    await other.context.close()

    await expect.poll(() => caseRow(page).textContent(), { timeout: 10_000 }).toContain('Retesting')
    await expect.poll(() => suiteProgress(page)).toBe('50.0%')
    await expect(page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).resolves.toBe(true)
  })

  it('reads well on a phone', async () => {
    const phone = await newSession(browser, PHONE)
    await signIn(phone.page)
    await screenshot(phone.page, 'dashboard')
    await expect(overflowsHorizontally(phone.page)).resolves.toBe(false)

    await phone.page.goto(suitePath)
    await phone.page.getByRole('heading', { name: suiteName }).waitFor()
    await expect(overflowsHorizontally(phone.page)).resolves.toBe(false)
    await screenshot(phone.page, 'suite')

    await phone.page.goto(casePath)
    await phone.page.getByRole('heading', { name: 'History' }).waitFor()
    await expect(overflowsHorizontally(phone.page)).resolves.toBe(false)
    await screenshot(phone.page, 'case')
    await phone.context.close()
  })

  it('shows the admin pages', async () => {
    const { page } = main
    await page.getByRole('link', { name: 'Users' }).click()
    await page.getByRole('heading', { name: 'Accounts' }).waitFor()
    await page.getByText(DEMO.username, { exact: true }).waitFor()
    await screenshot(page, 'users')

    await page.getByRole('link', { name: 'Sessions & tokens' }).click()
    await page.getByText('this browser').waitFor()
    await screenshot(page, 'account')
  })

  it('deletes the suite with everything in it, after confirming', async () => {
    const { page } = main
    await page.goto(suitePath)
    await page.getByRole('button', { name: 'Delete suite' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText('also deletes its 1 group and 1 case').waitFor()
    await dialog.getByRole('button', { name: 'Delete suite' }).click()
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
  })

  it('never sent a token to the page', async () => {
    await rememberCookies(main.context)
    expect(received.length).toBeGreaterThan(0)
    for (const body of received) {
      expect(body).not.toMatch(JWT)
      for (const value of cookieValues) if (value.length >= 16) expect(body).not.toContain(value)
    }
  })

  it('signs out, and Back does not bring the pages back', async () => {
    const { page, context } = main
    await page.getByRole('link', { name: 'Sessions & tokens' }).click()
    await page.getByText('this browser').waitFor()

    await page.getByRole('button', { name: 'Sign out', exact: true }).click()
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()

    await page.goBack()
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await expect(page.getByText('this browser').count()).resolves.toBe(0)

    await page.goto(suitePath)
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    const left = (await context.cookies()).map((cookie) => cookie.value)
    for (const value of cookieValues) if (value.length >= 16) expect(left).not.toContain(value)
  })
})
