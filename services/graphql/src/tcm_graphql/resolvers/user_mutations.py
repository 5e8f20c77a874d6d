"""User management (Admin; the rules live in tcm_common.auth.user_management)."""

from __future__ import annotations

from tcm_common.domain.principal import Role
from tcm_common.domain.user import User
from tcm_graphql.execution.context import Info
from tcm_graphql.inputs.fields import Input
from tcm_graphql.inputs.ids import parse_id
from tcm_graphql.schema.binding import Resolver


async def create_user(_root: object, info: Info, input: Input) -> User:
    context = info.context
    return await context.runtime.auth.users.create_user(
        context.signed_in().principal,
        username=input["username"],
        password=input["password"],
        role=Role(input["role"]),
    )


async def change_user_role(_root: object, info: Info, id: str, version: int, role: str) -> User:
    context = info.context
    return await context.runtime.auth.users.change_role(
        context.signed_in().principal, parse_id(id), Role(role), expected_version=version
    )


async def reset_user_password(
    _root: object,
    info: Info,
    id: str,
    new_password: str,
) -> User:
    context = info.context
    return await context.runtime.auth.users.reset_password(context.signed_in().principal, parse_id(id), new_password)


async def set_user_disabled(_root: object, info: Info, id: str, version: int, disabled: bool) -> User:
    context = info.context
    return await context.runtime.auth.users.set_disabled(
        context.signed_in().principal, parse_id(id), disabled, expected_version=version
    )


async def delete_user(_root: object, info: Info, id: str) -> str:
    context = info.context
    await context.runtime.auth.users.delete_user(context.signed_in().principal, parse_id(id))
    return id


MUTATION: dict[str, Resolver] = {
    "createUser": create_user,
    "changeUserRole": change_user_role,
    "resetUserPassword": reset_user_password,
    "setUserDisabled": set_user_disabled,
    "deleteUser": delete_user,
}
