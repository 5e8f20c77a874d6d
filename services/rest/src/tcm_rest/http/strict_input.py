"""The before-request hook of every route: input is checked as strictly as the document states it."""

from __future__ import annotations

from typing import Any

from litestar import Request

from tcm_rest.http.strict_body import check_body
from tcm_rest.http.strict_query import check_query


async def check_input_strictly(request: Request[Any, Any, Any]) -> None:
    check_query(request)
    await check_body(request)
