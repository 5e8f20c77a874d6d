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
