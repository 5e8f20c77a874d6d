"""The packaged PEX, as the image runs it: configured from the environment only."""

import os
import subprocess

import httpx
import pytest
from rest_process import service_environment

from tcm_common.testing.service_process import (
    answers_http,
    free_port,
    packaged_pex,
    python311,
    service_process,
)


@pytest.mark.usefixtures("migrated_pool")
def test_packaged_pex_serves_on_its_configured_port_and_stops_on_sigterm(
    database_url: str
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [python311(), packaged_pex("rest")]
    with service_process(command, service_environment(database_url, port), lambda: answers_http(f"{url}/health")):
        assert httpx.get(f"{url}/health").json() == {"status": "ok"}
        assert httpx.get(f"{url}/ready").json() == {"status": "ready"}
        assert httpx.get(f"{url}/api/v1/me").status_code == 401
        document = httpx.get(f"{url}/api/v1/schema/openapi.json").json()
        assert document["openapi"].startswith("3.1")


def test_packaged_pex_refuses_to_start_without_its_signing_key(database_url: str) -> None:
    environment = {**os.environ, **service_environment(database_url, free_port())}
    del environment["TCM_JWT_PRIVATE_KEY"]
    finished = subprocess.run(
        [python311(), packaged_pex("rest")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode != 0
    assert "TCM_JWT_PRIVATE_KEY" in finished.stderr
