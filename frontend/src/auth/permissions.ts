import type { Role } from '../gql/graphql'

// The role matrix of the spec. The server enforces it; the UI only hides what would be refused.

/** Create, update and delete suites, groups and cases; change suite status; reorder groups. */
export function canManageSuites(role: Role): boolean {
  return role === 'MANAGER' || role === 'ADMIN'
}

/** Create users, change roles, reset passwords, disable and delete users. */
export function canManageUsers(role: Role): boolean {
  return role === 'ADMIN'
}

/**
 * Create, edit and delete test runs, abort and reopen them (docs/domain-runs.md, "Who may do what").
 * Starting and completing a run and recording results are every role's daily work: no check needed.
 */
export function canManageRuns(role: Role): boolean {
  return role === 'MANAGER' || role === 'ADMIN'
}
