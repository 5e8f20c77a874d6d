"""What the user routes accept and answer."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from tcm_common.application.read_models import UserRef
from tcm_common.auth.password_policy import MAX_LENGTH as MAX_PASSWORD_LENGTH
from tcm_common.domain.principal import Role
from tcm_common.domain.user import User as Account
from tcm_rest.wire import NextCursor, Representation, RequestBody, text

Password = Annotated[str, text(min_length=1, max_length=MAX_PASSWORD_LENGTH)]


class UserCreate(RequestBody):
    username: Annotated[str, text(min_length=1, max_length=100)]
    password: Password
    role: Role


class UserUpdate(RequestBody):
    """Role, disabled flag or both, not neither; nobody changes their own role, and the last Admin stays an Admin."""

    role: Role | msgspec.UnsetType = msgspec.UNSET
    disabled: bool | msgspec.UnsetType = msgspec.UNSET


class PasswordReset(RequestBody):
    password: Password


class User(Representation):
    id: UUID
    username: str
    role: Role
    disabled: bool
    created_at: datetime
    last_login_at: datetime | None
    version: int

    @classmethod
    def of(cls, account: Account) -> User:
        return cls(
            id=account.id,
            username=account.username,
            role=account.role,
            disabled=account.disabled,
            created_at=account.created_at,
            last_login_at=account.last_login_at,
            version=account.version,
        )


class UserSummary(Representation):
    """Who recorded or changed something."""

    id: UUID
    username: str

    @classmethod
    def of(cls, user: UserRef | None) -> UserSummary | None:
        return None if user is None else cls(id=user.id, username=user.username)


class UserPage(Representation):
    items: list[User]
    next_cursor: NextCursor
    total_count: int
