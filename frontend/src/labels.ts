// Domain words (statuses, priorities, roles, results) come from the catalogues under one key each
// (`suiteStatus.<STATUS>`, `caseStatus.…`, `priority.…`, `role.…`, `runResult.…`), so every page says
// them the same way (src/i18n/en.json, ja.json).

import type { Priority, Role, TestCaseStatus, TestRunStatus, TestSuiteStatus } from './gql/graphql'
import { i18n } from './i18n/i18n'

export const SUITE_STATUSES: readonly TestSuiteStatus[] = ['PREPARATION', 'IN_PROGRESS', 'SUSPENDED', 'COMPLETED']
export const PRIORITIES: readonly Priority[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']
export const ROLES: readonly Role[] = ['TESTER', 'MANAGER', 'ADMIN']

/** The verb on the button that moves a suite from one status to another. */
export function suiteTransitionLabel(from: TestSuiteStatus, to: TestSuiteStatus): string {
  switch (to) {
    case 'IN_PROGRESS':
      return i18n.t(from === 'PREPARATION' ? 'suiteTransition.start' : from === 'SUSPENDED' ? 'suiteTransition.resume' : 'suiteTransition.reopen')
    case 'SUSPENDED':
      return i18n.t('suiteTransition.suspend')
    case 'COMPLETED':
      return i18n.t('suiteTransition.complete')
    case 'PREPARATION':
      return i18n.t('suiteTransition.backToPreparation')
  }
}

/** The verb on the button that moves a case along its workflow. */
export function caseTransitionLabel(from: TestCaseStatus, to: TestCaseStatus): string {
  switch (to) {
    case 'TESTING':
      return i18n.t('caseTransition.startTesting')
    case 'FIXING':
      return i18n.t('caseTransition.sendToFixing')
    case 'RETESTING':
      return i18n.t(from === 'COMPLETED' ? 'caseTransition.reopenForRetest' : 'caseTransition.retest')
    case 'REVIEW_WAITING':
      return i18n.t('caseTransition.requestReview')
    case 'REVIEWING':
      return i18n.t('caseTransition.startReview')
    case 'COMPLETED':
      return i18n.t('caseTransition.complete')
    case 'CREATED':
      return i18n.t('caseTransition.backToCreated')
  }
}

/** The verb on the button that moves a run from one status to another. */
export function runTransitionLabel(from: TestRunStatus, to: TestRunStatus): string {
  switch (to) {
    case 'IN_PROGRESS':
      return i18n.t(from === 'PLANNED' ? 'runs.start' : 'runs.reopen')
    case 'COMPLETED':
      return i18n.t('runs.complete')
    case 'ABORTED':
      return i18n.t('runs.abort')
    case 'PLANNED':
      // No transition leads back to PLANNED (docs/domain-runs.md); named for the type's sake.
      return i18n.t('runStatus.PLANNED')
  }
}
