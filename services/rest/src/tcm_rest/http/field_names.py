"""Names of inputs as clients wrote them: JSON fields and query parameters in camelCase, headers as sent."""

from __future__ import annotations

from tcm_common.domain.field_names import api_field_name


def wire_name(key: object, source: object) -> str:
    """The name of what Litestar reports as invalid: the whole body is "data", parameters go by their
    Python names."""
    if key in (None, "", "data"):
        return "body"
    if source == "header":
        return "-".join(part.capitalize() for part in str(key).split("_"))
    return api_field_name(str(key))
