"""Names of inputs as clients wrote them: JSON fields and query parameters in camelCase, headers as sent."""

from __future__ import annotations


def camel_case(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def wire_name(key: object, source: object) -> str:
    """The name of what Litestar reports as invalid: the whole body is "data", parameters go by their
    Python names."""
    if key in (None, "", "data"):
        return "body"
    if source == "header":
        return "-".join(part.capitalize() for part in str(key).split("_"))
    return camel_case(str(key))
