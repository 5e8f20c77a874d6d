"""The error mapping itself, for the errors a test cannot provoke through a healthy server: a bug
(INTERNAL without internals), an unreachable database, a serialization failure, throttling. (The
database's own failures reach the service already translated: tcm_common.persistence.database_errors.)"""

import logging
from typing import Any, cast

import grpc
import pytest
from google.rpc import error_details_pb2, status_pb2

from tcm_common.domain.errors import ConcurrentChange, RateLimited, ServiceUnavailable
from tcm_contracts.servicers import Context
from tcm_grpc.errors import DeadlineReached, ServiceStopping, abort_with_status, proto_field_name, status_of


class Aborted(Exception):  # noqa: N818 - what grpc.aio's abort does: the call ends
    pass


class RecordingContext:
    """Stands in for grpc.aio's ServicerContext, whose abort ends the call by raising."""

    def __init__(self) -> None:
        self.code: grpc.StatusCode | None = None
        self.details = ""
        self.trailing_metadata: tuple[tuple[str, Any], ...] = ()

    async def abort(self, code: grpc.StatusCode, details: str, trailing_metadata: tuple[tuple[str, Any], ...]) -> None:
        self.code, self.details, self.trailing_metadata = code, details, trailing_metadata
        raise Aborted

    def rich_status(self) -> status_pb2.Status:
        [(key, value)] = self.trailing_metadata
        assert key == "grpc-status-details-bin"
        return status_pb2.Status.FromString(value)


async def aborted_with(error: Exception) -> RecordingContext:
    context = RecordingContext()
    with pytest.raises(Aborted):
        await abort_with_status(error, cast(Context, context))
    return context


async def test_an_unexpected_error_is_internal_and_shows_nothing_of_itself(
    caplog: pytest.LogCaptureFixture,
) -> None:
    secret = 'relation "users" violates constraint users_password_hash_key at /srv/app.py:42'

    with caplog.at_level(logging.ERROR, logger="tcm_grpc.errors"):
        context = await aborted_with(RuntimeError(secret))

    assert context.code == grpc.StatusCode.INTERNAL
    assert context.details == "internal error"
    assert context.rich_status().code == grpc.StatusCode.INTERNAL.value[0]
    assert list(context.rich_status().details) == []
    assert secret not in repr(context.trailing_metadata)
    assert caplog.records[0].exc_info is not None  # the operator sees it, in the log


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (DeadlineReached(), grpc.StatusCode.DEADLINE_EXCEEDED),
        (ServiceStopping(), grpc.StatusCode.UNAVAILABLE),
        (ServiceUnavailable("the database is unavailable; try again shortly"), grpc.StatusCode.UNAVAILABLE),
        (ConcurrentChange(), grpc.StatusCode.ABORTED),
    ],
)
async def test_infrastructure_errors_get_a_retryable_code(error: Exception, code: grpc.StatusCode) -> None:
    context = await aborted_with(error)

    assert context.code == code
    assert context.rich_status().code == code.value[0]


async def test_an_unavailable_database_comes_with_the_retry_delay() -> None:
    context = await aborted_with(ServiceUnavailable(retry_after_seconds=2))

    retry_info = error_details_pb2.RetryInfo()
    assert any(detail.Unpack(retry_info) for detail in context.rich_status().details)
    assert retry_info.retry_delay.seconds == 2


async def test_throttling_is_resource_exhausted_with_the_retry_delay() -> None:
    context = await aborted_with(RateLimited(retry_after_seconds=30))

    retry_info = error_details_pb2.RetryInfo()
    assert any(detail.Unpack(retry_info) for detail in context.rich_status().details)
    assert context.code == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert retry_info.retry_delay.seconds == 30


def test_every_unknown_error_is_left_to_the_internal_fallback() -> None:
    assert status_of(ValueError("boom")) is None
    assert status_of(KeyError("k")) is None


@pytest.mark.parametrize(
    ("domain", "contract"),
    [
        ("name", "name"),
        ("estimatedEndDate", "estimated_end_date"),
        ("groupIds", "group_ids"),
        ("page_token", "page_token"),
    ],
)
def test_field_names_follow_the_contract(domain: str, contract: str) -> None:
    assert proto_field_name(domain) == contract
