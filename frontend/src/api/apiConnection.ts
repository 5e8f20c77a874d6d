import { createClient as createWebSocketClient } from 'graphql-ws'
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql'
import { createAuthFetch } from './authFetch'
import { GRAPHQL_PATH, graphqlWebSocketUrl } from './endpoint'
import { createReconnectRefetch } from './reconnectRefetch'
import type { RefreshSession } from './sessionRefresher'
import { createWebSocketRetry } from './webSocketRetry'

/** How often the subscription socket pings the server (ms). */
export const KEEP_ALIVE_MS = 20_000

export interface ApiConnection {
  client: Client
  close: () => void
}

/**
 * One GraphQL client (HTTP for queries and mutations, a lazy WebSocket for subscriptions). Cookies
 * do all the authentication: nothing here reads, stores or sends a token.
 */
export function createApiConnection(refresh: RefreshSession, onSessionExpired: () => void): ApiConnection {
  const retry = createWebSocketRetry(refresh, onSessionExpired)
  const reconnect = createReconnectRefetch()
  const webSocket = createWebSocketClient({
    url: graphqlWebSocketUrl(window.location),
    lazy: true,
    retryAttempts: 8,
    shouldRetry: retry.shouldRetry,
    retryWait: retry.retryWait,
    // Well under the ALB's 120 s idle timeout; the server pings too, and the client answers.
    keepAlive: KEEP_ALIVE_MS,
    on: {
      // Events sent while the socket was down are lost: ask again for everything on screen.
      connected: (_socket, _payload, wasRetry) => {
        if (wasRetry) reconnect.refetchActive(client)
      },
    },
  })

  const client = new Client({
    url: GRAPHQL_PATH,
    fetch: createAuthFetch({ fetch: (input, init) => fetch(input, init), refresh, onSessionExpired }),
    fetchOptions: { credentials: 'same-origin' },
    preferGetMethod: false,
    // Others change the same suites: show what is cached at once, then what the server says now.
    requestPolicy: 'cache-and-network',
    exchanges: [
      reconnect.exchange,
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({
            unsubscribe: webSocket.subscribe({ ...request, query: request.query ?? '' }, sink),
          }),
        }),
      }),
    ],
  })

  return { client, close: () => void webSocket.dispose() }
}
