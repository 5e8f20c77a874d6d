"""The OpenAPI 3.1 document is always served; the interactive UI only in development."""

import httpx
from rest_server import serving

from tcm_common.auth.password_hashing import PasswordHasher
from tcm_common.settings import Environment, Settings
from tcm_common.web.runtime import open_runtime
from tcm_rest.app import create_app

DOCUMENT = "/api/v1/schema/openapi.json"


async def test_the_document_is_openapi_3_1_with_an_id_and_problems_for_every_operation(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(DOCUMENT)
    document = response.json()

    assert response.status_code == 200
    assert document["openapi"].startswith("3.1")
    assert set(document["components"]["securitySchemes"]) == {"bearer", "cookie"}
    operations = [
        (path, operation)
        for path, item in document["paths"].items()
        if path.startswith("/api/v1/")
        for operation in item.values()
    ]
    assert len({operation["operationId"] for _, operation in operations}) == len(operations)
    for path, operation in operations:
        errors = [status for status in operation["responses"] if status.startswith("4")]
        assert errors, f"{path} documents no error"
        for status in errors:
            assert "application/problem+json" in operation["responses"][status]["content"]


async def test_only_development_serves_the_interactive_docs(
    client: httpx.AsyncClient, rest_settings: Settings, hasher: PasswordHasher
) -> None:
    production_like = await client.get("/api/v1/schema")
    development_app = create_app(
        Environment.DEVELOPMENT, opener=lambda: open_runtime(rest_settings, password_hasher=hasher)
    )
    with serving(development_app) as url:
        async with httpx.AsyncClient(base_url=url) as development:
            docs = await development.get("/api/v1/schema")
            document = await development.get(DOCUMENT)

    assert "html" not in production_like.headers["content-type"]
    assert docs.status_code == 200
    assert docs.headers["content-type"].startswith("text/html")
    assert "swagger" in docs.text.lower()
    assert document.json()["openapi"].startswith("3.1")
