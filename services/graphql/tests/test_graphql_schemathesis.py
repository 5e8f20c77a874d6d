"""schemathesis over the GraphQL contract (the SDL in tcm_contracts), against the service as a process:
generated queries and mutations never get a 5xx, and every error carries a code the contract documents
(never INTERNAL). The number of examples bounds the run (TCM_GRAPHQL_SCHEMATHESIS_EXAMPLES), not the clock."""

import contextlib
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.cookies import SimpleCookie
from typing import Any

import asyncpg
import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings

# Run below as a module in its own process; imported so that its dependencies are known.
import tcm_graphql.__main__  # noqa: F401
from tcm_common.auth.keys import key_environment
from tcm_common.auth.testing import TEST_ORIGIN, TEST_PASSWORD, create_user, fast_password_hasher
from tcm_common.domain.principal import Role
from tcm_common.domain.user import User
from tcm_common.testing.service_process import answers_http, free_port, service_process
from tcm_contracts.graphql import read_sdl

# Per operation (34 operations); CI keeps it small, a longer run sets TCM_GRAPHQL_SCHEMATHESIS_EXAMPLES.
MAX_EXAMPLES = int(os.environ.get("TCM_GRAPHQL_SCHEMATHESIS_EXAMPLES", "2"))
# The codes the contract lists (schema.graphql's description), less INTERNAL (a fault of ours) and
# UNAVAILABLE (the database is up throughout).
DOCUMENTED_CODES = {
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "NOT_FOUND",
    "BAD_USER_INPUT",
    "CONFLICT",
    "FAILED_PRECONDITION",
    "RATE_LIMITED",
}

schema = schemathesis.graphql.from_file(read_sdl())


@pytest.fixture(scope="session")
async def fuzzing_admin(migrated_pool: asyncpg.Pool) -> User:
    # Its own Admin: generated calls may change passwords and roles, or lock usernames out.
    return await create_user(migrated_pool, fast_password_hasher(), role=Role.ADMIN)


@pytest.fixture(scope="session")
def graphql_url(database_url: str) -> Iterator[str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    environment = {
        "TCM_ENVIRONMENT": "test",
        "TCM_DATABASE_URL": database_url,
        "TCM_ALLOWED_ORIGINS": TEST_ORIGIN,
        "TCM_PORT": str(port),
        "PYTHONPATH": os.pathsep.join(sys.path),
        **key_environment("fuzzing"),
    }
    command = [sys.executable, "-m", "tcm_graphql"]
    with service_process(command, environment, lambda: answers_http(f"{base}/health")) as process:
        # Nothing asserts on its log, but it must be read: a full pipe (64 KiB) would block the service.
        threading.Thread(target=_drain, args=(process,), daemon=True).start()
        yield f"{base}/graphql"


def _drain(process: subprocess.Popen[bytes]) -> None:
    assert process.stdout is not None
    with contextlib.suppress(ValueError):  # service_process closes the pipe once the process has exited
        for _ in process.stdout:
            pass


@pytest.fixture(scope="session")
def signed_in(graphql_url: str, fuzzing_admin: User) -> dict[str, str]:
    login = "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }"
    response = httpx.post(
        graphql_url,
        json={"query": login, "variables": {"u": fuzzing_admin.username, "p": TEST_PASSWORD}},
        headers={"origin": TEST_ORIGIN},
    )
    assert response.status_code == 200, response.text
    cookies = {}
    for header in response.headers.get_list("set-cookie"):
        jar: SimpleCookie = SimpleCookie()
        jar.load(header)
        cookies.update({name: morsel.value for name, morsel in jar.items()})
    return {"origin": TEST_ORIGIN, "cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_generated_operations_get_no_5xx_and_only_documented_error_codes(
    case: schemathesis.Case[Any], graphql_url: str, signed_in: dict[str, str]
) -> None:
    response = case.call(base_url=graphql_url, headers=signed_in)
    assert response.status_code < 500, response.text
    body = response.json()
    assert set(body) <= {"data", "errors", "extensions"}, body
    codes = {str(error.get("extensions", {}).get("code")) for error in body.get("errors", ())}
    assert codes <= DOCUMENTED_CODES | {"GRAPHQL_VALIDATION_FAILED"}, body
    for error in body.get("errors", ()):
        assert "Traceback" not in error["message"], error
        assert "asyncpg" not in error["message"], error
