"""Request bodies are JSON, decoded strictly against the route's msgspec Struct.

Litestar converts bodies in lax mode ("5" would pass as 5); this check runs first and refuses anything
the OpenAPI document does not allow, naming the offending field, so what the schema says is the rule.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec
from litestar import Request
from litestar.exceptions import ClientException, ValidationException

JSON_MEDIA_TYPE = "application/json"
_AT_PATH = re.compile(r"^(?P<message>.*?)(?: - at `\$\.?(?P<path>[^`]*)`)?$", re.DOTALL)


def _is_json(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower() == JSON_MEDIA_TYPE


def _schema_violation(error: msgspec.ValidationError) -> ValidationException:
    found = _AT_PATH.match(str(error))
    message = found.group("message") if found else str(error)
    path = (found.group("path") if found else None) or "body"
    return ValidationException(detail=message, extra=[{"key": path, "message": message}])


def _integral_numbers_as_ints(value: Any) -> Any:
    """JSON has one number type: 30.0 is the integer 30 to JSON Schema, so it is to us too."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_integral_numbers_as_ints(item) for item in value]
    if isinstance(value, dict):
        return {key: _integral_numbers_as_ints(item) for key, item in value.items()}
    return value


async def check_body(request: Request[Any, Any, Any]) -> None:
    data_field = request.route_handler.parsed_data_field
    if data_field is None:
        return
    if not _is_json(request.headers.get("content-type", "")):
        raise ClientException(status_code=415, detail=f"send the request body as {JSON_MEDIA_TYPE}")
    try:
        raw = msgspec.json.decode(await request.body())
    except msgspec.DecodeError:
        raise ClientException(detail="the request body is not valid JSON") from None
    try:
        msgspec.convert(_integral_numbers_as_ints(raw), type=data_field.annotation, strict=True)
    except msgspec.ValidationError as error:
        raise _schema_violation(error) from None
