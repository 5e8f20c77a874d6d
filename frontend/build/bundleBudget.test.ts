// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { firstPageChunks, formatReport, gzipBytes, judgeFirstPage, type Chunk } from './bundleBudget.ts'

function chunk(fileName: string, size: number, imports: string[] = [], isEntry = false): Chunk {
  return { fileName, code: 'x'.repeat(size), isEntry, imports }
}

// The code's length stands in for its gzipped size, so the sums are plain to read.
const byLength = (code: string) => code.length

const build = [
  chunk('index.js', 100, ['vendor.js'], true),
  chunk('vendor.js', 50, ['shared.js']),
  chunk('shared.js', 20),
  chunk('lazy-route.js', 500, ['shared.js']),
]

describe('the first page bundle budget', () => {
  it('counts the entry and what it imports statically, transitively, but no lazily loaded chunk', () => {
    expect(firstPageChunks(build).map((c) => c.fileName)).toEqual(['index.js', 'shared.js', 'vendor.js'])
  })

  it('counts a chunk imported twice once', () => {
    const diamond = [chunk('a.js', 1, ['b.js', 'c.js'], true), chunk('b.js', 1, ['c.js']), chunk('c.js', 1, ['b.js'])]
    expect(judgeFirstPage(diamond, 10, byLength).totalBytes).toBe(3)
  })

  it('passes at the budget and fails one byte over it', () => {
    expect(judgeFirstPage(build, 170, byLength)).toMatchObject({ totalBytes: 170, withinBudget: true })
    expect(judgeFirstPage(build, 169, byLength)).toMatchObject({ totalBytes: 170, withinBudget: false })
  })

  it('prints each chunk, the total and the budget, and says by how much it is over', () => {
    const table = formatReport(judgeFirstPage(build, 120, byLength))
    expect(table.split('\n')).toEqual([
      'JavaScript the first page loads (gzip):',
      '  index.js   0.10 kB',
      '  shared.js  0.02 kB',
      '  vendor.js  0.05 kB',
      '  total      0.17 kB',
      '  budget     0.12 kB',
      'OVER BUDGET by 0.05 kB: split a route out (React.lazy) or drop a dependency',
    ])
  })

  it('measures with gzip', () => {
    const code = 'export const x = 1;\n'.repeat(1000)
    expect(gzipBytes(code)).toBeGreaterThan(0)
    expect(gzipBytes(code)).toBeLessThan(code.length / 10)
  })
})
