"""Request bodies in the OpenAPI document exactly as they are decoded: msgspec's own JSON Schema.

Litestar moves the constraints of an optional field (a nullable description's maxLength, a planned
effort's minimum 0) out of the branch they belong to, and drops a bound of 0 altogether; msgspec
states them where they apply and closes each body (additionalProperties: false), which is what the
strict decoding enforces. Every other part of the document stays Litestar's (see document.py).
"""

from __future__ import annotations

from typing import Any

import msgspec

from tcm_rest.wire import RequestBody

Document = dict[str, Any]


def _request_bodies(kind: type[RequestBody] = RequestBody) -> list[type[RequestBody]]:
    found: list[type[RequestBody]] = []
    for subclass in kind.__subclasses__():
        found += [subclass, *_request_bodies(subclass)]
    return found


def with_exact_request_bodies(document: Document) -> Document:
    bodies = _request_bodies()
    _, generated = msgspec.json.schema_components(bodies, ref_template="#/components/schemas/{name}")
    schemas = dict(document["components"]["schemas"])
    names = {body.__name__ for body in bodies}
    for name, schema in generated.items():
        # Enums the bodies refer to are Litestar's components already, under the same names.
        if name in names or name not in schemas:
            schemas[name] = schema
    return {**document, "components": {**document["components"], "schemas": schemas}}

