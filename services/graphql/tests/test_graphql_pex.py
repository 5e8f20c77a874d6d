import httpx

from tcm_common.testing.service_process import (
    answers_http,
    free_port,
    packaged_pex,
    python311,
    service_process,
)


def test_packaged_pex_serves_health_on_its_configured_port_and_stops_on_sigterm() -> None:
    port = free_port()
    health = f"http://127.0.0.1:{port}/health"
    command = [python311(), packaged_pex("graphql")]
    with service_process(command, {"TCM_PORT": str(port)}, lambda: answers_http(health)):
        response = httpx.get(health)
        assert response.json() == {"status": "ok"}
