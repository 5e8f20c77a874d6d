"""The OpenAPI document as published: Litestar's, with the request bodies as they are decoded and the
links between operations. The served document, the committed snapshot and the fuzzers all read it here."""

from __future__ import annotations

from typing import Any

from litestar import Litestar, Request
from litestar.openapi.plugins import JsonRenderPlugin

from tcm_rest.http.operation_links import with_operation_links
from tcm_rest.http.request_schemas import Document, with_exact_request_bodies


def published(generated: Document) -> Document:
    return with_operation_links(with_exact_request_bodies(generated))


def published_document(app: Litestar) -> Document:
    return published(app.openapi_schema.to_schema())


class DocumentPlugin(JsonRenderPlugin):
    """Serves the published document."""

    def render(self, request: Request[Any, Any, Any], openapi_schema: Document) -> bytes:
        return super().render(request, published(openapi_schema))
