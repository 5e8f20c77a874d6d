"""Query parameters mean one thing each: a parameter sent twice, or a non-text one sent as the word
`null`, is refused instead of resolved the way Litestar would (the last copy wins; "null" is None)."""

from __future__ import annotations

from typing import Any, get_args

from litestar import Request
from litestar.exceptions import ValidationException
from litestar.params import QueryParameter
from litestar.typing import FieldDefinition


def _takes_text(field: FieldDefinition) -> bool:
    return str in (get_args(field.annotation) or (field.annotation,))


def _query_fields(request: Request[Any, Any, Any]) -> dict[str, FieldDefinition]:
    """Wire name -> field of every query parameter the route declares."""
    fields = request.route_handler.parsed_fn_signature.parameters.items()
    return {
        (field.kwarg_definition.name or name): field
        for name, field in fields
        if isinstance(field.kwarg_definition, QueryParameter)
    }


def check_query(request: Request[Any, Any, Any]) -> None:
    declared = _query_fields(request)
    problems = []
    for name, values in request.query_params.dict().items():
        field = declared.get(name)
        if len(values) > 1:
            problems.append({"key": name, "message": "must be given once"})
        elif field is not None and values[0] == "null" and not _takes_text(field):
            problems.append({"key": name, "message": "null is not a value of this parameter; leave it out"})
    if problems:
        raise ValidationException(detail="ambiguous query parameters", extra=problems)
