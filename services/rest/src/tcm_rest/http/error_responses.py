"""Exception handlers: every error leaves the API as an RFC 9457 problem, never with internals.

Domain errors keep their stable code and answer the status of their category (docs/errors.md);
Litestar's own client errors (unparsable or schema-violating
input, unknown route, wrong method, body too large) become problems with a code of their own; anything
else is logged with its traceback and answered with a bare 500.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException

from tcm_common.domain.error_categories import ErrorCategory, category_of
from tcm_common.domain.errors import DomainError, ValidationFailed
from tcm_common.domain.field_names import api_field_name
from tcm_common.web.tracing import current_trace_id
from tcm_rest.http.domain_problems import status_and_title
from tcm_rest.http.field_names import wire_name
from tcm_rest.http.problem import PROBLEM_MEDIA_TYPE, TYPE_PREFIX, FieldProblem, Problem

logger = logging.getLogger(__name__)

AnyRequest = Request[Any, Any, Any]

# Codes of the errors Litestar raises before a use case runs, by status.
HTTP_CODES: dict[int, str] = {
    400: "INVALID_REQUEST",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    428: "PRECONDITION_REQUIRED",
}


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> Response[Problem]:
    return Response(problem, status_code=problem.status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _problem(status: int, code: str, title: str, detail: str, errors: list[FieldProblem]) -> Problem:
    kind = code.lower().replace("_", "-")
    return Problem(
        type=TYPE_PREFIX + kind,
        title=title,
        status=status,
        detail=detail,
        code=code,
        errors=errors,
        trace_id=current_trace_id(),
    )


def domain_problem(error: DomainError, *, conditional: bool) -> tuple[Problem, dict[str, str]] | None:
    """The problem and headers for a domain error; None when its class has no category (a bug).
    `conditional`: the request carried If-Match."""
    category = category_of(error)
    if category is None:
        return None
    status, title = status_and_title(category, conditional=conditional)
    errors = []
    if isinstance(error, ValidationFailed):
        errors = [FieldProblem(field=api_field_name(detail.field), message=detail.message) for detail in error.details]
    headers = {}
    if error.retry_after_seconds is not None:
        headers["Retry-After"] = str(error.retry_after_seconds)
    if category is ErrorCategory.UNAUTHENTICATED:
        headers["WWW-Authenticate"] = 'Bearer realm="tcm"'
    return _problem(status, error.code, title, error.message, errors), headers


def on_domain_error(request: AnyRequest, error: DomainError) -> Response[Problem]:
    answer = domain_problem(error, conditional="if-match" in request.headers)
    if answer is None:
        return on_unexpected_error(request, error)
    problem, headers = answer
    return problem_response(problem, headers)


def _field_problems(extra: object) -> list[FieldProblem]:
    if not isinstance(extra, list):
        return []
    return [
        FieldProblem(field=wire_name(item.get("key"), item.get("source")), message=str(item.get("message", "")))
        for item in extra
        if isinstance(item, dict)
    ]


def on_http_exception(request: AnyRequest, error: HTTPException) -> Response[Problem]:
    status = error.status_code
    if status >= 500:
        return on_unexpected_error(request, error)
    phrase = HTTPStatus(status).phrase
    code = HTTP_CODES.get(status, HTTPStatus(status).name)
    if isinstance(error, ValidationException):
        detail = "the request does not match the API schema; see errors"
    else:
        detail = error.detail
    problem = _problem(status, code, phrase, detail, _field_problems(error.extra))
    return problem_response(problem, error.headers)


def on_unexpected_error(request: AnyRequest, error: Exception) -> Response[Problem]:
    logger.error("unexpected error in %s %s", request.method, request.scope.get("path_template", "?"), exc_info=error)
    problem = _problem(500, "INTERNAL", "Internal error", "something went wrong on our side", [])
    return problem_response(problem)


EXCEPTION_HANDLERS = {
    DomainError: on_domain_error,
    HTTPException: on_http_exception,
    Exception: on_unexpected_error,
}
