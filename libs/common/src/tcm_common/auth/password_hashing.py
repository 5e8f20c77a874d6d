"""Password hashing with argon2id: parameters stated here, verification off the event loop.

Parameters are the RFC 9106 "low memory" recommendation (argon2id, t=3, m=64 MiB, p=4; about 150 ms
on one core of the build machines). They live in each hash string, so raising them later only makes
`needs_rehash` true and the next successful login stores a stronger hash.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import argon2
from argon2.exceptions import InvalidHashError, VerificationError

# Concurrent hashes are bounded because each one holds `memory_cost` KiB of RAM.
_DEFAULT_CONCURRENCY = 2


@dataclass(frozen=True, slots=True)
class Argon2Parameters:
    time_cost: int
    memory_cost_kib: int
    parallelism: int
    hash_len: int = 32
    salt_len: int = 16


RECOMMENDED_PARAMETERS = Argon2Parameters(time_cost=3, memory_cost_kib=64 * 1024, parallelism=4)

# What an unknown user's login is verified against, so that it costs one verification like a known
# user's. A verification's cost follows the parameters written in the hash, not the password, so one hash
# made with RECOMMENDED_PARAMETERS serves every process (an unknown user never verifies, whatever the
# password); hashing one at each start cost ~0.2 s of CPU and 64 MiB (docs/decisions/0016). A hasher with
# other parameters (tests) hashes its own.
RECOMMENDED_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$GTuY8VfXbgkT4NTuJe5HGQ$Os7fxzOKffZ/xn8q3W/OzRorNZw/BgzTuBIBCGPeaLU"
)


class PasswordHasher:
    """Hashes and verifies passwords; one instance per process is enough (it is safe to share)."""

    def __init__(
        self,
        parameters: Argon2Parameters = RECOMMENDED_PARAMETERS,
        max_concurrency: int = _DEFAULT_CONCURRENCY,
    ) -> None:
        self.parameters = parameters
        self._argon2 = argon2.PasswordHasher(
            time_cost=parameters.time_cost,
            memory_cost=parameters.memory_cost_kib,
            parallelism=parameters.parallelism,
            hash_len=parameters.hash_len,
            salt_len=parameters.salt_len,
            type=argon2.Type.ID,
        )
        self._slots = asyncio.Semaphore(max_concurrency)
        # With this hasher's own parameters, so an unknown user costs exactly one verification.
        self._dummy_hash = (
            RECOMMENDED_DUMMY_HASH
            if parameters == RECOMMENDED_PARAMETERS
            else self._argon2.hash("dummy password for unknown users")
        )

    async def hash(self, password: str) -> str:
        async with self._slots:
            return await asyncio.to_thread(self._argon2.hash, password)

    async def verify(self, password_hash: str | None, password: str) -> bool:
        """True when `password` matches; with no hash (unknown user) it costs the same and is False."""
        if password_hash is None:
            await self._verify(self._dummy_hash, password)
            return False
        return await self._verify(password_hash, password)

    def needs_rehash(self, password_hash: str) -> bool:
        return self._argon2.check_needs_rehash(password_hash)

    async def _verify(self, password_hash: str, password: str) -> bool:
        async with self._slots:
            return await asyncio.to_thread(self._verify_blocking, password_hash, password)

    def _verify_blocking(self, password_hash: str, password: str) -> bool:
        try:
            return self._argon2.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
