"""The GraphQL API of the platform (graphql-core, schema-first), over HTTP and WebSocket.

schema/       the SDL of libs/contracts bound to resolvers and scalars (executable.py)
resolvers/    one module per type or group of root fields: parse, call one use case, map
inputs/       GraphQL arguments -> domain inputs (ids, *Fields, *Patch with UNSET)
protection/   depth, alias and cost limits, applied before anything executes
execution/    document cache, the request pipeline, error formatting, per-request context
http/         POST/GET /graphql, the GraphiQL page (development only), HTTP error mapping
websocket/    the graphql-transport-ws protocol for subscriptions, closed when the session ends
service_state.py  the engine and options, built once the settings are known
app.py        the Litestar application (composition root); __main__.py runs it

The SDL is read at start from the tcm_contracts package (libs/contracts/src/tcm_contracts/graphql/schema.graphql).
"""
