import { gzipSync } from 'node:zlib'

/** The most JavaScript, gzipped, that the first page may load (issue #17: a fast first load on a slow link). */
export const FIRST_PAGE_BUDGET_BYTES = 250_000

/** A JavaScript chunk of the build, as far as the budget needs it. */
export interface Chunk {
  fileName: string
  code: string
  isEntry: boolean
  /** The chunks it imports statically: the browser loads them before the page runs. */
  imports: readonly string[]
}

export interface ChunkSize {
  fileName: string
  gzipBytes: number
}

export interface BudgetReport {
  chunks: ChunkSize[]
  totalBytes: number
  budgetBytes: number
  withinBudget: boolean
}

/**
 * The chunks the first page loads: every entry and, transitively, what they import statically.
 * Dynamic imports (lazy routes) load later and are left out.
 */
export function firstPageChunks(chunks: readonly Chunk[]): Chunk[] {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]))
  const loaded = new Map<string, Chunk>()
  const pending = chunks.filter((chunk) => chunk.isEntry)
  for (let chunk = pending.pop(); chunk; chunk = pending.pop()) {
    if (loaded.has(chunk.fileName)) continue
    loaded.set(chunk.fileName, chunk)
    for (const name of chunk.imports) {
      const imported = byName.get(name)
      if (imported) pending.push(imported)
    }
  }
  return [...loaded.values()].sort((a, b) => a.fileName.localeCompare(b.fileName))
}

export function gzipBytes(code: string): number {
  return gzipSync(code).length
}

export function judgeFirstPage(chunks: readonly Chunk[], budgetBytes = FIRST_PAGE_BUDGET_BYTES, measure = gzipBytes): BudgetReport {
  const sizes = firstPageChunks(chunks).map((chunk) => ({ fileName: chunk.fileName, gzipBytes: measure(chunk.code) }))
  const totalBytes = sizes.reduce((sum, size) => sum + size.gzipBytes, 0)
  return { chunks: sizes, totalBytes, budgetBytes, withinBudget: totalBytes <= budgetBytes }
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1000).toFixed(2)} kB`
}

/** A table of the first page's JavaScript, in kB (1000 bytes) like Vite's own size report. */
export function formatReport(report: BudgetReport): string {
  const rows: [string, string][] = [
    ...report.chunks.map((chunk): [string, string] => [chunk.fileName, kilobytes(chunk.gzipBytes)]),
    ['total', kilobytes(report.totalBytes)],
    ['budget', kilobytes(report.budgetBytes)],
  ]
  const nameWidth = Math.max(...rows.map(([name]) => name.length))
  const sizeWidth = Math.max(...rows.map(([, size]) => size.length))
  const lines = rows.map(([name, size]) => `  ${name.padEnd(nameWidth)}  ${size.padStart(sizeWidth)}`)
  const verdict = report.withinBudget
    ? 'within budget'
    : `OVER BUDGET by ${kilobytes(report.totalBytes - report.budgetBytes)}: split a route out (React.lazy) or drop a dependency`
  return ['JavaScript the first page loads (gzip):', ...lines, verdict].join('\n')
}
