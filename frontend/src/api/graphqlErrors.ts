import type { CombinedError } from 'urql'
import { i18n } from '../i18n/i18n'

/** The codes the server puts in `extensions.code` (see the header of schema.graphql). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'FAILED_PRECONDITION'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL'

const KNOWN_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'FAILED_PRECONDITION',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
])

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

/** The `extensions.code` values of the errors in a raw GraphQL response body. */
export function errorCodesOfBody(body: unknown): string[] {
  if (!isRecord(body) || !Array.isArray(body.errors)) return []
  return body.errors.flatMap((error: unknown) => {
    if (!isRecord(error) || !isRecord(error.extensions)) return []
    const code = error.extensions.code
    return typeof code === 'string' ? [code] : []
  })
}

/** The first known code of a client-side error, if the server sent one. */
function errorCode(error: CombinedError | undefined): ErrorCode | undefined {
  for (const graphQLError of error?.graphQLErrors ?? []) {
    const code = graphQLError.extensions.code
    if (typeof code === 'string' && KNOWN_CODES.has(code)) return code as ErrorCode
  }
  return undefined
}

/** Our sentence for a code, in the UI's language (src/i18n: `errors.<CODE>`). */
function plainMessage(code: ErrorCode): string {
  return i18n.t(`errors.${code}`)
}

export type MessageOverrides = Partial<Record<ErrorCode, string>>

/**
 * A sentence a person can act on. Validation messages (BAD_USER_INPUT) and refusals of the current
 * state (FAILED_PRECONDITION) come from the server and are written for users, so they stay as the server
 * sends them; for every other code the server's wording is replaced by ours, in the UI's language.
 */
export function describeError(error: CombinedError | undefined, overrides: MessageOverrides = {}): string | null {
  if (!error) return null
  if (error.networkError) return i18n.t('errors.unreachable')
  const code = errorCode(error)
  if (!code) return plainMessage('INTERNAL')
  const override = overrides[code]
  if (override) return override
  if (code === 'BAD_USER_INPUT' || code === 'FAILED_PRECONDITION') {
    const message = error.graphQLErrors.find((e) => e.extensions.code === code)?.message
    if (message) return message
  }
  return plainMessage(code)
}

/** The messages of a rejected input by the field they are about (`extensions.fields` of BAD_USER_INPUT). */
export function fieldErrors(error: CombinedError | undefined): ReadonlyMap<string, string> {
  const found = new Map<string, string>()
  for (const graphQLError of error?.graphQLErrors ?? []) {
    const fields = graphQLError.extensions.fields
    if (!Array.isArray(fields)) continue
    for (const entry of fields as unknown[]) {
      if (isRecord(entry) && typeof entry.field === 'string' && typeof entry.message === 'string' && !found.has(entry.field)) {
        found.set(entry.field, entry.message)
      }
    }
  }
  return found
}
