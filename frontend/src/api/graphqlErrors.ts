import type { CombinedError } from 'urql'

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

const PLAIN_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  FORBIDDEN: 'Your role does not allow this action.',
  NOT_FOUND: 'This item no longer exists. Someone may have deleted it.',
  BAD_USER_INPUT: 'Some of the values were not accepted. Check the form and try again.',
  CONFLICT: 'Someone changed this while you were looking at it. Reload to see the latest version, then try again.',
  FAILED_PRECONDITION: 'This change is not allowed in the current state.',
  RATE_LIMITED: 'Too many attempts. Wait a minute, then try again.',
  UNAVAILABLE: 'The service is briefly unavailable. Try again in a moment.',
  INTERNAL: 'Something went wrong on the server. Try again in a moment.',
}

export type MessageOverrides = Partial<Record<ErrorCode, string>>

/**
 * A sentence a person can act on. Validation messages (BAD_USER_INPUT) and refusals of the current
 * state (FAILED_PRECONDITION) come from the server and are written for users; for every other code the
 * server's wording is replaced by ours.
 */
export function describeError(error: CombinedError | undefined, overrides: MessageOverrides = {}): string | null {
  if (!error) return null
  if (error.networkError) return 'The server could not be reached. Check your connection and try again.'
  const code = errorCode(error)
  if (!code) return PLAIN_MESSAGES.INTERNAL
  const override = overrides[code]
  if (override) return override
  if (code === 'BAD_USER_INPUT' || code === 'FAILED_PRECONDITION') {
    const message = error.graphQLErrors.find((e) => e.extensions.code === code)?.message
    if (message) return message
  }
  return PLAIN_MESSAGES[code]
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
