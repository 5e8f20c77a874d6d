"""Resolvers, one module per type or group of root fields. Each is thin: parse the arguments, call one
use case (or one DataLoader, whose batch function is a use case of libs/common), map the result."""
