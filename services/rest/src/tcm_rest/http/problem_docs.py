"""The error responses an operation documents, so clients (and schemathesis) know every status it answers."""

from __future__ import annotations

from litestar.openapi import ResponseSpec

from tcm_rest.http.problem import PROBLEM_MEDIA_TYPE, Problem

_WHEN: dict[int, str] = {
    400: "The request does not match the API schema (field-level errors).",
    401: "No credentials, or they are invalid, expired or revoked.",
    403: "The role may not do this, or a cookie request failed the CSRF check.",
    404: "The resource does not exist.",
    409: "The workflow forbids this status change, the resource has children or clashes, or its suite is "
    "COMPLETED (SUITE_CLOSED: reopen the suite first).",
    412: "If-Match names a version that is no longer current.",
    413: "The request body is too large.",
    415: "The request body is not application/json.",
    422: "The input breaks a rule of the domain (field-level errors).",
    428: "If-Match is missing or does not name exactly one version.",
    429: "Too many failed attempts; retry after the Retry-After seconds.",
}

# Every route with a JSON body can fail these before any use case runs.
BODY_PROBLEMS = (400, 403, 413, 415)


def problems(*statuses: int) -> dict[int, ResponseSpec]:
    return {
        status: ResponseSpec(
            data_container=Problem,
            media_type=PROBLEM_MEDIA_TYPE,
            description=_WHEN[status],
            generate_examples=False,
        )
        for status in sorted(set(statuses))
    }
