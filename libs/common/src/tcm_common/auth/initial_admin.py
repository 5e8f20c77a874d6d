"""The first Admin of a fresh installation (production has no demo users): an operator command's job.

Refused once an active Admin exists, so it can't be used to take over an installation.
"""

from __future__ import annotations

from tcm_common.auth.password_hashing import PasswordHasher
from tcm_common.auth.password_policy import password_problems
from tcm_common.auth.ports import AuthStorage
from tcm_common.auth.usernames import normalize_username, username_problems
from tcm_common.domain.errors import Conflict, ValidationFailed
from tcm_common.domain.principal import Role
from tcm_common.domain.user import User


async def create_initial_admin(
    storage: AuthStorage, hasher: PasswordHasher, *, username: str, password: str
) -> User:
    name = normalize_username(username)
    problems = [("username", problem) for problem in username_problems(name)]
    problems += [("password", problem) for problem in password_problems(password, name)]
    if problems:
        raise ValidationFailed(problems)
    password_hash = await hasher.hash(password)
    async with storage.transaction() as db:
        # Two operators running the command at once still make one Admin.
        await db.users.serialize_admin_changes()
        if await db.users.active_admin_exists():
            raise Conflict("an Admin exists already; sign in as that Admin to create users")
        return await db.users.insert_user(username=name, role=Role.ADMIN, password_hash=password_hash)
