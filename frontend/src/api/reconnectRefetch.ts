import { makeOperation, type Client, type Exchange, type Operation } from 'urql'
import { pipe, tap } from 'wonka'

/**
 * Remembers the queries that pages are showing, so that after the subscription socket reconnects
 * they can all be asked again from the server: changes made while the socket was down (their events
 * were never received) then show up as well.
 */
export function createReconnectRefetch(): { exchange: Exchange; refetchActive: (client: Client) => void } {
  const active = new Map<number, Operation>()
  const exchange: Exchange =
    ({ forward }) =>
    (operations$) =>
      forward(
        pipe(
          operations$,
          tap((operation) => {
            if (operation.kind === 'query') active.set(operation.key, operation)
            else if (operation.kind === 'teardown') active.delete(operation.key)
          }),
        ),
      )
  return {
    exchange,
    refetchActive(client) {
      for (const operation of active.values()) {
        client.reexecuteOperation(makeOperation('query', operation, { ...operation.context, requestPolicy: 'network-only' }))
      }
    },
  }
}
