"""OpenAPI links between operations, derived from the routes once rather than declared on each of them.

A resource is what a `GET {collection}/{id}` answers with (a suite, a group, a case, a run, a user).
Every answer that is such a resource, the one just created or one on the resource's own path, links
to every operation on that path and below it: the body's `id` fills the path parameter, and the
answer's ETag fills `If-Match` where the operation needs one (docs/errors.md). So a client, or a
stateful fuzzer, goes from `createTestSuite` to `updateTestSuite`, from there to
`changeTestSuiteStatus` at the new version, or to `createTestGroup` in that suite.

Each link is defined once under `components/links`, named for its target operation; answers refer to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

Document = dict[str, Any]
Operation = dict[str, Any]
Response = dict[str, Any]

METHODS = ("get", "put", "post", "delete", "patch")
IF_MATCH = "If-Match"
_ITEM_PATH = re.compile(r"^.+/\{(?P<parameter>\w+)\}$")
_SUCCESS = re.compile(r"^2\d\d$")
_LINKS = "#/components/links/"


def _body_ref(response: Response) -> str | None:
    ref = response.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
    return ref if isinstance(ref, str) else None


@dataclass(frozen=True)
class Resource:
    schema_ref: str  # "#/components/schemas/TestSuite"
    item_path: str  # "/api/v1/test-suites/{suite_id}"
    parameter: str  # "suite_id"

    def owns(self, path: str) -> bool:
        return path == self.item_path or path.startswith(f"{self.item_path}/")

    def is_answered_by(self, path: str, status: str, response: Response) -> bool:
        created_or_its_own = status == "201" or self.owns(path)
        return bool(_SUCCESS.match(status)) and _body_ref(response) == self.schema_ref and created_or_its_own


def _operations(document: Document) -> Iterator[tuple[str, Operation]]:
    for path, item in document["paths"].items():
        yield from ((path, item[method]) for method in METHODS if method in item)


def _has_id(document: Document, schema_ref: str) -> bool:
    schema = document["components"]["schemas"].get(schema_ref.removeprefix("#/components/schemas/"), {})
    return "id" in schema.get("properties", {})


def _resources(document: Document) -> list[Resource]:
    found = []
    for path, item in document["paths"].items():
        match = _ITEM_PATH.match(path)
        schema_ref = _body_ref(item.get("get", {}).get("responses", {}).get("200", {}))
        if match and schema_ref and _has_id(document, schema_ref):
            found.append(Resource(schema_ref, path, match["parameter"]))
    return found


def _link(resource: Resource, target: Operation) -> dict[str, Any]:
    parameters = {resource.parameter: "$response.body#/id"}
    if any(parameter["in"] == "header" and parameter["name"] == IF_MATCH for parameter in target.get("parameters", [])):
        parameters[f"header.{IF_MATCH}"] = "$response.header.ETag"
    return {"operationId": target["operationId"], "parameters": parameters}


def _with_links(path: str, status: str, response: Response, targets: dict[Resource, list[str]]) -> Response:
    for resource, names in targets.items():
        if resource.is_answered_by(path, status, response):
            return {**response, "links": {name: {"$ref": f"{_LINKS}{name}"} for name in names}}
    return response


def _linked_operation(path: str, operation: Operation, targets: dict[Resource, list[str]]) -> Operation:
    responses = operation["responses"]
    return {
        **operation,
        "responses": {status: _with_links(path, status, responses[status], targets) for status in responses},
    }


def with_operation_links(document: Document) -> Document:
    """A copy of the document whose answers that are resources link to the operations on them."""
    links: dict[str, Any] = {}
    targets: dict[Resource, list[str]] = {}
    for resource in _resources(document):
        on_it = [operation for path, operation in _operations(document) if resource.owns(path)]
        targets[resource] = sorted(operation["operationId"] for operation in on_it)
        links.update({operation["operationId"]: _link(resource, operation) for operation in on_it})
    paths = {
        path: {key: _linked_operation(path, value, targets) if key in METHODS else value for key, value in item.items()}
        for path, item in document["paths"].items()
    }
    return {**document, "paths": paths, "components": {**document["components"], "links": dict(sorted(links.items()))}}
