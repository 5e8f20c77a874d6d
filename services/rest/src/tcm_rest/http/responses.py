"""Responses for single resources: the ETag always, Location for a new one."""

from __future__ import annotations

from typing import TypeVar

from litestar import Response
from litestar.datastructures import ResponseHeader
from litestar.openapi import ResponseSpec

from tcm_rest.http.etags import etag

_R = TypeVar("_R")

ETAG_HEADER = ResponseHeader(
    name="ETag",
    description='The version of the resource, e.g. "3": send it back in If-Match.',
    # Documentation only: the value is an example (and makes the documented type a string).
    value='"1"',
    documentation_only=True,
)


def resource(body: _R, version: int) -> Response[_R]:
    return Response(body, headers={"ETag": etag(version)})


def created(body: _R, version: int, location: str) -> Response[_R]:
    return Response(body, status_code=201, headers={"ETag": etag(version), "Location": location})


def no_content(description: str) -> dict[int, ResponseSpec]:
    """For handlers that answer 204 through a Response (to set cookies): the document would show a
    JSON null body otherwise."""
    return {204: ResponseSpec(data_container=None, description=description)}
