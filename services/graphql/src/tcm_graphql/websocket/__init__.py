"""Subscriptions over WebSocket with the graphql-transport-ws protocol (the `graphql-ws` library's)."""
