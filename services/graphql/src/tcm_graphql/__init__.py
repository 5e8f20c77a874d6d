"""The GraphQL API of the platform (graphql-core), over HTTP and WebSocket."""
