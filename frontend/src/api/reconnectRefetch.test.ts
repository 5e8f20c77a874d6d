import { describe, expect, it, vi } from 'vitest'
import { Client, createRequest, fetchExchange, gql, makeOperation } from 'urql'
import { createReconnectRefetch } from './reconnectRefetch'

const SUITES = gql`
  query Suites {
    testSuites {
      totalCount
    }
  }
`
const SUITE = gql`
  query Suite($id: ID!) {
    testSuite(id: $id) {
      id
    }
  }
`

describe('createReconnectRefetch', () => {
  it('asks the server again for every query still shown, and for none torn down', () => {
    const { exchange, refetchActive } = createReconnectRefetch()
    // The server never answers here: only which operations are sent matters.
    const client = new Client({ url: '/graphql', exchanges: [exchange, fetchExchange], fetch: () => new Promise<Response>(() => undefined) })
    const shown = client.query(SUITES, {}).subscribe(() => undefined)
    const left = client.query(SUITE, { id: 's1' }).subscribe(() => undefined)
    // What urql sends through the exchanges when a page stops showing a query.
    const leftOperation = client.createRequestOperation('query', createRequest(SUITE, { id: 's1' }))
    client.reexecuteOperation(makeOperation('teardown', leftOperation, leftOperation.context))
    const reexecute = vi.spyOn(client, 'reexecuteOperation').mockImplementation(() => undefined)

    refetchActive(client)

    expect(reexecute).toHaveBeenCalledTimes(1)
    const [again] = reexecute.mock.calls[0] ?? []
    expect(again?.query).toBe(SUITES)
    expect(again?.context.requestPolicy).toBe('network-only')
    shown.unsubscribe()
    left.unsubscribe()
  })
})
