import AxeBuilder from '@axe-core/playwright'
import type { Page } from 'playwright-core'

/** The impacts the e2e tests refuse; minor and moderate findings are reported by axe but do not fail a test. */
const REFUSED_IMPACTS = new Set(['serious', 'critical'])

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>
type Violation = AxeResults['violations'][number]

/** One line per violation, then one per offending element, so a failure says what to fix and where. */
export function describeViolations(violations: readonly Violation[]): string {
  return violations
    .map((violation) => {
      const targets = violation.nodes.map((node) => `    at ${node.target.map(String).join(' >> ')}`)
      return [`  ${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help} [${violation.helpUrl}]`, ...targets].join('\n')
    })
    .join('\n')
}

/**
 * Runs axe-core on the page as it is now (every rule axe has) and throws when it finds a serious or
 * critical violation, listing each one. `state` names what is on screen, e.g. "suite page, editing".
 *
 * @axe-core/playwright injects axe through Playwright's `evaluate` (the DevTools protocol), which the
 * page's Content-Security-Policy does not govern, so the page runs under the production CSP unchanged.
 */
export async function expectNoSeriousAxeViolations(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const refused = results.violations.filter((violation) => REFUSED_IMPACTS.has(violation.impact ?? ''))
  if (refused.length > 0) {
    throw new Error(`axe-core: ${String(refused.length)} serious or critical violation(s) on the ${state} (${page.url()}):\n${describeViolations(refused)}`)
  }
}
