"""Who is acting: the authenticated user as every use case sees it."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from uuid import UUID


class Role(enum.StrEnum):
    TESTER = "TESTER"
    MANAGER = "MANAGER"
    ADMIN = "ADMIN"


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: UUID
    username: str
    role: Role
