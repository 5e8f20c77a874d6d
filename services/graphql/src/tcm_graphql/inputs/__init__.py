"""GraphQL arguments (already coerced by graphql-core) -> the domain's inputs, with field names of the
API in every ValidationFailed so that clients can point at the right input."""
