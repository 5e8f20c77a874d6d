"""The one mapping from errors to gRPC status codes, with rich error details (google.rpc).

`abort_with_status` is the servicer adapter's `on_error` hook; the two interceptors that can fail
before a servicer runs (authentication, the deadline guard) call it too, so every status this
service sends is decided here.

    ValidationFailed      INVALID_ARGUMENT     + BadRequest field violations (proto field names)
    NotFound              NOT_FOUND
    InvalidTransition     FAILED_PRECONDITION
    Conflict              FAILED_PRECONDITION  (a delete without cascade of something with children:
                                                the request is fine, the state is not; ALREADY_EXISTS
                                                would claim an id clash, and ids are the server's)
    VersionConflict       ABORTED
    Unauthenticated       UNAUTHENTICATED
    PermissionDenied      PERMISSION_DENIED
    RateLimited           RESOURCE_EXHAUSTED   + RetryInfo
    DeadlineReached       DEADLINE_EXCEEDED
    ServiceStopping, SubscriptionLost, database unreachable     UNAVAILABLE (retry, or watch again)
    serialization failure or deadlock in PostgreSQL             ABORTED (retry the transaction)
    anything else         INTERNAL, "internal error"; the exception is logged, never sent

Every domain error also carries an ErrorInfo whose reason is the taxonomy's stable code.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Never

import asyncpg
import grpc
from google.protobuf import any_pb2, duration_pb2
from google.protobuf.message import Message as ProtoMessage

# Neither googleapis-common-protos (google.rpc) nor grpcio-status ships type information.
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from tcm_common.application.changes import SubscriptionLost
from tcm_common.domain.errors import (
    Conflict,
    DomainError,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    RateLimited,
    Unauthenticated,
    ValidationFailed,
    VersionConflict,
)
from tcm_contracts.servicers import Context

logger = logging.getLogger(__name__)

ERROR_INFO_DOMAIN = "tcm.testsuite.v1"
INTERNAL_MESSAGE = "internal error"


class DeadlineReached(Exception):  # noqa: N818 - named for what happened, like the domain errors
    """The caller's deadline (less the server's margin) passed before the work finished; it was abandoned."""


class ServiceStopping(Exception):  # noqa: N818
    """The server is shutting down; a long-lived stream ends so that its client reconnects elsewhere."""


@dataclass(frozen=True, slots=True)
class GrpcStatus:
    code: grpc.StatusCode
    message: str
    details: tuple[ProtoMessage, ...] = ()


_DOMAIN_CODES: tuple[tuple[type[DomainError], grpc.StatusCode], ...] = (
    (ValidationFailed, grpc.StatusCode.INVALID_ARGUMENT),
    (NotFound, grpc.StatusCode.NOT_FOUND),
    (InvalidTransition, grpc.StatusCode.FAILED_PRECONDITION),
    (Conflict, grpc.StatusCode.FAILED_PRECONDITION),
    (VersionConflict, grpc.StatusCode.ABORTED),
    (Unauthenticated, grpc.StatusCode.UNAUTHENTICATED),
    (PermissionDenied, grpc.StatusCode.PERMISSION_DENIED),
    (RateLimited, grpc.StatusCode.RESOURCE_EXHAUSTED),
)

# Errors that mean "PostgreSQL could not be reached or refused the connection": worth a retry later.
_DATABASE_UNAVAILABLE = (
    OSError,  # also TimeoutError: connecting or acquiring a connection took too long
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,
    asyncpg.TooManyConnectionsError,
)


def status_of(error: Exception) -> GrpcStatus | None:
    """The status for an error, or None when it is unexpected (a bug: INTERNAL, logged)."""
    if isinstance(error, DomainError):
        return _domain_status(error)
    if isinstance(error, DeadlineReached):
        return GrpcStatus(grpc.StatusCode.DEADLINE_EXCEEDED, "the deadline passed before the work finished")
    if isinstance(error, ServiceStopping):
        return GrpcStatus(grpc.StatusCode.UNAVAILABLE, "the server is shutting down; call again")
    if isinstance(error, SubscriptionLost):
        return GrpcStatus(grpc.StatusCode.UNAVAILABLE, "the change stream was interrupted; watch again")
    if isinstance(error, asyncpg.TransactionRollbackError):
        return GrpcStatus(grpc.StatusCode.ABORTED, "a concurrent change got in the way; try again")
    if isinstance(error, _DATABASE_UNAVAILABLE):
        return GrpcStatus(grpc.StatusCode.UNAVAILABLE, "the database is unavailable; try again later")
    return None


async def abort_with_status(error: Exception, context: Context) -> Never:
    """Ends the call with the status of `error` (the adapter's on_error hook)."""
    status = status_of(error)
    if status is None:
        logger.error("unexpected error while serving a call", exc_info=error)
        status = GrpcStatus(grpc.StatusCode.INTERNAL, INTERNAL_MESSAGE)
    rich = status_pb2.Status(
        code=status.code.value[0], message=status.message, details=[_packed(d) for d in status.details]
    )
    # context.abort, not abort_with_status: tracing's context wrapper records the code only on abort.
    await context.abort(status.code, status.message, rpc_status.to_status(rich).trailing_metadata)


def _domain_status(error: DomainError) -> GrpcStatus | None:
    code = next((code for kind, code in _DOMAIN_CODES if isinstance(error, kind)), None)
    if code is None:
        return None
    details: list[ProtoMessage] = [error_details_pb2.ErrorInfo(reason=error.code, domain=ERROR_INFO_DOMAIN)]
    if isinstance(error, ValidationFailed):
        details.append(
            error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(
                        field=proto_field_name(detail.field), description=detail.message
                    )
                    for detail in error.details
                ]
            )
        )
    if isinstance(error, RateLimited):
        details.append(
            error_details_pb2.RetryInfo(retry_delay=duration_pb2.Duration(seconds=error.retry_after_seconds))
        )
    return GrpcStatus(code, error.message, tuple(details))


def proto_field_name(field: str) -> str:
    """The domain names fields in camel case (`estimatedEndDate`); the contract in snake case."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", field).lower()


def _packed(detail: ProtoMessage) -> any_pb2.Any:
    packed = any_pb2.Any()
    packed.Pack(detail)
    return packed
