"""PATCH /users/{id}: a role change and a disabled flag, each its own use case, under one precondition."""

from __future__ import annotations

from uuid import UUID

import msgspec

from tcm_common.auth.user_management import UserService
from tcm_common.domain.errors import ValidationFailed
from tcm_common.domain.principal import Principal
from tcm_common.domain.user import User
from tcm_rest.users.messages import UserUpdate


async def apply_user_update(
    users: UserService, actor: Principal, user_id: UUID, update: UserUpdate, version: int
) -> User:
    """The role first, then the flag against the version the role change produced."""
    role, disabled = update.role, update.disabled
    if isinstance(role, msgspec.UnsetType):
        if isinstance(disabled, msgspec.UnsetType):
            raise ValidationFailed.single("body", "send role, disabled or both")
        return await users.set_disabled(actor, user_id, disabled, expected_version=version)
    account = await users.change_role(actor, user_id, role, expected_version=version)
    if isinstance(disabled, msgspec.UnsetType):
        return account
    return await users.set_disabled(actor, user_id, disabled, expected_version=account.version)
