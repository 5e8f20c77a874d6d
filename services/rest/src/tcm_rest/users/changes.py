"""PATCH /users/{id}: a role change, a disabled flag or both, as one use case (one transaction)."""

from __future__ import annotations

from uuid import UUID

import msgspec

from tcm_common.auth.user_management import UserService
from tcm_common.domain.principal import Principal
from tcm_common.domain.user import User
from tcm_rest.users.messages import UserUpdate


async def apply_user_update(
    users: UserService, actor: Principal, user_id: UUID, update: UserUpdate, version: int
) -> User:
    return await users.update_user(
        actor,
        user_id,
        role=None if isinstance(update.role, msgspec.UnsetType) else update.role,
        disabled=None if isinstance(update.disabled, msgspec.UnsetType) else update.disabled,
        expected_version=version,
    )
