"""No password, token or cookie value in any span or log line: a session's whole life through GraphQL
(failed and successful login, cookie calls, refresh, an admin setting passwords, an API token created
and used, a refused token, logout), with every span and every log line of the process captured."""

import io
import json
import logging
import secrets
from collections.abc import Iterator

import pytest
from graphql_harness import REFRESH_COOKIE, Browser, browser, error_codes
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tcm_common.auth.testing import TEST_PASSWORD
from tcm_common.domain.user import User
from tcm_common.web.json_logs import JsonFormatter

ME = "{ me { id } }"


@pytest.fixture
def logs() -> Iterator[io.StringIO]:
    """Every log line of the process (the service runs in it, next to this test's HTTP client), formatted
    as the service writes them."""
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    handler.setFormatter(JsonFormatter("graphql", "test"))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)  # the service's level (configure_json_logging)
    yield output
    root.removeHandler(handler)
    root.setLevel(level)


def recorded(span: ReadableSpan) -> str:
    """Everything a span carries that an exporter sends."""
    return json.dumps(
        {
            "name": span.name,
            "attributes": dict(span.attributes or {}),
            "events": [(event.name, dict(event.attributes or {})) for event in span.events],
            "links": [dict(link.attributes or {}) for link in span.links],
            "status": span.status.description,
            "resource": dict(span.resource.attributes),
        },
        default=str,
    )


def cookie_values(client: Browser) -> list[str]:
    return [value for value in client.cookies.values() if value]


async def test_no_credential_reaches_a_span_or_a_log_line(
    service: str, tester: User, admin: User, spans: InMemorySpanExporter, logs: io.StringIO
) -> None:
    spans.clear()
    wrong_password = f"not the password {secrets.token_hex(4)}"
    new_password = f"a brand new password {secrets.token_hex(4)}"
    credentials = [TEST_PASSWORD, wrong_password, new_password]
    async with browser(service) as client:
        assert error_codes(await client.login(tester.username, wrong_password)) == ["UNAUTHENTICATED"]
        await client.login(tester.username)
        credentials += cookie_values(client)
        assert (await client.data(ME))["me"]["id"] == str(tester.id)
        await client.post("mutation { refreshSession { id } }")
        credentials += cookie_values(client)
        created = await client.data('mutation { createApiToken(name: "ci", expiresInDays: 1) { secret } }')
        api_token = created["createApiToken"]["secret"]
        credentials.append(api_token)
        await client.data("mutation { logout }")
    async with browser(service) as tool:
        bearer = await tool.post(ME, authorization=f"Bearer {api_token}")
        assert bearer.json()["data"]["me"]["id"] == str(tester.id)
        refused = await tool.post(ME, authorization="Bearer tcm_made-up-secret-value")
        assert error_codes(refused) == ["UNAUTHENTICATED"]
        credentials.append("tcm_made-up-secret-value")
    async with browser(service) as administrator:
        await administrator.login(admin.username)
        credentials += cookie_values(administrator)
        changed = await administrator.post(
            "mutation($id: ID!, $p: String!) { resetUserPassword(id: $id, newPassword: $p) { id } }",
            {"id": str(tester.id), "p": new_password},
        )
        assert "errors" not in changed.json(), changed.text

    finished = spans.get_finished_spans()
    assert any(span.name == "POST /graphql" for span in finished)
    assert REFRESH_COOKIE not in credentials  # values, not names
    everything = "\n".join(recorded(span) for span in finished) + logs.getvalue()
    assert "tcm.access" in logs.getvalue(), "the access log was captured"
    for credential in credentials:
        assert credential not in everything
