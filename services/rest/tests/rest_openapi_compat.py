"""Which differences between two OpenAPI documents break existing clients.

Breaking: a removed path or operation, a removed field of a response body, a response body that stops
being a list (e.g. a bare array becoming a page object), a new required request field (body property or
parameter). Additions and removals of optional inputs are not breaking.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

Document = dict[str, Any]
Schema = dict[str, Any]
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def _resolve(document: Document, schema: Schema) -> Schema:
    seen: set[str] = set()
    while "$ref" in schema and schema["$ref"] not in seen:
        seen.add(schema["$ref"])
        node: Any = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def _variants(document: Document, schema: Schema) -> Iterator[Schema]:
    """The schema itself and every alternative of its oneOf/anyOf/allOf, resolved."""
    schema = _resolve(document, schema)
    yield schema
    for key in ("oneOf", "anyOf", "allOf"):
        for option in schema.get(key, []):
            yield from _variants(document, option)


def _properties(document: Document, schema: Schema) -> dict[str, Schema]:
    found: dict[str, Schema] = {}
    for variant in _variants(document, schema):
        found.update(variant.get("properties", {}))
    return found


def _required(document: Document, schema: Schema) -> set[str]:
    return {name for variant in _variants(document, schema) for name in variant.get("required", [])}


def _items(document: Document, schema: Schema) -> Schema | None:
    return next((variant["items"] for variant in _variants(document, schema) if "items" in variant), None)


class _Comparison:
    def __init__(self, old: Document, new: Document) -> None:
        self.old, self.new = old, new
        self.problems: list[str] = []
        # The schemas being compared up the current path: recursive schemas end there.
        self._open: set[tuple[int, int]] = set()

    def response(self, old: Schema, new: Schema, where: str) -> None:
        """Every field a client could read before must still be there."""
        self._nested(self._response, old, new, where)

    def request(self, old: Schema, new: Schema, where: str) -> None:
        """Nothing a client did not send before may become required."""
        self._nested(self._request, old, new, where)

    def _nested(self, compare: Callable[[Schema, Schema, str], None], old: Schema, new: Schema, where: str) -> None:
        key = (id(_resolve(self.old, old)), id(_resolve(self.new, new)))
        if key in self._open:
            return
        self._open.add(key)
        try:
            compare(old, new, where)
        finally:
            self._open.discard(key)

    def _response(self, old: Schema, new: Schema, where: str) -> None:
        new_properties = _properties(self.new, new)
        for name, old_property in _properties(self.old, old).items():
            if name not in new_properties:
                self.problems.append(f"removed response field {where}.{name}")
            else:
                self.response(old_property, new_properties[name], f"{where}.{name}")
        old_items, new_items = _items(self.old, old), _items(self.new, new)
        if old_items is not None and new_items is None:
            self.problems.append(f"response {where} is no longer a list")
        if old_items is not None and new_items is not None:
            self.response(old_items, new_items, f"{where}[]")

    def _request(self, old: Schema, new: Schema, where: str) -> None:
        old_properties = _properties(self.old, old)
        for name in sorted(_required(self.new, new) - _required(self.old, old)):
            self.problems.append(f"new required request field {where}.{name}")
        for name, new_property in _properties(self.new, new).items():
            if name in old_properties:
                self.request(old_properties[name], new_property, f"{where}.{name}")
        old_items, new_items = _items(self.old, old), _items(self.new, new)
        if old_items is not None and new_items is not None:
            self.request(old_items, new_items, f"{where}[]")


def _json_schema(container: Document) -> Schema | None:
    for media_type, content in container.get("content", {}).items():
        if "json" in media_type and "schema" in content:
            schema: Schema = content["schema"]
            return schema
    return None


def _required_parameters(operation: Document) -> set[tuple[str, str]]:
    return {
        (parameter["in"], parameter["name"])
        for parameter in operation.get("parameters", [])
        if parameter.get("required")
    }


def _operation(comparison: _Comparison, old: Document, new: Document, name: str) -> None:
    for place, parameter in sorted(_required_parameters(new) - _required_parameters(old)):
        comparison.problems.append(f"new required {place} parameter {parameter} of {name}")
    old_body, new_body = old.get("requestBody", {}), new.get("requestBody", {})
    if new_body.get("required") and not old_body.get("required"):
        comparison.problems.append(f"new required request body of {name}")
    old_request, new_request = _json_schema(old_body), _json_schema(new_body)
    if old_request is not None and new_request is not None:
        comparison.request(old_request, new_request, name)
    for status, old_response in old.get("responses", {}).items():
        new_response = new.get("responses", {}).get(status)
        old_schema = _json_schema(old_response)
        new_schema = _json_schema(new_response) if new_response is not None else None
        if old_schema is not None and new_schema is not None:
            comparison.response(old_schema, new_schema, f"{name} {status}")


def breaking_changes(old: Document, new: Document) -> list[str]:
    comparison = _Comparison(old, new)
    for path, old_item in old.get("paths", {}).items():
        new_item = new.get("paths", {}).get(path)
        if new_item is None:
            comparison.problems.append(f"removed path {path}")
            continue
        for method in METHODS:
            if method not in old_item:
                continue
            name = f"{method.upper()} {path}"
            if method not in new_item:
                comparison.problems.append(f"removed operation {name}")
            else:
                _operation(comparison, old_item[method], new_item[method], name)
    return comparison.problems
