"""The REST API of the platform (Litestar + msgspec) under /api/v1."""
