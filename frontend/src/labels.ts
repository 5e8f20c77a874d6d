import type { Priority, Role, TestCaseStatus, TestSuiteStatus } from './gql/graphql'

export const SUITE_STATUSES: readonly TestSuiteStatus[] = ['PREPARATION', 'IN_PROGRESS', 'SUSPENDED', 'COMPLETED']
export const PRIORITIES: readonly Priority[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']
export const ROLES: readonly Role[] = ['TESTER', 'MANAGER', 'ADMIN']

export const SUITE_STATUS_LABEL: Record<TestSuiteStatus, string> = {
  PREPARATION: 'Preparation',
  IN_PROGRESS: 'In progress',
  SUSPENDED: 'Suspended',
  COMPLETED: 'Completed',
}

export const CASE_STATUS_LABEL: Record<TestCaseStatus, string> = {
  CREATED: 'Created',
  TESTING: 'Testing',
  FIXING: 'Fixing',
  RETESTING: 'Retesting',
  REVIEW_WAITING: 'Waiting for review',
  REVIEWING: 'Reviewing',
  COMPLETED: 'Completed',
}

export const PRIORITY_LABEL: Record<Priority, string> = {
  CRITICAL: 'Critical',
  HIGH: 'High',
  MEDIUM: 'Medium',
  LOW: 'Low',
}

export const ROLE_LABEL: Record<Role, string> = {
  TESTER: 'Tester',
  MANAGER: 'Manager',
  ADMIN: 'Admin',
}

/** The verb on the button that moves a suite from one status to another. */
export function suiteTransitionLabel(from: TestSuiteStatus, to: TestSuiteStatus): string {
  switch (to) {
    case 'IN_PROGRESS':
      return from === 'PREPARATION' ? 'Start' : from === 'SUSPENDED' ? 'Resume' : 'Reopen'
    case 'SUSPENDED':
      return 'Suspend'
    case 'COMPLETED':
      return 'Complete'
    case 'PREPARATION':
      return 'Back to preparation'
  }
}

/** The verb on the button that moves a case along its workflow. */
export function caseTransitionLabel(from: TestCaseStatus, to: TestCaseStatus): string {
  switch (to) {
    case 'TESTING':
      return 'Start testing'
    case 'FIXING':
      return 'Send to fixing'
    case 'RETESTING':
      return from === 'COMPLETED' ? 'Reopen for retest' : 'Retest'
    case 'REVIEW_WAITING':
      return 'Request review'
    case 'REVIEWING':
      return 'Start review'
    case 'COMPLETED':
      return 'Complete'
    case 'CREATED':
      return 'Back to created'
  }
}
