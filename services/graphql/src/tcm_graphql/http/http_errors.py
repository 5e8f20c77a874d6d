"""Errors raised before or around execution, answered in the GraphQL error shape with a code."""

from __future__ import annotations

from typing import Any

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException
from litestar.types import ExceptionHandlersMap

from tcm_common.domain.errors import DomainError
from tcm_graphql.execution.errors import (
    BAD_USER_INPUT,
    INTERNAL,
    domain_error_payload,
    internal_error,
    simple_error,
)
from tcm_graphql.execution.request import RequestRefused

AnyRequest = Request[Any, Any, Any]

# An error raised before execution (no data at all) shows in the HTTP status too; the rest are 400.
_CODE_STATUS = {"UNAUTHENTICATED": 401, "FORBIDDEN": 403, "RATE_LIMITED": 429, "UNAVAILABLE": 503, INTERNAL: 500}
_HTTP_CODES = {401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND", 429: "RATE_LIMITED"}


def _errors(errors: list[dict[str, Any]], status: int) -> Response[dict[str, Any]]:
    return Response({"errors": errors}, status_code=status, media_type=MediaType.JSON, headers=_retry_after(errors))


def _retry_after(errors: list[dict[str, Any]]) -> dict[str, str]:
    seconds = [error["extensions"].get("retryAfterSeconds") for error in errors]
    seconds = [value for value in seconds if value is not None]
    return {"Retry-After": str(max(seconds))} if seconds else {}


def unavailable_status(body: dict[str, Any]) -> tuple[int, dict[str, str]]:
    """503 (with Retry-After) for an executed request that got no data because the database was down;
    200 otherwise, as GraphQL over HTTP answers executed requests."""
    errors = body.get("errors") or []
    data = body.get("data")
    no_data = data is None or all(value is None for value in data.values())
    if no_data and any(error["extensions"]["code"] == "UNAVAILABLE" for error in errors):
        return 503, _retry_after(errors)
    return 200, {}


def refused(_request: AnyRequest, error: Exception) -> Response[dict[str, Any]]:
    assert isinstance(error, RequestRefused)
    return _errors(error.errors, error.status)


def domain_error(_request: AnyRequest, error: Exception) -> Response[dict[str, Any]]:
    """The CSRF guard and a refused bearer token raise these before any resolver runs."""
    assert isinstance(error, DomainError)
    formatted = domain_error_payload(error, _request.url.path)
    return _errors([formatted], _CODE_STATUS.get(formatted["extensions"]["code"], 400))


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
