/** The API lives on the SPA's own origin; the edge (or Vite's proxy) routes this path to it. */
export const GRAPHQL_PATH = '/graphql'

export function graphqlWebSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}${GRAPHQL_PATH}`
}
