import { CombinedError } from 'urql'
import { describe, expect, it } from 'vitest'
import { describeError, errorCodesOfBody, fieldErrors } from './graphqlErrors'

function serverError(code: string, message = 'internal detail') {
  return new CombinedError({ graphQLErrors: [{ message, extensions: { code } }] })
}

describe('describeError', () => {
  it('explains a version conflict as someone else changing the item', () => {
    expect(describeError(serverError('CONFLICT'))).toMatch(/Someone changed this.*Reload/)
    expect(describeError(serverError('CONFLICT'), { CONFLICT: 'Someone changed this suite; reload.' })).toBe('Someone changed this suite; reload.')
  })

  it('shows validation messages from the server, but never internal ones', () => {
    expect(describeError(serverError('BAD_USER_INPUT', 'The name can be at most 100 characters.'))).toBe('The name can be at most 100 characters.')
    expect(describeError(serverError('INTERNAL', 'asyncpg.exceptions.UniqueViolation'))).not.toContain('asyncpg')
    expect(describeError(serverError('FORBIDDEN'))).toBe('Your role does not allow this action.')
  })

  it('shows why the current state refuses a change, and asks to retry while the service is unavailable', () => {
    expect(describeError(serverError('FAILED_PRECONDITION', 'case status cannot change from CREATED to COMPLETED'))).toBe(
      'case status cannot change from CREATED to COMPLETED',
    )
    expect(describeError(serverError('UNAVAILABLE'))).toMatch(/briefly unavailable.*Try again/)
  })

  it('says the server is unreachable on a network error, and nothing without an error', () => {
    expect(describeError(new CombinedError({ networkError: new TypeError('Failed to fetch') }))).toMatch(/could not be reached/)
    expect(describeError(undefined)).toBeNull()
  })
})

describe('errorCodesOfBody', () => {
  it('reads extensions.code from a raw response body', () => {
    expect(errorCodesOfBody({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }, { message: 'x' }] })).toEqual(['UNAUTHENTICATED'])
    expect(errorCodesOfBody({ data: {} })).toEqual([])
    expect(errorCodesOfBody('nonsense')).toEqual([])
  })
})

describe('fieldErrors', () => {
  it('reads the field messages of a rejected input, the first one per field', () => {
    const rejected = new CombinedError({
      graphQLErrors: [
        {
          message: 'current_password: is not the current password',
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [
              { field: 'currentPassword', message: 'is not the current password' },
              { field: 'currentPassword', message: 'a second complaint' },
              { field: 42, message: 'not a field name' },
            ],
          },
        },
      ],
    })
    expect([...fieldErrors(rejected)]).toEqual([['currentPassword', 'is not the current password']])
    expect(fieldErrors(serverError('CONFLICT')).size).toBe(0)
    expect(fieldErrors(undefined).size).toBe(0)
  })
})
