// The spec's rules, checked in the browser so that a form can say what is wrong before sending.
// The server checks them again.

import type { SuiteFormValues } from './components/SuiteForm'

/** Checks the spec's rules before the server does: a 1-100 character name, both dates, end not before start. */
export function validateSuite(values: SuiteFormValues): string | null {
  const name = values.name.trim()
  if (name.length === 0) return 'Give the suite a name.'
  if (name.length > 100) return 'The name can be at most 100 characters.'
  if (!values.estimatedStartDate || !values.estimatedEndDate) return 'Give the suite an estimated start and end date.'
  if (values.estimatedEndDate < values.estimatedStartDate) {
    return 'The estimated end date cannot be before the start date.'
  }
  return null
}

export function validateCase(title: string, plannedEffort: string): string | null {
  if (title.length === 0) return 'Give the case a title.'
  if (title.length > 200) return 'The title can be at most 200 characters.'
  if (plannedEffort !== '' && !(Number(plannedEffort) >= 0)) return 'Planned effort must be a number of hours, 0 or more.'
  return null
}

/** Hours must be above 0 and at most 24; the suite may require a comment. */
export function validateEffort(hours: string, comment: string, commentRequired: boolean): string | null {
  const value = Number(hours)
  if (hours.trim() === '' || !(value > 0) || value > 24) return 'Hours must be more than 0 and at most 24.'
  if (commentRequired && comment.trim() === '') return 'This suite requires a comment on every effort record.'
  return null
}

/** The spec's password rules: 12 to 128 characters and not the username. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 12) return 'The password needs at least 12 characters.'
  if (password.length > 128) return 'The password can be at most 128 characters.'
  if (password.toLowerCase() === username.toLowerCase()) return 'The password cannot be the username.'
  return null
}

/** Usernames: 3 to 50 characters of a-z, 0-9, _ . - (compared without case). */
export function usernameProblem(username: string): string | null {
  if (!/^[a-z0-9_.-]{3,50}$/.test(username)) return 'Use 3 to 50 characters: lowercase letters, digits, _ . -'
  return null
}
