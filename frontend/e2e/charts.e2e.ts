import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, newSession, screenshot } from './browser.ts'

// The suite page's charts over the demo data (docs/charts.md): drawn with points, and their tables
// holding what GraphQL answers. Dates are the stack's own (the demo is seeded relative to its today).

const DEMO = { username: 'demo_user', password: 'password' }
const SUITE = 'Web shop release 2.4'

interface Charts {
  id: string
  progressHistory: { day: string; actual: number | null; planned: number }[]
  runPassRates: { day: string; passRate: number; completion: number; run: { name: string; status: string } }[]
}

let browser: Browser
let page: Page

function dateText(isoDate: string, locale = 'en-US'): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`))
}
function percentText(value: number | null): string {
  return value === null ? '–' : `${value.toFixed(1)}%`
}

/** What /graphql answers the signed-in page, with its cookies, as the SPA asks. */
async function graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const body = await page.evaluate(
    async ({ query, variables }) => {
      const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })
      return (await response.json()) as { data?: unknown; errors?: unknown[] }
    },
    { query, variables },
  )
  expect(body.errors).toBeUndefined()
  return body.data as T
}

async function tableRows(chart: Locator): Promise<string[][]> {
  const details = chart.locator('details')
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open))) await details.locator('summary').click()
  const rows = chart.locator('table tbody tr')
  await rows.first().waitFor()
  return rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)))
}

beforeAll(async () => {
  browser = await launchChromium()
  page = (await newSession(browser)).page
  await page.goto('/login')
  await page.getByLabel('Username').fill(DEMO.username)
  await page.getByLabel('Password').fill(DEMO.password)
  await page.getByLabel('Password').press('Enter')
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor()
})

afterAll(async () => {
  await browser.close()
})

describe('the charts of a demo suite', () => {
  let charts: Charts

  it('opens the suite page and loads its charts section', async () => {
    const found = await graphql<{ testSuites: { edges: { node: { id: string } }[] } }>(
      'query($search: String) { testSuites(filter: {search: $search}, first: 1) { edges { node { id } } } }',
      { search: SUITE },
    )
    const suiteId = found.testSuites.edges[0]?.node.id
    expect(suiteId).toBeDefined()
    await page.goto(`/suites/${suiteId ?? ''}`)
    await page.getByRole('heading', { name: 'Charts' }).waitFor()
    await page.locator('figure[data-chart="burn-up"] svg').waitFor()
    charts = (
      await graphql<{ testSuite: Charts }>(
        `query($id: ID!) { testSuite(id: $id) { id progressHistory { day actual planned }
           runPassRates { day passRate completion run { name status } } } }`,
        { id: suiteId },
      )
    ).testSuite
    await screenshot(page, 'suite-charts')
  })

  it('draws the burn-up from a history spread over past days, and tables the same figures', async () => {
    const measured = charts.progressHistory.filter((point) => point.actual !== null)
    // The demo's history moves the suite on several days, not all at once.
    expect(new Set(measured.map((point) => point.actual)).size).toBeGreaterThan(2)
    const chart = page.locator('figure[data-chart="burn-up"]')
    expect(await chart.locator('svg .chart-point').count()).toBe(measured.length)
    expect(await chart.locator('svg path.chart-line').count()).toBe(2)
    expect(await tableRows(chart)).toEqual(
      charts.progressHistory.map((point) => [dateText(point.day), percentText(point.actual), percentText(point.planned)]),
    )
  })

  it('draws the pass rate of the demo runs, completed and in progress, and tables them', async () => {
    const statuses = charts.runPassRates.map((point) => point.run.status)
    expect(statuses.filter((status) => status === 'COMPLETED').length).toBeGreaterThanOrEqual(2)
    expect(statuses).toContain('IN_PROGRESS')
    const chart = page.locator('figure[data-chart="pass-rate"]')
    // A point for the pass rate and one for the completion of each run.
    expect(await chart.locator('svg .chart-point').count()).toBe(2 * charts.runPassRates.length)
    const rows = await tableRows(chart)
    expect(rows.map((row) => [row[0], row[1], row[3], row[4]])).toEqual(
      charts.runPassRates.map((point) => [point.run.name, dateText(point.day), percentText(point.passRate), percentText(point.completion)]),
    )
  })

  it("shows the latest run's results as a stacked bar", async () => {
    const latest = charts.runPassRates.at(-1)
    const chart = page.locator('figure[data-chart="run-results"]')
    await expect.poll(() => chart.getByRole('heading').textContent()).toBe(`Results of ${latest?.run.name ?? ''}`)
    expect(await chart.locator('svg rect').count()).toBeGreaterThan(1)
  })

  it('speaks Japanese when the user switches, dates in the Japanese way', async () => {
    await page.getByLabel('Language').selectOption('ja')
    const chart = page.locator('figure[data-chart="burn-up"]')
    await chart.getByRole('heading', { name: 'バーンアップ' }).waitFor()
    const rows = await tableRows(chart)
    expect(rows.map((row) => row[0])).toEqual(charts.progressHistory.map((point) => dateText(point.day, 'ja')))
    await expect.poll(() => page.locator('figure[data-chart="pass-rate"] h3').textContent()).toBe('テストランの合格率')
    await screenshot(page, 'suite-charts-ja')
  })
})
