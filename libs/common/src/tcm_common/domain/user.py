"""User as the domain sees it: who recorded or changed something, and with which role.

Credentials, sessions and user management live in tcm_common.auth.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from tcm_common.domain.principal import Role


@dataclass(frozen=True, slots=True)
class User:
    id: UUID
    username: str
    role: Role
    disabled: bool
    created_at: datetime
    last_login_at: datetime | None
    version: int
