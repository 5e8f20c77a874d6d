"""The XML body of the JUnit import routes: media type, size limit, and its place in the document.

The size limit is the route's own (the parser's, larger than the API's JSON limit): Litestar refuses a
larger Content-Length before reading anything and stops reading a streamed body once it passes the
limit, with a 413 problem either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.exceptions import ClientException
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIType, Operation, RequestBody, Schema

from tcm_common.reporting.junit import JUnitReport, parse_junit

XML_MEDIA_TYPES = ("application/xml", "text/xml")

_REPORT_SCHEMA = Schema(type=OpenAPIType.STRING, description="A JUnit XML report (testsuites or testsuite root).")


@dataclass
class JUnitOperation(Operation):
    """Documents the XML body, which the handler reads itself rather than through a JSON `data` field."""

    def __post_init__(self) -> None:
        self.request_body = RequestBody(
            content={media_type: OpenAPIMediaType(schema=_REPORT_SCHEMA) for media_type in XML_MEDIA_TYPES},
            required=True,
        )


def _media_type(request: Request[Any, Any, Any]) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


async def junit_report(request: Request[Any, Any, Any]) -> JUnitReport:
    """The parsed report; 415 for another media type, 413 when too large, 422 when refused (nothing recorded)."""
    if _media_type(request) not in XML_MEDIA_TYPES:
        raise ClientException(status_code=415, detail="send the JUnit report as application/xml or text/xml")
    return parse_junit(await request.body())
