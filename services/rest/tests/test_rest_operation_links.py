"""The served document links each resource's answers to the operations on that resource."""

from typing import Any

import httpx
import pytest

DOCUMENT = "/api/v1/schema/openapi.json"
Document = dict[str, Any]


@pytest.fixture
async def document(client: httpx.AsyncClient) -> Document:
    response = await client.get(DOCUMENT)
    assert response.status_code == 200
    served: Document = response.json()
    return served


def _operations(document: Document) -> dict[str, tuple[str, dict[str, Any]]]:
    return {
        operation["operationId"]: (path, operation)
        for path, item in document["paths"].items()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }


def _links(document: Document, operation_id: str, status: str) -> dict[str, Any]:
    _, operation = _operations(document)[operation_id]
    refs = operation["responses"][status].get("links", {})
    return {name: document["components"]["links"][ref["$ref"].rsplit("/", 1)[-1]] for name, ref in refs.items()}


async def test_a_created_suite_leads_to_its_reads_and_to_its_writes_at_its_version(document: Document) -> None:
    links = _links(document, "createTestSuite", "201")

    assert links["getTestSuite"]["parameters"] == {"suite_id": "$response.body#/id"}
    assert links["updateTestSuite"]["parameters"] == {
        "suite_id": "$response.body#/id",
        "header.If-Match": "$response.header.ETag",
    }
    assert {"createTestGroup", "createTestRun", "deleteTestSuite", "changeTestSuiteStatus"} <= set(links)


async def test_an_updated_resource_leads_on_with_its_new_version(document: Document) -> None:
    links = _links(document, "changeTestCaseStatus", "200")

    assert links["updateTestCase"]["parameters"]["header.If-Match"] == "$response.header.ETag"
    assert {"getTestCaseHistory", "recordEffort", "deleteTestCase"} <= set(links)


async def test_every_link_fills_parameters_its_target_declares(document: Document) -> None:
    operations = _operations(document)
    for name, link in document["components"]["links"].items():
        path, target = operations[link["operationId"]]
        declared = {f"{parameter['in']}.{parameter['name']}" for parameter in target["parameters"]}
        for parameter in link["parameters"]:
            qualified = parameter if "." in parameter else f"path.{parameter}"
            assert qualified in declared, f"{name}: {path} has no {qualified}"


async def test_only_the_resource_itself_links_to_it(document: Document) -> None:
    # The signed-in user's own answer is a User too, but not one reached through /users/{id}.
    assert _links(document, "getMe", "200") == {}
    assert _links(document, "listTestSuites", "200") == {}
    assert _links(document, "importJUnitAsTestRun", "201") == {}
