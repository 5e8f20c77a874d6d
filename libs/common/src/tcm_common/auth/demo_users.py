"""The demo users (docs/domain.md, "Demo data"), created by the demo-data command with real hashing.

`password` breaks the password policy on purpose (the seed document's sign-in); this is the only path
that stores a password without the policy, and it refuses to run in production.
"""

from __future__ import annotations

from tcm_common.auth.password_hashing import PasswordHasher
from tcm_common.auth.ports import AuthStores
from tcm_common.domain.principal import Role
from tcm_common.settings import Environment

DEMO_PASSWORD = "password"  # noqa: S105 - the documented demo sign-in, never seeded in production
DEMO_USERS = (("demo_user", Role.ADMIN), ("demo_manager", Role.MANAGER), ("demo_tester", Role.TESTER))


class DemoUsersRefusedError(RuntimeError):
    pass


async def seed_demo_users(db: AuthStores, hasher: PasswordHasher, environment: Environment) -> list[str]:
    """Creates the demo users that do not exist yet and returns their names (idempotent)."""
    if environment is Environment.PRODUCTION:
        raise DemoUsersRefusedError("demo users (password 'password') are never created in production")
    created: list[str] = []
    for username, role in DEMO_USERS:
        if await db.users.find_credentials(username) is None:
            password_hash = await hasher.hash(DEMO_PASSWORD)
            await db.users.insert_user(username=username, role=role, password_hash=password_hash)
            created.append(username)
    return created
