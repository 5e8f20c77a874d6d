"""The one mapping from errors to gRPC status codes, with rich error details (google.rpc).

`abort_with_status` is the servicer adapter's `on_error` hook; the two interceptors that can fail
before a servicer runs (authentication, the deadline guard) call it too, so every status this
service sends is decided here.

Domain errors answer the status of their category (docs/errors.md has the table of every protocol):

    invalid input       INVALID_ARGUMENT     + BadRequest field violations (proto field names)
    not found           NOT_FOUND
    conflict            ABORTED              (a stale version: reload and try again)
    illegal state       FAILED_PRECONDITION  (the state must change first; retrying as is won't help)
    forbidden           PERMISSION_DENIED
    unauthenticated     UNAUTHENTICATED
    unavailable         UNAVAILABLE          + RetryInfo (the database is down, or a stream broke)
    rate limited        RESOURCE_EXHAUSTED   + RetryInfo
    DeadlineReached     DEADLINE_EXCEEDED
    ServiceStopping     UNAVAILABLE (call again, reaching another instance)
    anything else       INTERNAL, "internal error"; the exception is logged, never sent

Every domain error also carries an ErrorInfo whose reason is the taxonomy's stable code.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Never

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.protobuf.message import Message as ProtoMessage

# Neither googleapis-common-protos (google.rpc) nor grpcio-status ships type information.
from google.rpc import error_details_pb2, status_pb2
from grpc_status import rpc_status

from tcm_common.domain.error_categories import ErrorCategory, category_of
from tcm_common.domain.errors import DomainError, ValidationFailed
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


CATEGORY_CODES: dict[ErrorCategory, grpc.StatusCode] = {
    ErrorCategory.INVALID_INPUT: grpc.StatusCode.INVALID_ARGUMENT,
    ErrorCategory.NOT_FOUND: grpc.StatusCode.NOT_FOUND,
    ErrorCategory.CONFLICT: grpc.StatusCode.ABORTED,
    ErrorCategory.ILLEGAL_STATE: grpc.StatusCode.FAILED_PRECONDITION,
    ErrorCategory.FORBIDDEN: grpc.StatusCode.PERMISSION_DENIED,
    ErrorCategory.UNAUTHENTICATED: grpc.StatusCode.UNAUTHENTICATED,
    ErrorCategory.UNAVAILABLE: grpc.StatusCode.UNAVAILABLE,
    ErrorCategory.RATE_LIMITED: grpc.StatusCode.RESOURCE_EXHAUSTED,
}


def status_of(error: Exception) -> GrpcStatus | None:
    """The status for an error, or None when it is unexpected (a bug: INTERNAL, logged)."""
    if isinstance(error, DomainError):
        return _domain_status(error)
    if isinstance(error, DeadlineReached):
        return GrpcStatus(grpc.StatusCode.DEADLINE_EXCEEDED, "the deadline passed before the work finished")
    if isinstance(error, ServiceStopping):
        return GrpcStatus(grpc.StatusCode.UNAVAILABLE, "the server is shutting down; call again")
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
    category = category_of(error)
    if category is None:
        return None
    code = CATEGORY_CODES[category]
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
    if error.retry_after_seconds is not None:
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
