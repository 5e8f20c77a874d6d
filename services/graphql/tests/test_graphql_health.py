from litestar.testing import AsyncTestClient

from tcm_graphql.app import create_app


async def test_health_answers_without_any_dependency() -> None:
    async with AsyncTestClient(app=create_app()) as client:
        response = await client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
