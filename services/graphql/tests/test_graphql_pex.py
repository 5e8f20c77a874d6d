"""The packaged PEX, as ECS runs it: configured from the environment, refusing to start without its
settings, serving HTTP and WebSocket, and stopping cleanly on SIGTERM even with a subscription open."""

import json
import os
import signal
import subprocess
import time

import asyncpg
import httpx
import pytest
from websockets.sync.client import connect
from websockets.typing import Subprotocol

from tcm_common.auth.keys import key_environment
from tcm_common.auth.testing import TEST_ORIGIN, TEST_PASSWORD, create_user, fast_password_hasher
from tcm_common.domain.user import User
from tcm_common.testing.service_process import (
    answers_http,
    free_port,
    packaged_pex,
    python311,
    service_process,
)


def _environment(database_url: str, port: int) -> dict[str, str]:
    return {
        "TCM_ENVIRONMENT": "test",
        "TCM_DATABASE_URL": database_url,
        "TCM_ALLOWED_ORIGINS": TEST_ORIGIN,
        "TCM_PORT": str(port),
        **key_environment("pex-test"),
    }


@pytest.fixture
async def user(migrated_pool: asyncpg.Pool) -> User:
    return await create_user(migrated_pool, fast_password_hasher())


def test_packaged_pex_serves_graphql_and_stops_on_sigterm_with_a_subscription_open(
    user: User, database_url: str
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [python311(), packaged_pex("graphql")]
    with service_process(command, _environment(database_url, port), lambda: answers_http(f"{base}/health")) as process:
        assert httpx.get(f"{base}/ready").json() == {"status": "ready"}
        login = httpx.post(
            f"{base}/graphql",
            json={
                "query": "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }",
                "variables": {"u": user.username, "p": TEST_PASSWORD},
            },
            headers={"origin": TEST_ORIGIN},
        )
        assert login.json() == {"data": {"login": {"id": str(user.id)}}}
        cookies = "; ".join(header.split(";", 1)[0] for header in login.headers.get_list("set-cookie"))
        with connect(
            f"ws://127.0.0.1:{port}/graphql",
            subprotocols=[Subprotocol("graphql-transport-ws")],
            additional_headers={"origin": TEST_ORIGIN, "cookie": cookies},
        ) as socket:
            socket.send(json.dumps({"type": "connection_init"}))
            assert json.loads(socket.recv(timeout=5)) == {"type": "connection_ack"}
            stopping = time.monotonic()
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=25)
        assert time.monotonic() - stopping < 15, "an open subscription must not hold the shutdown"


def test_a_missing_setting_stops_the_service_at_start_naming_the_variable() -> None:
    without_keys = {name: value for name, value in os.environ.items() if not name.startswith("TCM_")}
    without_keys.update(
        {
            "TCM_ENVIRONMENT": "test",
            "TCM_DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none",
            "TCM_PORT": str(free_port()),
        }
    )
    finished = subprocess.run(
        [python311(), packaged_pex("graphql")], env=without_keys, capture_output=True, text=True, timeout=60
    )
    assert finished.returncode != 0
    assert "TCM_JWT_PUBLIC_KEYS is required" in finished.stdout + finished.stderr
