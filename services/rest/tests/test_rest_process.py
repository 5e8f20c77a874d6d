"""`python -m tcm_rest` as a process: refuses to start without its settings, writes JSON logs with
trace ids, and on SIGTERM finishes the requests in flight before it exits."""

import json
import os
import signal
import subprocess
import threading
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from rest_actors import BROWSER
from rest_process import module_command, service_environment, source_path

import tcm_rest.__main__  # noqa: F401 - run below as a module; imported so that its dependencies are known
from tcm_common.persistence.migrator import apply_migrations
from tcm_common.testing.postgres_server import admin_url
from tcm_common.testing.service_process import answers_http, free_port, service_process
from tcm_common.testing.throwaway_database import throwaway_database


@pytest.mark.parametrize("missing", ["TCM_ENVIRONMENT", "TCM_JWT_PUBLIC_KEYS", "TCM_DATABASE_URL"])
def test_a_missing_setting_stops_the_service_at_start_naming_the_variable(database_url: str, missing: str) -> None:
    environment = {**os.environ, **service_environment(database_url, free_port()), "PYTHONPATH": source_path()}
    del environment[missing]

    finished = subprocess.run(module_command(), env=environment, capture_output=True, text=True, timeout=60)

    assert finished.returncode != 0
    assert missing in finished.stderr


def _slow_body(first_part_sent: threading.Event, sigterm_sent: threading.Event) -> Iterator[bytes]:
    yield b'{"username": "slow_client", '
    first_part_sent.set()  # httpx asks for the next part only once it has sent this one
    assert sigterm_sent.wait(timeout=30)
    yield b'"password": "not it"}'


@pytest.fixture
async def own_database_url() -> AsyncIterator[str]:
    """A migrated database of this test's own: no other test's failed logins can throttle its login."""
    async with throwaway_database(await admin_url()) as url:
        await apply_migrations(url)
        yield url


def test_sigterm_lets_the_request_in_flight_finish_and_the_logs_are_json_with_trace_ids(
    own_database_url: str,
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    environment = {**service_environment(own_database_url, port), "PYTHONPATH": source_path()}
    first_part_sent, sigterm_sent = threading.Event(), threading.Event()
    answers: list[httpx.Response] = []

    with service_process(module_command(), environment, lambda: answers_http(f"{url}/health")) as process:
        assert httpx.get(f"{url}/ready").status_code == 200
        assert httpx.get(f"{url}/api/v1/test-suites").status_code == 401
        in_flight = threading.Thread(
            target=lambda: answers.append(
                httpx.post(
                    f"{url}/api/v1/auth/login",
                    content=_slow_body(first_part_sent, sigterm_sent),
                    headers=BROWSER,
                    timeout=30,
                )
            )
        )
        in_flight.start()
        assert first_part_sent.wait(timeout=30)
        process.send_signal(signal.SIGTERM)
        sigterm_sent.set()
        in_flight.join(timeout=30)
        assert process.wait(timeout=30) == 0
        assert process.stdout is not None
        lines = [json.loads(line) for line in process.stdout.read().decode().splitlines() if line.strip()]

    # Answered in full after SIGTERM: the wrong password is refused.
    assert [answer.status_code for answer in answers] == [401]
    [access] = [line for line in lines if line.get("http", {}).get("path") == "/api/v1/test-suites"]
    assert access["http"]["status"] == 401
    assert access["service"] == "rest"
    assert len(access["trace_id"]) == 32
