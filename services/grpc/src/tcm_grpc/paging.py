"""testsuite.v1 paging on the one paging rule (docs/paging.md): `page_size` 0 is proto3's "not set"
and means the default; `page_token` is the opaque `next_page_token` of the previous page, empty for the
first page."""

from __future__ import annotations

from typing import Any

from tcm_common.application.pagination import Page, PageRequest


def page_request(page_size: int, page_token: str) -> PageRequest:
    return PageRequest.of(page_size or None, page_token or None, size_field="page_size", cursor_field="page_token")


def next_page_token(page: Page[Any]) -> str:
    return page.next_cursor or ""
