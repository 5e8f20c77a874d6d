import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoSeriousAxeViolations } from './accessibility.ts'
import { launchChromium, newSession } from './browser.ts'

// axe-core on every page of the SPA, each with its data loaded and its forms and dialogs open, under
// the production CSP of the edge. Needs the whole stack with the demo data (demo_user is an Admin, so
// every page and every form shows). The tests read the demo data and change nothing.

const DEMO = { username: 'demo_user', password: 'password' }
const DEMO_SUITE = 'Web shop release 2.4'
const DEMO_CASE = 'Pay by credit card'

let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})

afterAll(async () => {
  await browser.close()
})

/** A signed-in page in a browser whose language is `locale`. */
async function signedIn(locale = 'en-US'): Promise<Page> {
  const { page } = await newSession(browser, undefined, locale)
  await page.goto('/login')
  await page.locator('input[autocomplete="username"]').fill(DEMO.username)
  await page.locator('input[type="password"]').fill(DEMO.password)
  await page.locator('input[type="password"]').press('Enter')
  await page.locator('main h1').waitFor()
  return page
}

async function openDemoSuite(page: Page): Promise<void> {
  await page.getByLabel('Search').fill(DEMO_SUITE)
  await page.getByRole('button', { name: 'Apply' }).click()
  await page.getByRole('link', { name: DEMO_SUITE }).click()
  await page.getByRole('heading', { level: 1, name: DEMO_SUITE }).waitFor()
  await page.getByRole('region', { name: 'Checkout' }).waitFor()
}

/** The dashboard's suite list has loaded (any suites: the demo suite may be on a later page by now). */
async function suitesListed(page: Page): Promise<void> {
  await page.locator('a.suite-name').first().waitFor()
}

async function closePage(page: Page): Promise<void> {
  await page.context().close()
}

describe('accessibility (axe-core: no serious or critical violation)', () => {
  it('the check runs under the CSP and names what it finds', async () => {
    const { context, page } = await newSession(browser)
    await page.goto('/login')
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await page.evaluate(() => {
      const nameless = document.createElement('button')
      nameless.id = 'nameless-button'
      document.querySelector('main')?.append(nameless)
    })

    const failure = expectNoSeriousAxeViolations(page, 'login page with a nameless button')
    await expect(failure).rejects.toThrow(/button-name \(critical\): Buttons must have discernible text .*\n\s+at #nameless-button/)
    await context.close()
  })

  it('login: the form, then a refused sign-in', async () => {
    const { context, page } = await newSession(browser)
    await page.goto('/login')
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await expectNoSeriousAxeViolations(page, 'login page')

    await page.getByLabel('Username').fill(DEMO.username)
    await page.getByLabel('Password').fill('not the password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').waitFor()
    await expectNoSeriousAxeViolations(page, 'login page after a refused sign-in')
    await context.close()
  })

  it('dashboard: the suites, then the new-suite form with its errors', async () => {
    const page = await signedIn()
    await suitesListed(page)
    await expectNoSeriousAxeViolations(page, 'dashboard')

    await page.getByRole('button', { name: 'New suite' }).click()
    await page.getByRole('button', { name: 'Create suite' }).click()
    await page.getByRole('alert').waitFor()
    await expectNoSeriousAxeViolations(page, 'dashboard with the new-suite form, refused as empty')
    await closePage(page)
  })

  it('dashboard in Japanese, with <html lang="ja">, then the new-suite form with its errors', async () => {
    const page = await signedIn('ja-JP')
    await suitesListed(page)
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('ja')
    await expectNoSeriousAxeViolations(page, 'dashboard in Japanese')

    await page.getByRole('button', { name: '新規スイート' }).click()
    await page.getByRole('button', { name: 'スイートを作成' }).click()
    await page.getByRole('alert').waitFor()
    await expectNoSeriousAxeViolations(page, 'dashboard in Japanese with the new-suite form, refused as empty')
    await closePage(page)
  })

  it('suite: groups and cases, the delete dialog, then editing the suite and adding a case', async () => {
    const page = await signedIn()
    await openDemoSuite(page)
    await expectNoSeriousAxeViolations(page, 'suite page')

    await page.getByRole('button', { name: 'Delete suite' }).click()
    await page.getByRole('dialog').waitFor()
    await expectNoSeriousAxeViolations(page, 'suite page with the delete dialog')
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()

    await page.getByRole('button', { name: 'Edit suite' }).click()
    await page.getByRole('button', { name: 'Save suite' }).waitFor()
    await page.getByRole('button', { name: 'Add case to Checkout' }).click()
    await page.getByRole('button', { name: 'Done adding cases' }).waitFor()
    await expectNoSeriousAxeViolations(page, 'suite page editing the suite and adding a case')
    await closePage(page)
  })

  it('case: workflow, effort and history, then editing the case', async () => {
    const page = await signedIn()
    await openDemoSuite(page)
    await page.getByRole('link', { name: DEMO_CASE }).click()
    await page.getByRole('heading', { name: 'History' }).waitFor()
    await expectNoSeriousAxeViolations(page, 'case page')

    await page.getByRole('button', { name: 'Edit case' }).click()
    await page.getByRole('button', { name: 'Save case' }).waitFor()
    await expectNoSeriousAxeViolations(page, 'case page editing the case')
    await closePage(page)
  })

  it('users: the accounts with their forms, and the delete dialog', async () => {
    const page = await signedIn()
    await page.getByRole('link', { name: 'Users' }).click()
    await page.getByRole('heading', { name: 'New user' }).waitFor()
    await page.getByText('demo_tester').first().waitFor()
    await expectNoSeriousAxeViolations(page, 'users page')

    await page.getByRole('button', { name: /^Delete/ }).first().click()
    await page.getByRole('dialog').waitFor()
    await expectNoSeriousAxeViolations(page, 'users page with the delete dialog')
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
    await closePage(page)
  })

  it('account: sessions, tokens and the password form', async () => {
    const page = await signedIn()
    await page.getByRole('link', { name: 'Sessions & tokens' }).click()
    await page.getByRole('heading', { name: 'New token' }).waitFor()
    await expectNoSeriousAxeViolations(page, 'account page')
    await closePage(page)
  })
})
