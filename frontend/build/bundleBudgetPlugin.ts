import type { Plugin } from 'vite'
import { FIRST_PAGE_BUDGET_BYTES, formatReport, judgeFirstPage, type Chunk } from './bundleBudget.ts'

/**
 * Prints the gzipped JavaScript of the first page after a production build and fails the build when
 * it is over the budget. Vite's own report lists every file; this one adds up what the first page needs.
 */
export function bundleBudget(budgetBytes = FIRST_PAGE_BUDGET_BYTES): Plugin {
  return {
    name: 'tcm-bundle-budget',
    apply: 'build',
    writeBundle(_options, bundle) {
      const chunks: Chunk[] = Object.values(bundle).flatMap((output) =>
        output.type === 'chunk' ? [{ fileName: output.fileName, code: output.code, isEntry: output.isEntry, imports: output.imports }] : [],
      )
      const report = judgeFirstPage(chunks, budgetBytes)
      this.info(`\n${formatReport(report)}`)
      if (!report.withinBudget) this.error(formatReport(report))
    },
  }
}
