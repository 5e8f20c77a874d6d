import { vi } from 'vitest'

export interface GraphQLBody {
  data?: unknown
  errors?: { message: string; extensions?: { code: string; fields?: { field: string; message: string }[] } }[]
}

type Handler = (variables: Record<string, unknown>) => GraphQLBody

export interface FakeServer {
  fetch: ReturnType<typeof vi.fn<typeof fetch>>
  /** The operation names received, in order. */
  calls: string[]
}

/**
 * A stand-in for the network: answers GraphQL POSTs by operation name, as the real /graphql would.
 * Handlers may be arrays to answer successive calls differently (the last one then repeats).
 */
export function fakeGraphQL(handlers: Record<string, Handler | Handler[]>): FakeServer {
  const calls: string[] = []
  const counts = new Map<string, number>()
  const fetchImpl = vi.fn<typeof fetch>((_input, init) => {
    const body = requestBody(init)
    calls.push(body.operationName)
    const entry = handlers[body.operationName]
    if (!entry) return Promise.reject(new Error(`No fake handler for ${body.operationName}`))
    const seen = counts.get(body.operationName) ?? 0
    counts.set(body.operationName, seen + 1)
    const handler = Array.isArray(entry) ? entry[Math.min(seen, entry.length - 1)] : entry
    if (!handler) return Promise.reject(new Error(`Empty handler list for ${body.operationName}`))
    return Promise.resolve(jsonResponse(handler(body.variables ?? {})))
  })
  return { fetch: fetchImpl, calls }
}

export interface RequestBody {
  operationName: string
  query: string
  variables?: Record<string, unknown>
}

/** The GraphQL request a fetch call carried (urql and the refresher send JSON strings). */
export function requestBody(init: RequestInit | undefined): RequestBody {
  if (typeof init?.body !== 'string') throw new Error('Expected a JSON string body')
  return JSON.parse(init.body) as RequestBody
}

export function jsonResponse(body: GraphQLBody, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/graphql-response+json' } })
}

export function unauthenticated(): GraphQLBody {
  return { data: null, errors: [{ message: 'Not signed in', extensions: { code: 'UNAUTHENTICATED' } }] }
}

export function failure(code: string, message = code): GraphQLBody {
  return { data: null, errors: [{ message, extensions: { code } }] }
}
