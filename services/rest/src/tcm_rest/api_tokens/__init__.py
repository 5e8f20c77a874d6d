"""Personal API tokens for machines: shown once, listed, revoked."""
