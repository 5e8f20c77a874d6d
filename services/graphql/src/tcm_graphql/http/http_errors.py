"""Errors raised before or around execution, answered in the GraphQL error shape with a code."""

from __future__ import annotations

from typing import Any

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException
from litestar.types import ExceptionHandlersMap

from tcm_common.domain.errors import DomainError, PermissionDenied, RateLimited, Unauthenticated
from tcm_graphql.execution.errors import (
    BAD_USER_INPUT,
    domain_error_extensions,
    internal_error,
    simple_error,
)
from tcm_graphql.execution.request import RequestRefused

AnyRequest = Request[Any, Any, Any]

_DOMAIN_STATUS: dict[type[DomainError], int] = {Unauthenticated: 401, PermissionDenied: 403, RateLimited: 429}
_HTTP_CODES = {401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND", 429: "RATE_LIMITED"}


def _errors(errors: list[dict[str, Any]], status: int) -> Response[dict[str, Any]]:
    return Response({"errors": errors}, status_code=status, media_type=MediaType.JSON)


def refused(_request: AnyRequest, error: Exception) -> Response[dict[str, Any]]:
    assert isinstance(error, RequestRefused)
    return _errors(error.errors, error.status)


def domain_error(_request: AnyRequest, error: Exception) -> Response[dict[str, Any]]:
    """The CSRF guard and a refused bearer token raise these before any resolver runs."""
    assert isinstance(error, DomainError)
    formatted = {"message": error.message, "extensions": domain_error_extensions(error)}
    return _errors([formatted], _DOMAIN_STATUS.get(type(error), 400))


def http_error(_request: AnyRequest, error: Exception) -> Response[dict[str, Any]]:
    """Litestar's own refusals: body too large (413), wrong method (405), unknown path (404)..."""
    assert isinstance(error, HTTPException)
    if error.status_code >= 500:
        return unexpected_error(_request, error)
    code = _HTTP_CODES.get(error.status_code, BAD_USER_INPUT)
    return _errors([simple_error(error.detail, code)], error.status_code)


def unexpected_error(request: AnyRequest, error: Exception) -> Response[dict[str, Any]]:
    return _errors([internal_error(error, request.url.path)], 500)


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    RequestRefused: refused,
    DomainError: domain_error,
    HTTPException: http_error,
    Exception: unexpected_error,
}
