"""User: who changed or recorded something comes as the reader may see them (Loaders.users_as_seen): a
reference (id, username) unless the reader is an Admin. A reference has no account details to show."""

from __future__ import annotations

from datetime import datetime

from tcm_common.application.read_models import UserRef
from tcm_common.domain.errors import PermissionDenied
from tcm_common.domain.principal import Role
from tcm_common.domain.user import User
from tcm_graphql.execution.context import Info
from tcm_graphql.schema.binding import Resolver


def _account(user: User | UserRef, info: Info) -> User:
    if isinstance(user, UserRef):
        raise PermissionDenied(f"only an Admin sees {info.field_name} of another user")
    return user


def role(user: User | UserRef, info: Info) -> Role:
    return _account(user, info).role


def disabled(user: User | UserRef, info: Info) -> bool:
    return _account(user, info).disabled


def created_at(user: User | UserRef, info: Info) -> datetime:
    return _account(user, info).created_at


def last_login_at(user: User | UserRef, info: Info) -> datetime | None:
    return _account(user, info).last_login_at


def version(user: User | UserRef, info: Info) -> int:
    return _account(user, info).version


USER: dict[str, Resolver] = {
    "role": role,
    "disabled": disabled,
    "createdAt": created_at,
    "lastLoginAt": last_login_at,
    "version": version,
}
