"""No password, token or cookie value in any span or log line: a session's whole life through REST (failed
and successful login, cookie calls, refresh, an API token created and used, a refused token, a password
change, logout), against the REST process with everything it exports and logs captured: every span and
metric the stand-in OTLP collector received, and every line the process wrote."""

import json
import secrets
import signal
import subprocess
from typing import Any

import asyncpg
import httpx
import pytest
from rest_actors import BROWSER, set_cookies
from rest_process import exporting_rest_process

import tcm_rest.__main__  # noqa: F401 - run below as a module; imported so that its dependencies are known
from tcm_common.auth.cookies import ACCESS_COOKIE, REFRESH_COOKIE
from tcm_common.auth.testing import TEST_PASSWORD, create_user, fast_password_hasher
from tcm_common.domain.user import User
from tcm_common.testing.otlp_collector import otlp_collector

MADE_UP_TOKEN = "tcm_made-up-secret-value"


@pytest.fixture
async def user(migrated_pool: asyncpg.Pool) -> User:
    return await create_user(migrated_pool, fast_password_hasher())




def stop(process: subprocess.Popen[bytes]) -> str:
    """SIGTERM (telemetry is flushed on the way out); everything the process wrote."""
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    assert process.stdout is not None
    return process.stdout.read().decode()


def cookie_header(response: httpx.Response) -> tuple[dict[str, str], list[str]]:
    """The Cookie header a browser sends after `response` (httpx keeps no Secure cookies over plain http),
    and the values it carries."""
    cookies = set_cookies(response)
    values = [cookies[ACCESS_COOKIE], cookies[REFRESH_COOKIE]]
    return {"cookie": f"{ACCESS_COOKIE}={values[0]}; {REFRESH_COOKIE}={values[1]}"}, values


def login(http: httpx.Client, user: User, password: str, headers: dict[str, str] | None = None) -> httpx.Response:
    return http.post(
        "/api/v1/auth/login",
        json={"username": user.username, "password": password},
        headers={**BROWSER, **(headers or {})},
    )


def test_no_credential_reaches_a_span_or_a_log_line(database_url: str, user: User) -> None:
    wrong_password = f"not the password {secrets.token_hex(4)}"
    new_password = f"a brand new password {secrets.token_hex(4)}"
    credentials = [TEST_PASSWORD, wrong_password, new_password, MADE_UP_TOKEN]
    # A fresh address for the failure, so that it counts against no other test's logins.
    failing_client = {"x-forwarded-for": f"2001:db8::{secrets.token_hex(2)}:{secrets.token_hex(2)}"}

    with otlp_collector() as collector:
        service = exporting_rest_process(database_url, collector.endpoint)
        with service as (process, base), httpx.Client(base_url=base) as http:
            assert login(http, user, wrong_password, failing_client).status_code == 401
            signed_in = login(http, user, TEST_PASSWORD)
            assert signed_in.status_code == 200, signed_in.text
            session, values = cookie_header(signed_in)
            credentials += values
            assert http.get("/api/v1/me", headers=session).json()["id"] == str(user.id)

            refreshed = http.post("/api/v1/auth/refresh", headers={**BROWSER, **session})
            assert refreshed.status_code == 200, refreshed.text
            session, values = cookie_header(refreshed)
            credentials += values
            access_token = values[0]

            created = http.post(
                "/api/v1/api-tokens", json={"name": "ci", "expiresInDays": 1}, headers={**BROWSER, **session}
            )
            assert created.status_code == 201, created.text
            api_token = created.json()["secret"]
            credentials.append(api_token)
            for bearer in (api_token, access_token):
                me = http.get("/api/v1/me", headers={"authorization": f"Bearer {bearer}"})
                assert me.json()["id"] == str(user.id), me.text
            assert http.get("/api/v1/me", headers={"authorization": f"Bearer {MADE_UP_TOKEN}"}).status_code == 401

            changed = http.post(
                "/api/v1/me/password",
                json={"currentPassword": TEST_PASSWORD, "newPassword": new_password},
                headers={**BROWSER, **session},
            )
            assert changed.status_code == 204, changed.text
            signed_in = login(http, user, new_password)
            assert signed_in.status_code == 200, signed_in.text
            session, values = cookie_header(signed_in)
            credentials += values
            assert http.post("/api/v1/auth/logout", headers={**BROWSER, **session}).status_code == 204
            output = stop(process)
        received = collector.received()
        spans = collector.spans()

    logs: list[dict[str, Any]] = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    assert any(line["logger"] == "tcm.access" for line in logs), "the access log was captured"
    assert {"POST /api/v1/auth/login", "POST /api/v1/api-tokens", "POST /api/v1/auth/logout"} <= {
        span.name for span in spans
    }
    assert any("db.statement" in span.attributes for span in spans), "SQL spans were exported"
    assert ACCESS_COOKIE not in credentials  # values, not names
    everything = received + output
    for credential in credentials:
        assert credential not in everything
    # Not even the secret part of the API token, in case something logged it after its prefix.
    assert api_token.removeprefix("tcm_") not in everything
