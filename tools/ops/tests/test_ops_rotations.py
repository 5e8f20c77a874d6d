"""`rotate-signing-key` and `rotate-db-password` against moto: what is written where, and in which order
relative to the service rolls. The clock is a FakeClock: the overlap wait advances it, nothing sleeps."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import boto3
import pytest
from cryptography.hazmat.primitives import serialization
from ops_harness import (
    ENV,
    SERVICES,
    START,
    CallRecorder,
    CliRun,
    FakeClock,
    FakeContainer,
    client,
    parameter,
)

JWT = f"/tcm/{ENV}/jwt"
DATABASE = f"/tcm/{ENV}/database"
FIRST_KID = f"tcm-{ENV}-1"


def timeline(recorder: CallRecorder) -> list[tuple[str, ...]]:
    """The writes and rolls, in order: ("put", name, value), ("delete", name), ("roll", svc), ("run", family)."""
    events: list[tuple[str, ...]] = []
    for _, op, params in recorder.calls:
        if op == "PutParameter":
            events.append(("put", params["Name"], params["Value"]))
        elif op == "DeleteParameter":
            events.append(("delete", params["Name"]))
        elif op == "UpdateService":
            events.append(("roll", params["service"].rsplit("-", 1)[-1]))
        elif op == "RunTask":
            events.append(("run", params["taskDefinition"].rsplit("/", 1)[-1].split(":")[0]))
    return events


def session_with(
    recorder: CallRecorder, base: Callable[[], boto3.Session] = boto3.Session
) -> Callable[[], boto3.Session]:
    def factory() -> boto3.Session:
        session = base()
        session.events.register("before-parameter-build", recorder)
        return session

    return factory


def public_pem(private_pem: str) -> str:
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


@pytest.mark.usefixtures("environment")
def test_rotate_signing_key_publishes_then_switches_then_retires(
    run_cli: Callable[..., CliRun]
) -> None:
    recorder, clock = CallRecorder(), FakeClock()

    result = run_cli("rotate-signing-key", session_factory=session_with(recorder), clock=clock)

    assert result.code == 0, result.output
    events = timeline(recorder)
    puts = [e for e in events if e[0] == "put"]
    staged = json.loads(puts[0][2])
    new_kid = staged["kid"]
    assert puts[0][1] == f"{JWT}/next-private-key"
    assert new_kid.startswith(f"tcm-{ENV}-20261201T09")
    rolls = [e[1] for e in events if e[0] == "roll"]

    # 1. publish: both keys, no retirement, before any service is rolled.
    published = json.loads(puts[1][2])
    assert puts[1][1] == f"{JWT}/public-keys"
    assert set(published) == {FIRST_KID, new_kid}
    assert all(isinstance(pem, str) for pem in published.values())
    first_roll = events.index(("roll", "rest"))
    assert events.index(puts[1]) < first_roll
    assert rolls[:3] == list(SERVICES)

    # 2. switch: only after every service verifies the new key; issuers rolled first.
    switch = events.index(("put", f"{JWT}/private-key", staged["pem"]))
    assert events.index(("roll", "grpc")) < switch
    assert events[switch + 1] == ("put", f"{JWT}/private-key-id", new_kid)
    retiring = json.loads(events[switch + 2][2])
    assert retiring[new_kid] == published[new_kid]
    retire_at = datetime.fromisoformat(retiring[FIRST_KID]["retire_at"])
    assert retiring[FIRST_KID]["pem"] == published[FIRST_KID]
    assert retire_at >= START + timedelta(minutes=20)  # one 15-minute token lifetime + the 5-minute margin
    assert events[switch + 3] == ("delete", f"{JWT}/next-private-key")
    assert rolls[3:6] == ["rest", "graphql", "grpc"]

    # 3. retire: after the overlap (waited on the fake clock), then every service rolled once more.
    retired = json.loads(puts[-1][2])
    assert puts[-1][1] == f"{JWT}/public-keys"
    assert retired == {new_kid: published[new_kid]}
    assert clock.utcnow() >= retire_at
    assert sum(clock.sleeps) >= 20 * 60 - 60
    assert rolls[6:] == list(SERVICES)
    assert events.index(puts[-1]) < len(events) - 3

    # The final state: the new pair signs, and its public key is the only published one.
    assert parameter(f"{JWT}/private-key-id") == new_kid
    assert json.loads(parameter(f"{JWT}/public-keys")) == {new_kid: public_pem(parameter(f"{JWT}/private-key"))}
    assert client("ssm").describe_parameters(
        ParameterFilters=[{"Key": "Name", "Values": [f"{JWT}/next-private-key"]}]
    )["Parameters"] == []
    assert "3/3 retire: waiting until" in result.output
    assert "... overlap of the previous key:" in result.output


@pytest.mark.usefixtures("environment")
def test_rotate_signing_key_continues_after_a_failed_roll(
    run_cli: Callable[..., CliRun]
) -> None:
    def failing_grpc_deployment(parsed: dict[str, Any], **_: Any) -> None:
        # The first run's grpc deployment fails (circuit breaker, nothing to roll back to).
        for service in parsed.get("services", []):
            if service["serviceName"].endswith("-grpc"):
                for deployment in service["deployments"]:
                    deployment.update(rolloutState="FAILED", rolloutStateReason="tasks failed to start")

    def failing_session() -> boto3.Session:
        session = boto3.Session()
        session.events.register("after-call.ecs.DescribeServices", failing_grpc_deployment)
        return session

    first = run_cli("rotate-signing-key", session_factory=failing_session, clock=FakeClock())

    assert first.code == 1
    assert "deployment of grpc failed" in first.output
    staged = json.loads(parameter(f"{JWT}/next-private-key"))
    assert parameter(f"{JWT}/private-key-id") == FIRST_KID  # nothing signs with the new key yet

    second = run_cli("rotate-signing-key", clock=FakeClock())

    assert second.code == 0, second.output
    assert f"continuing with the staged key {staged['kid']}" in second.output
    assert parameter(f"{JWT}/private-key-id") == staged["kid"]
    assert json.loads(parameter(f"{JWT}/public-keys")) == {staged["kid"]: public_pem(staged["pem"])}


@pytest.mark.usefixtures("environment")
def test_rotate_db_password_gives_the_idle_login_a_new_password_then_rolls(
    run_cli: Callable[..., CliRun]
) -> None:
    recorder = CallRecorder()
    container = FakeContainer(lines=["role tcm_app_green (in tcm_app) may read and write rows only"])

    result = run_cli("rotate-db-password", session_factory=session_with(recorder, container.session))

    assert result.code == 0, result.output
    events = timeline(recorder)
    password = parameter(f"{DATABASE}/app-password")
    assert parameter(f"{DATABASE}/app-user") == "tcm_app_green"
    assert password != "first-app-password"
    assert len(password) >= 40
    assert parameter(f"{DATABASE}/password") == "owner-password"  # the owner's is Terraform's business
    put_password = events.index(("put", f"{DATABASE}/app-password", password))
    put_user = events.index(("put", f"{DATABASE}/app-user", "tcm_app_green"))
    migrate = events.index(("run", f"tcm-{ENV}-migrate"))
    assert put_password < put_user < migrate
    assert [e[1] for e in events[migrate:] if e[0] == "roll"] == list(SERVICES)
    assert events[-1] == ("delete", f"{DATABASE}/app-rotation")
    assert "| role tcm_app_green (in tcm_app) may read and write rows only" in result.output
    assert "the services connect as tcm_app_green; tcm_app_blue is idle" in result.output

    # The next rotation goes back to blue with yet another password.
    again = run_cli("rotate-db-password", session_factory=FakeContainer(lines=[]).session)
    assert again.code == 0, again.output
    assert parameter(f"{DATABASE}/app-user") == "tcm_app_blue"
    assert parameter(f"{DATABASE}/app-password") not in (password, "first-app-password")


@pytest.mark.usefixtures("environment")
def test_rotate_db_password_continues_after_a_failed_migration(
    run_cli: Callable[..., CliRun]
) -> None:
    failing = FakeContainer(lines=["FATAL: could not connect"], exit_code=1)

    first = run_cli("rotate-db-password", session_factory=failing.session)

    assert first.code == 1
    assert "migrate FAILED" in first.output
    password = parameter(f"{DATABASE}/app-password")
    assert parameter(f"{DATABASE}/app-user") == "tcm_app_green"

    recorder = CallRecorder()
    second = run_cli("rotate-db-password", session_factory=session_with(recorder, FakeContainer(lines=[]).session))

    assert second.code == 0, second.output
    assert "continuing the rotation tcm_app_blue -> tcm_app_green" in second.output
    # Not flipped back, and the password the first run wrote is the one migrate grants now.
    assert parameter(f"{DATABASE}/app-user") == "tcm_app_green"
    assert parameter(f"{DATABASE}/app-password") == password
    assert [e for e in timeline(recorder) if e[0] == "put"] == []
