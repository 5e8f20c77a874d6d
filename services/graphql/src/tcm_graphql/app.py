"""Composition root of the GraphQL service: builds the Litestar application."""

from __future__ import annotations

from litestar import Litestar, get


@get("/health", sync_to_thread=False)
def health() -> dict[str, str]:
    """Liveness: answers without touching anything else."""
    return {"status": "ok"}


def create_app() -> Litestar:
    return Litestar(route_handlers=[health])
