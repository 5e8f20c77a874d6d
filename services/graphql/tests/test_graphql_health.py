import httpx


async def test_health_needs_nothing_and_ready_checks_the_database(service: str) -> None:
    async with httpx.AsyncClient(base_url=service) as client:
        health = await client.get("/health")
        ready = await client.get("/ready")
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    assert (ready.status_code, ready.json()) == (200, {"status": "ready"})


async def test_probes_answer_on_the_public_path_the_alb_routes_to_graphql(service: str) -> None:
    async with httpx.AsyncClient(base_url=service) as client:
        health = await client.get("/graphql/health")
        ready = await client.get("/graphql/ready")
    assert (health.status_code, health.json()) == (200, {"status": "ok"})
    assert (ready.status_code, ready.json()) == (200, {"status": "ready"})
