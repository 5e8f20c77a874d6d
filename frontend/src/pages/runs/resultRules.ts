// The rules of recording a result by hand (docs/domain-runs.md, "Results"), checked in the browser so that
// the execution view can say what is missing before sending. The server checks them again.

import type { RunResult } from '../../gql/graphql'
import { i18n } from '../../i18n/i18n'

/** The results a person records; UNTESTED is where an entry starts and is never recorded. */
export const RECORDABLE_RESULTS = ['PASSED', 'FAILED', 'BLOCKED', 'SKIPPED', 'RETEST'] as const satisfies readonly RunResult[]
export type RecordableResult = (typeof RECORDABLE_RESULTS)[number]

/** A FAILED or BLOCKED result recorded by hand needs a comment: what broke, what blocks it. */
export function needsComment(result: RecordableResult): boolean {
  return result === 'FAILED' || result === 'BLOCKED'
}

/** Why the result cannot be recorded with this comment, or null when it can. */
export function commentProblem(result: RecordableResult, comment: string): string | null {
  if (!needsComment(result) || comment.trim() !== '') return null
  return i18n.t(result === 'FAILED' ? 'runs.commentRequiredFailed' : 'runs.commentRequiredBlocked')
}
