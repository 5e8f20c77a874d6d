"""The first Admin of a fresh installation (production has no demo users): an operator command's job.

Refused once an active Admin exists, so it can't be used to take over an installation.
"""

from __future__ import annotations

from tcm_common.auth import user_store
from tcm_common.auth.password_hashing import PasswordHasher
from tcm_common.auth.password_policy import password_problems
from tcm_common.auth.usernames import normalize_username, username_problems
from tcm_common.domain.errors import Conflict, ValidationFailed
from tcm_common.domain.principal import Role
from tcm_common.domain.user import User
from tcm_common.persistence.connection_types import DbConnection

_LOCK = 0x7C3_0A12


async def create_initial_admin(
    db: DbConnection, hasher: PasswordHasher, *, username: str, password: str
) -> User:
    name = normalize_username(username)
    problems = [("username", problem) for problem in username_problems(name)]
    problems += [("password", problem) for problem in password_problems(password, name)]
    if problems:
        raise ValidationFailed(problems)
    password_hash = await hasher.hash(password)
    async with db.transaction():
        # Two operators running the command at once still make one Admin.
        await db.execute("SELECT pg_advisory_xact_lock($1)", _LOCK)
        if await db.fetchval("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'ADMIN' AND NOT disabled)"):
            raise Conflict("an Admin exists already; sign in as that Admin to create users")
        return await user_store.insert_user(db, username=name, role=Role.ADMIN, password_hash=password_hash)
