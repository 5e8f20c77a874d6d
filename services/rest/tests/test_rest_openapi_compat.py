"""The breaking-change rules the OpenAPI snapshot test enforces."""

import copy
from typing import Any

from rest_openapi_compat import breaking_changes

BASE: dict[str, Any] = {
    "paths": {
        "/things": {
            "get": {
                "responses": {
                    "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}}
                }
            },
            "post": {
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewThing"}}},
                },
                "responses": {
                    "201": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}
                },
            },
        },
        "/things/{id}": {"delete": {"parameters": [{"in": "path", "name": "id", "required": True}], "responses": {}}},
    },
    "components": {
        "schemas": {
            "Page": {
                "type": "object",
                "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}}},
            },
            "Thing": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "owner": {"oneOf": [{"$ref": "#/components/schemas/Owner"}, {"type": "null"}]},
                },
            },
            "Owner": {"type": "object", "properties": {"name": {"type": "string"}}},
            "NewThing": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]},
        }
    },
}


def changed(edit: Any) -> list[str]:
    new = copy.deepcopy(BASE)
    edit(new)
    return breaking_changes(BASE, new)


def test_an_identical_or_extended_document_breaks_nothing() -> None:
    def extend(new: dict[str, Any]) -> None:
        new["paths"]["/others"] = {"get": {"responses": {}}}
        new["components"]["schemas"]["Thing"]["properties"]["color"] = {"type": "string"}
        new["components"]["schemas"]["NewThing"]["properties"]["color"] = {"type": "string"}
        new["paths"]["/things"]["get"]["parameters"] = [{"in": "query", "name": "limit", "required": False}]

    assert breaking_changes(BASE, BASE) == []
    assert changed(extend) == []


def test_removed_paths_and_operations_break() -> None:
    assert changed(lambda new: new["paths"].pop("/things/{id}")) == ["removed path /things/{id}"]
    assert changed(lambda new: new["paths"]["/things"].pop("post")) == ["removed operation POST /things"]


def test_a_removed_response_field_breaks_even_when_nested_behind_references() -> None:
    def drop_owner_name(new: dict[str, Any]) -> None:
        new["components"]["schemas"]["Owner"]["properties"].pop("name")

    assert changed(lambda new: new["components"]["schemas"]["Thing"]["properties"].pop("id")) == [
        "removed response field GET /things 200.items[].id",
        "removed response field POST /things 201.id",
    ]
    assert changed(drop_owner_name) == [
        "removed response field GET /things 200.items[].owner.name",
        "removed response field POST /things 201.owner.name",
    ]


def test_a_list_response_becoming_an_object_breaks() -> None:
    def page_the_list(new: dict[str, Any]) -> None:
        new["components"]["schemas"]["Page"]["properties"]["items"] = {"$ref": "#/components/schemas/Thing"}

    assert changed(page_the_list) == ["response GET /things 200.items is no longer a list"]


def test_new_required_inputs_break() -> None:
    def require_color(new: dict[str, Any]) -> None:
        schema = new["components"]["schemas"]["NewThing"]
        schema["properties"]["color"] = {"type": "string"}
        schema["required"].append("color")

    def require_header(new: dict[str, Any]) -> None:
        new["paths"]["/things"]["get"]["parameters"] = [{"in": "header", "name": "X-Tenant", "required": True}]

    assert changed(require_color) == ["new required request field POST /things.color"]
    assert changed(require_header) == ["new required header parameter X-Tenant of GET /things"]
