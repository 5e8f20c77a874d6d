"""`python -m tcm_rest` as a process: refuses to start without its settings, writes JSON logs with
trace ids, and on SIGTERM finishes the requests in flight before it exits."""

import json
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from rest_actors import BROWSER
from rest_process import module_command, service_environment, source_path

import tcm_rest.__main__  # noqa: F401 - run below as a module; imported so that its dependencies are known
from tcm_common.testing.service_process import answers_http, free_port, service_process


@pytest.mark.parametrize("missing", ["TCM_ENVIRONMENT", "TCM_JWT_PUBLIC_KEYS", "TCM_DATABASE_URL"])
def test_a_missing_setting_stops_the_service_at_start_naming_the_variable(database_url: str, missing: str) -> None:
    environment = {**os.environ, **service_environment(database_url, free_port()), "PYTHONPATH": source_path()}
    del environment[missing]

    finished = subprocess.run(module_command(), env=environment, capture_output=True, text=True, timeout=60)

    assert finished.returncode != 0
    assert missing in finished.stderr


def _slow_body() -> Iterator[bytes]:
    yield b'{"username": "slow_client", '
    time.sleep(1.5)
    yield b'"password": "not it"}'


def test_sigterm_lets_the_request_in_flight_finish_and_the_logs_are_json_with_trace_ids(
    database_url: str, migrated_pool: object
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    environment = {**service_environment(database_url, port), "PYTHONPATH": source_path()}
    answers: list[httpx.Response] = []

    with service_process(module_command(), environment, lambda: answers_http(f"{url}/health")) as process:
        assert httpx.get(f"{url}/ready").status_code == 200
        assert httpx.get(f"{url}/api/v1/test-suites").status_code == 401
        in_flight = threading.Thread(
            target=lambda: answers.append(
                httpx.post(f"{url}/api/v1/auth/login", content=_slow_body(), headers=BROWSER, timeout=30)
            )
        )
        in_flight.start()
        time.sleep(0.5)
        process.send_signal(signal.SIGTERM)
        in_flight.join(timeout=30)
        assert process.wait(timeout=30) == 0
        assert process.stdout is not None
        lines = [json.loads(line) for line in process.stdout.read().decode().splitlines() if line.strip()]

    # Answered in full after SIGTERM (refused, or throttled when this database saw many failures).
    assert [answer.status_code for answer in answers] in ([401], [429])
    [access] = [line for line in lines if line.get("http", {}).get("path") == "/api/v1/test-suites"]
    assert access["http"]["status"] == 401
    assert access["service"] == "rest"
    assert len(access["trace_id"]) == 32
