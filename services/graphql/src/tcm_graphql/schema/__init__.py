"""The executable schema: the contract's SDL with resolvers and scalars bound to it."""
