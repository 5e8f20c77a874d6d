// The rules of docs/domain.md, checked in the browser so that a form can say what is wrong before sending.
// The server checks them again.

import type { SuiteFormValues } from './components/SuiteForm'
import { i18n } from './i18n/i18n'

/** Checks the rules of docs/domain.md before the server does: a 1-100 character name, both dates, end not before start. */
export function validateSuite(values: SuiteFormValues): string | null {
  const name = values.name.trim()
  if (name.length === 0) return i18n.t('validation.suiteNameMissing')
  if (name.length > 100) return i18n.t('validation.nameTooLong')
  if (!values.estimatedStartDate || !values.estimatedEndDate) return i18n.t('validation.suiteDatesMissing')
  if (values.estimatedEndDate < values.estimatedStartDate) {
    return i18n.t('validation.suiteEndBeforeStart')
  }
  return null
}

export function validateCase(title: string, plannedEffort: string): string | null {
  if (title.length === 0) return i18n.t('validation.caseTitleMissing')
  if (title.length > 200) return i18n.t('validation.caseTitleTooLong')
  if (plannedEffort !== '' && !(Number(plannedEffort) >= 0)) return i18n.t('validation.plannedEffortInvalid')
  return null
}

/** Hours must be above 0 and at most 24; the suite may require a comment. */
export function validateEffort(hours: string, comment: string, commentRequired: boolean): string | null {
  const value = Number(hours)
  if (hours.trim() === '' || !(value > 0) || value > 24) return i18n.t('validation.effortHoursInvalid')
  if (commentRequired && comment.trim() === '') return i18n.t('validation.effortCommentRequired')
  return null
}

/** The password rules of docs/domain.md: 12 to 128 characters and not the username. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 12) return i18n.t('validation.passwordTooShort')
  if (password.length > 128) return i18n.t('validation.passwordTooLong')
  if (password.toLowerCase() === username.toLowerCase()) return i18n.t('validation.passwordIsUsername')
  return null
}

/** A group's name: 1 to 100 characters. */
export function groupNameProblem(name: string): string | null {
  if (name.length === 0) return i18n.t('validation.groupNameMissing')
  if (name.length > 100) return i18n.t('validation.nameTooLong')
  return null
}

/** Usernames: 3 to 50 characters of a-z, 0-9, _ . - (compared without case). */
export function usernameProblem(username: string): string | null {
  if (!/^[a-z0-9_.-]{3,50}$/.test(username)) return i18n.t('validation.usernameInvalid')
  return null
}

/** A run's name: 1 to 100 characters; its label at most 100 (docs/domain-runs.md); it covers at least one case. */
export function runProblem(name: string, label: string, coveredCases: number): string | null {
  if (name.length === 0) return i18n.t('runs.nameMissing')
  if (name.length > 100) return i18n.t('validation.nameTooLong')
  if (label.length > 100) return i18n.t('runs.labelTooLong')
  if (coveredCases === 0) return i18n.t('runs.selectionEmpty')
  return null
}
