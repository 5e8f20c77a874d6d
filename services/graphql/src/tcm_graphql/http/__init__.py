"""GraphQL over HTTP: POST (queries and mutations), GET (queries only), GraphiQL in development."""
