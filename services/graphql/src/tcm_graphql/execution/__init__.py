"""From a GraphQL request to its result: document cache, limits, execution, error formatting."""
