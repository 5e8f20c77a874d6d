"""Names of inputs as clients wrote them: JSON and query parameters are camelCase on the wire."""

from __future__ import annotations


def camel_case(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)
