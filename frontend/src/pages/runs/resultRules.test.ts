import { describe, expect, it } from 'vitest'
import { commentProblem } from './resultRules'

describe('commentProblem', () => {
  it('asks for a comment on FAILED and BLOCKED only, and blanks do not count', () => {
    expect(commentProblem('FAILED', '')).toBe('A failed result needs a comment: write what broke, then record it again.')
    expect(commentProblem('FAILED', '  \n ')).toMatch(/needs a comment/)
    expect(commentProblem('BLOCKED', '')).toBe('A blocked result needs a comment: write what blocks it, then record it again.')
    expect(commentProblem('FAILED', 'Card declined')).toBeNull()
    expect(commentProblem('PASSED', '')).toBeNull()
    expect(commentProblem('SKIPPED', '')).toBeNull()
    expect(commentProblem('RETEST', '')).toBeNull()
  })
})
