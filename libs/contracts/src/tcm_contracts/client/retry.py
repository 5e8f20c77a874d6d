"""When the client retries a call: idempotent reads only, on UNAVAILABLE, bounded, with backoff."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import grpc

_random = random.SystemRandom()


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Retries of idempotent RPCs (those the .proto marks NO_SIDE_EFFECTS or IDEMPOTENT).

    A call is tried at most `max_attempts` times in all, and never past its deadline: the deadline
    covers every attempt and the waits between them. Before retry n (1, 2, ...) the client waits a
    random time up to min(max_backoff, initial_backoff * multiplier ** (n - 1)) seconds ("full jitter",
    as gRPC's own retry design does). Writes are never retried, whatever the policy.
    """

    max_attempts: int = 3
    initial_backoff: float = 0.1
    max_backoff: float = 2.0
    multiplier: float = 2.0
    retryable_codes: frozenset[grpc.StatusCode] = field(
        default_factory=lambda: frozenset({grpc.StatusCode.UNAVAILABLE})
    )

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.initial_backoff <= 0 or self.max_backoff < self.initial_backoff or self.multiplier < 1:
            raise ValueError("backoff must be positive, max_backoff >= initial_backoff and multiplier >= 1")

    def should_retry(self, code: grpc.StatusCode, attempts_made: int) -> bool:
        return attempts_made < self.max_attempts and code in self.retryable_codes

    def backoff(self, retry_number: int) -> float:
        """Seconds to wait before retry `retry_number` (1 for the first retry)."""
        ceiling = min(self.max_backoff, self.initial_backoff * self.multiplier ** (retry_number - 1))
        return _random.uniform(0, ceiling)


DEFAULT_RETRY_POLICY = RetryPolicy()
NO_RETRIES = RetryPolicy(max_attempts=1)
