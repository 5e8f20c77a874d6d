import httpx
import pytest


@pytest.mark.parametrize("path", ["/health", "/api/health"])
async def test_health_answers_on_the_load_balancer_path_and_the_public_one(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize("path", ["/ready", "/api/ready"])
async def test_ready_answers_when_the_database_does(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path)
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}
