import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectNoSeriousAxeViolations } from './accessibility.ts'
import { baseUrl, launchChromium, newSession, overflowsHorizontally, PHONE, screenshot } from './browser.ts'

// Running tests in the browser against the whole stack (docs/domain-runs.md): a run created from a
// selection, results recorded with the keyboard alone, a second session and a CI report seen live,
// the run completed, and the same in Japanese. The suite is made through GraphQL, the run through the UI.

const PASSWORD = 'password'
const suiteName = `E2E runs ${new Date().toISOString()}`
const AUTOMATION_KEY = 'checkout.test_pay.TestCard.test_tokenise'
// What other sessions and CI do arrives over the WebSocket; our own writes answer sooner but a busy CI
// machine is slow: every poll has a deadline well above either.
const LIVE_TIMEOUT = { timeout: 15_000 }
const WRITE_TIMEOUT = { timeout: 10_000 }

let browser: Browser
let main: { context: BrowserContext; page: Page }
let watcher: { context: BrowserContext; page: Page } | undefined
let suiteId = ''
let runPath = ''

interface GraphQLAnswer {
  data?: Record<string, unknown>
  errors?: { message: string }[]
}

/** A GraphQL call from the signed-in page (its cookies, its origin), failing on any error. */
async function graphql<T>(page: Page, query: string, variables: Record<string, unknown>): Promise<T> {
  const answer = await page.evaluate(
    async ({ query, variables }) => {
      const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })
      return (await response.json()) as GraphQLAnswer
    },
    { query, variables },
  )
  if (answer.errors?.length || !answer.data) throw new Error(`GraphQL refused: ${JSON.stringify(answer.errors)}`)
  return answer.data as T
}

async function signIn(page: Page, username: string, labels = { username: 'Username', password: 'Password', home: 'Dashboard' }): Promise<void> {
  await page.goto('/login')
  await page.getByLabel(labels.username).fill(username)
  await page.getByLabel(labels.password).fill(PASSWORD)
  await page.getByLabel(labels.password).press('Enter')
  await page.getByRole('heading', { name: labels.home }).waitFor()
}

async function createCase(page: Page, groupId: string, title: string, priority: string): Promise<{ id: string; version: number }> {
  const data = await graphql<{ createTestCase: { id: string; version: number } }>(
    page,
    'mutation($input: CreateTestCaseInput!) { createTestCase(input: $input) { id version } }',
    { input: { groupId, title, priority, description: `Steps for ${title}: open it, try it, compare with the spec.` } },
  )
  return data.createTestCase
}

async function createGroup(page: Page, name: string): Promise<string> {
  const data = await graphql<{ createTestGroup: { id: string } }>(page, 'mutation($input: CreateTestGroupInput!) { createTestGroup(input: $input) { id } }', {
    input: { suiteId, name },
  })
  return data.createTestGroup.id
}

/** A suite with cases of several priorities in three groups; one case carries the automation key CI reports. */
async function createSuite(page: Page): Promise<void> {
  const data = await graphql<{ createTestSuite: { id: string } }>(
    page,
    'mutation($input: CreateTestSuiteInput!) { createTestSuite(input: $input) { id } }',
    { input: { name: suiteName, estimatedStartDate: '2026-01-05', estimatedEndDate: '2099-12-31' } },
  )
  suiteId = data.createTestSuite.id
  const checkout = await createGroup(page, 'Checkout')
  await createCase(page, checkout, 'Pay by card', 'HIGH')
  await createCase(page, checkout, 'Apply a coupon', 'MEDIUM')
  await createCase(page, checkout, 'Pay by invoice', 'LOW')
  const login = await createGroup(page, 'Login')
  await createCase(page, login, 'Sign in', 'CRITICAL')
  await createCase(page, login, 'Sign out', 'LOW')
  const api = await createGroup(page, 'Payments API')
  const tokenise = await createCase(page, api, 'Card tokenisation', 'MEDIUM')
  await graphql(page, 'mutation($caseId: ID!, $version: Int!, $key: String) { setAutomationKey(caseId: $caseId, version: $version, automationKey: $key) { id } }', {
    caseId: tokenise.id,
    version: tokenise.version,
    key: AUTOMATION_KEY,
  })
}

function currentEntry(page: Page) {
  return page.locator('#entry-title')
}

function entryButton(page: Page, title: string) {
  return page.getByRole('navigation', { name: /^(Entries|エントリー)$/ }).getByRole('button', { name: new RegExp(`^${title}`) })
}

/** The count shown for a result in the summary's table (its row header names the result). */
function countOf(page: Page, result: string) {
  return page.locator('.result-counts tr').filter({ has: page.getByRole('rowheader', { name: result, exact: true }) }).getByRole('cell')
}

/** Presses a result key and waits until the view has moved on to `nextTitle`. */
async function recordWithKey(page: Page, key: string, nextTitle: string): Promise<void> {
  await page.keyboard.press(key)
  await expect.poll(() => currentEntry(page).textContent(), WRITE_TIMEOUT).toBe(nextTitle)
}

beforeAll(async () => {
  browser = await launchChromium()
  main = await newSession(browser)
  await signIn(main.page, 'demo_user')
  await createSuite(main.page)
})

afterAll(async () => {
  if (suiteId) {
    // The suite, its groups, cases and runs go: nothing is left for another test to trip over.
    const { testSuite } = await graphql<{ testSuite: { version: number } | null }>(main.page, 'query($id: ID!) { testSuite(id: $id) { version } }', { id: suiteId })
    if (testSuite) {
      await graphql(main.page, 'mutation($id: ID!, $version: Int!) { deleteTestSuite(id: $id, version: $version, cascade: true) }', { id: suiteId, version: testSuite.version })
    }
  }
  await browser.close()
})

describe('running tests in the browser', () => {
  it('creates a run from groups, single cases and priorities', async () => {
    const { page } = main
    await page.goto(`/suites/${suiteId}`)
    const runs = page.getByRole('region', { name: 'Test runs' })
    await runs.getByText('No runs yet.').waitFor()
    await runs.getByRole('button', { name: 'New run' }).click()

    await page.getByLabel('Run name').fill('Release candidate 1')
    await page.getByLabel('Label').fill('build 2.4.1')
    await page.getByLabel('Run description').fill('Checkout before the release, and signing in.')
    await page.getByText('Every case of the suite: 6 cases.').waitFor()
    await page.getByRole('group', { name: 'Groups' }).getByRole('checkbox', { name: /^Checkout/ }).check()
    await page.getByText('Single cases', { exact: true }).click()
    await page.getByRole('checkbox', { name: /^Sign in/ }).check()
    await page.getByText('The run will hold 4 cases.').waitFor()
    const priorities = page.getByRole('group', { name: 'Priorities' })
    for (const priority of ['Critical', 'High', 'Low']) await priorities.getByRole('checkbox', { name: priority }).check()
    await page.getByText('The run will hold 3 cases.').waitFor()
    await screenshot(page, 'run-new')
    await expectNoSeriousAxeViolations(page, 'suite page, new run form')
    await page.getByRole('button', { name: 'Create run' }).click()

    await page.getByRole('heading', { name: 'Release candidate 1', level: 1 }).waitFor()
    runPath = new URL(page.url()).pathname
    expect(runPath).toMatch(/^\/runs\/[\w-]+$/)
    await page.getByText('Label: build 2.4.1').waitFor()
    const entries = page.getByRole('navigation', { name: 'Entries' }).getByRole('button')
    await expect(entries.allTextContents()).resolves.toEqual(['Pay by card○ Untested', 'Pay by invoice○ Untested', 'Sign in○ Untested'])
    await expect(page.locator('.page-title .badge').textContent()).resolves.toBe('Planned')
    await expectNoSeriousAxeViolations(page, 'run execution view, a planned run')
  })

  it('records results with the keyboard alone, and a second session sees them live', async () => {
    const { page } = main
    watcher = await newSession(browser)
    await signIn(watcher.page, 'demo_tester')
    await watcher.page.goto(runPath)
    await watcher.page.getByText('Live: changes by others appear here').waitFor()
    await page.getByText('Live: changes by others appear here').waitFor()

    await expect(currentEntry(page).textContent()).resolves.toBe('Pay by card')
    await page.getByText('Steps for Pay by card: open it, try it, compare with the spec.').waitFor()
    await recordWithKey(page, 'p', 'Pay by invoice')

    // A failed result without a comment is refused with a message, and the comment box takes the keys.
    await page.keyboard.press('f')
    await page.getByRole('alert').getByText('A failed result needs a comment: write what broke, then record it again.').waitFor()
    await expectNoSeriousAxeViolations(page, 'run execution view, a comment asked for')
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('TEXTAREA')
    await page.keyboard.type('Invoice PDF is empty; pressing f or p here types text')
    await page.keyboard.press('Escape')
    await recordWithKey(page, 'f', 'Sign in')

    // Blocked, reached with Tab from the comment box: Passed, Failed, Blocked.
    await page.keyboard.press('b')
    await page.getByRole('alert').getByText(/A blocked result needs a comment/).waitFor()
    await page.keyboard.type('Test accounts are locked')
    for (let step = 0; step < 3; step += 1) await page.keyboard.press('Tab')
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Blocked B')
    await page.keyboard.press('Enter')
    await expect.poll(() => entryButton(page, 'Sign in').textContent(), WRITE_TIMEOUT).toContain('Blocked')

    await expect.poll(() => countOf(page, 'Passed').textContent(), WRITE_TIMEOUT).toBe('1')
    await expect.poll(() => countOf(page, 'Failed').textContent(), WRITE_TIMEOUT).toBe('1')
    await expect.poll(() => countOf(page, 'Blocked').textContent(), WRITE_TIMEOUT).toBe('1')
    await expect(page.locator('.page-title .badge').textContent()).resolves.toBe('In progress')
    await screenshot(page, 'run-execution')

    const other = watcher.page
    await expect.poll(() => entryButton(other, 'Pay by card').textContent(), LIVE_TIMEOUT).toContain('Passed')
    await expect.poll(() => entryButton(other, 'Pay by invoice').textContent(), LIVE_TIMEOUT).toContain('Failed')
    await expect.poll(() => entryButton(other, 'Sign in').textContent(), LIVE_TIMEOUT).toContain('Blocked')
    await expect.poll(() => other.getByRole('progressbar', { name: 'Run completion' }).getAttribute('aria-valuetext'), LIVE_TIMEOUT).toBe('100.0%')
    await entryButton(other, 'Pay by invoice').click()
    await other.getByText('Invoice PDF is empty; pressing f or p here types text').waitFor()
  })

  it('shows results reported by CI live, with their source and duration', async () => {
    const { page } = main
    const token = await graphql<{ createApiToken: { token: { id: string }; secret: string } }>(
      page,
      'mutation { createApiToken(name: "e2e CI reporter", expiresInDays: 1) { token { id } secret } }',
      {},
    )
    const runId = runPath.split('/').pop() ?? ''
    const junit = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites><testsuite name="checkout" tests="1"><testcase classname="checkout.test_pay.TestCard" name="test_tokenise" time="1.5"/></testsuite></testsuites>`
    try {
      const response = await fetch(`${baseUrl}/api/v1/test-runs/${runId}/junit`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.createApiToken.secret}`, 'content-type': 'application/xml' },
        body: junit,
      })
      expect(response.status, await response.clone().text()).toBe(200)
    } finally {
      await graphql(page, 'mutation($id: ID!) { revokeApiToken(id: $id) }', { id: token.createApiToken.token.id })
    }

    for (const session of [page, watcher?.page]) {
      if (!session) continue
      await expect.poll(() => entryButton(session, 'Card tokenisation').count(), LIVE_TIMEOUT).toBe(1)
      await expect.poll(() => entryButton(session, 'Card tokenisation').textContent(), LIVE_TIMEOUT).toContain('Passed')
    }
    await entryButton(page, 'Card tokenisation').click()
    const records = page.getByRole('region', { name: 'Results' })
    await records.getByText('Automated').waitFor()
    await records.getByText('took 1.5 sec').waitFor()
    await expect.poll(() => countOf(page, 'Passed').textContent(), WRITE_TIMEOUT).toBe('2')
  })

  it('completes the run and shows its summary', async () => {
    const { page } = main
    await page.getByRole('button', { name: 'Complete run' }).click()
    await expect.poll(() => page.locator('.page-title .badge').textContent(), WRITE_TIMEOUT).toBe('Completed')
    await page.getByText('This run is closed: a manager reopens it to record more results.').waitFor()
    const summary = page.getByRole('region', { name: 'Summary' })
    await summary.getByText('Pass rate 50.0%').waitFor()
    await summary.getByText('Completion 100.0%').waitFor()
    await expect(countOf(page, 'Untested').textContent()).resolves.toBe('0')
    await expect(countOf(page, 'Passed').textContent()).resolves.toBe('2')
    await page.getByRole('button', { name: 'Reopen run' }).waitFor()
    const chart = summary.locator('figure[data-chart="run-results"]')
    await expect(chart.getByRole('img').getAttribute('aria-label')).resolves.toBe('4 entries: Passed 2, Failed 1, and Blocked 1.')
    await expect(chart.locator('rect').count()).resolves.toBe(3)
    await screenshot(page, 'run-summary')
    await expectNoSeriousAxeViolations(page, 'run execution view, a completed run with its summary')
    if (watcher) {
      await expect.poll(() => watcher?.page.locator('.page-title .badge').textContent(), LIVE_TIMEOUT).toBe('Completed')
      // A tester does not reopen a closed run.
      await expect(watcher.page.getByRole('button', { name: 'Reopen run' }).count()).resolves.toBe(0)
      await watcher.context.close()
    }

    await page.goto(`/suites/${suiteId}`)
    const item = page.getByRole('region', { name: 'Test runs' }).getByRole('listitem').filter({ hasText: 'Release candidate 1' })
    await item.getByText('Completed').waitFor()
    await item.getByText('Pass rate 50.0%').waitFor()
  })

  it('reads well on a phone', async () => {
    const phone = await newSession(browser, PHONE)
    await signIn(phone.page, 'demo_user')
    await phone.page.goto(runPath)
    await phone.page.getByRole('heading', { name: 'Release candidate 1', level: 1 }).waitFor()
    await expect(overflowsHorizontally(phone.page)).resolves.toBe(false)
    await screenshot(phone.page, 'run')
    await phone.context.close()
  })

  it('runs the same flow in Japanese', async () => {
    const ja = await newSession(browser, undefined, 'ja-JP')
    const { page } = ja
    await signIn(page, 'demo_manager', { username: 'ユーザー名', password: 'パスワード', home: 'ダッシュボード' })
    await page.goto(`/suites/${suiteId}`)
    const runs = page.getByRole('region', { name: 'テストラン' })
    await runs.getByRole('button', { name: '新しいテストラン' }).click()
    await page.getByLabel('テストラン名').fill('リリース候補 2')
    await page.getByText('スイートのすべてのケース: 6 ケース。').waitFor()
    await page.getByRole('group', { name: 'グループ' }).getByRole('checkbox', { name: /^Login/ }).check()
    await page.getByText('テストランには 2 ケースが含まれます。').waitFor()
    await page.getByRole('button', { name: 'テストランを作成' }).click()

    await page.getByRole('heading', { name: 'リリース候補 2', level: 1 }).waitFor()
    await page.getByRole('heading', { name: 'サマリー' }).waitFor()
    await page.getByRole('heading', { name: '実行' }).waitFor()
    await expect(page.locator('.page-title .badge').textContent()).resolves.toBe('計画中')
    await page.getByRole('button', { name: '合格 P' }).waitFor()

    await recordWithKey(page, 'p', 'Sign out')
    await page.keyboard.press('f')
    await page.getByRole('alert').getByText('不合格にはコメントが必要です。何が壊れたかを書いてから、もう一度記録してください。').waitFor()
    await page.keyboard.type('ログアウト後もセッションが残る')
    await page.keyboard.press('Escape')
    await page.keyboard.press('f')
    await expect.poll(() => entryButton(page, 'Sign out').textContent(), WRITE_TIMEOUT).toContain('不合格')
    await expect.poll(() => countOf(page, '合格').textContent(), WRITE_TIMEOUT).toBe('1')
    await expect.poll(() => countOf(page, '不合格').textContent(), WRITE_TIMEOUT).toBe('1')
    await page.getByText('合格率 50.0%').waitFor()
    await expect(page.locator('.page-title .badge').textContent()).resolves.toBe('実施中')
    await page.getByText('ログアウト後もセッションが残る').waitFor()
    await screenshot(page, 'run-ja')
    await ja.context.close()
  })
})
