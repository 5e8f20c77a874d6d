import { createClient as createWebSocketClient } from 'graphql-ws'
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql'
import { createAuthFetch } from './authFetch'
import { GRAPHQL_PATH, graphqlWebSocketUrl } from './endpoint'
import type { RefreshSession } from './sessionRefresher'
import { createWebSocketRetry } from './webSocketRetry'

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
  const webSocket = createWebSocketClient({
    url: graphqlWebSocketUrl(window.location),
    lazy: true,
    retryAttempts: 8,
    shouldRetry: retry.shouldRetry,
    retryWait: retry.retryWait,
  })

  const client = new Client({
    url: GRAPHQL_PATH,
    fetch: createAuthFetch({ fetch: (input, init) => fetch(input, init), refresh, onSessionExpired }),
    fetchOptions: { credentials: 'same-origin' },
    preferGetMethod: false,
    // Others change the same suites: show what is cached at once, then what the server says now.
    requestPolicy: 'cache-and-network',
    exchanges: [
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
