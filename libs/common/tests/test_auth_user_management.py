import asyncio
from collections.abc import AsyncIterator

import asyncpg
import pytest

from tcm_common.application.pagination import PageRequest
from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.login_throttle import ThrottlePolicy
from tcm_common.auth.sessions import IssuedSession
from tcm_common.auth.testing import (
    TEST_PASSWORD,
    auth_services_for_tests,
    create_user,
    isolated_pool,
    unique_username,
)
from tcm_common.auth.wiring import AuthServices
from tcm_common.domain.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    RateLimited,
    Unauthenticated,
    ValidationFailed,
    VersionConflict,
)
from tcm_common.domain.principal import Principal, Role
from tcm_common.domain.user import User

NEW_PASSWORD = "a different long passphrase"
CLIENT = ClientInfo(address="192.0.2.10")


@pytest.fixture(scope="module")
def auth(migrated_pool: asyncpg.Pool) -> AuthServices:
    return auth_services_for_tests(migrated_pool)


def _principal(user: User) -> Principal:
    return Principal(user_id=user.id, username=user.username, role=user.role)


async def _admin(auth: AuthServices, pool: asyncpg.Pool) -> Principal:
    return _principal(await create_user(pool, auth.password_hasher, role=Role.ADMIN))


async def _signed_in(auth: AuthServices, pool: asyncpg.Pool, role: Role = Role.TESTER) -> IssuedSession:
    user = await create_user(pool, auth.password_hasher, role=role)
    return await auth.sessions.login(user.username, TEST_PASSWORD, client=CLIENT)


async def _session_ended(auth: AuthServices, session: IssuedSession) -> None:
    with pytest.raises(Unauthenticated):
        await auth.authenticator.authenticate(access_cookie=session.access_token)
    with pytest.raises(Unauthenticated):
        await auth.sessions.refresh(session.refresh_token, client=CLIENT)


async def test_an_admin_creates_a_user_who_can_then_sign_in(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    admin = await _admin(auth, migrated_pool)
    name = unique_username("new")
    created = await auth.users.create_user(
        admin, username=f" {name.upper()} ", password=NEW_PASSWORD, role=Role.MANAGER
    )
    assert (created.username, created.role, created.disabled, created.version) == (
        name,
        Role.MANAGER,
        False,
        1,
    )
    session = await auth.sessions.login(name, NEW_PASSWORD, client=CLIENT)
    assert session.principal.role is Role.MANAGER
    assert await auth.users.get_user(admin, created.id) == await auth.users.get_user(
        session.principal, created.id
    )


async def test_creating_users_reports_every_rule_broken(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    admin = await _admin(auth, migrated_pool)
    with pytest.raises(ValidationFailed) as refused:
        await auth.users.create_user(admin, username="x!", password="short", role=Role.TESTER)
    assert {detail.field for detail in refused.value.details} == {"username", "password"}
    for password in ("password", "password1234", "same_as_username"):
        with pytest.raises(ValidationFailed):
            await auth.users.create_user(
                admin, username="same_as_username", password=password, role=Role.TESTER
            )


async def test_usernames_are_unique_regardless_of_case(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    admin = await _admin(auth, migrated_pool)
    name = unique_username("twin")
    await auth.users.create_user(admin, username=name, password=NEW_PASSWORD, role=Role.TESTER)
    with pytest.raises(Conflict, match="is taken"):
        await auth.users.create_user(admin, username=name.upper(), password=NEW_PASSWORD, role=Role.TESTER)


@pytest.mark.parametrize("role", [Role.TESTER, Role.MANAGER])
async def test_only_admins_manage_users(auth: AuthServices, migrated_pool: asyncpg.Pool, role: Role) -> None:
    actor = _principal(await create_user(migrated_pool, auth.password_hasher, role=role))
    other = await create_user(migrated_pool, auth.password_hasher)
    attempts = [
        auth.users.list_users(actor, PageRequest.of()),
        auth.users.get_user(actor, other.id),
        auth.users.create_user(actor, username=unique_username(), password=NEW_PASSWORD, role=Role.TESTER),
        auth.users.change_role(actor, other.id, Role.ADMIN),
        auth.users.set_disabled(actor, other.id, True),
        auth.users.reset_password(actor, other.id, NEW_PASSWORD),
        auth.users.delete_user(actor, other.id),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            await attempt
    assert (await auth.users.get_user(actor, actor.user_id)).id == actor.user_id


async def test_a_role_change_takes_effect_and_ends_the_users_sessions(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    admin = await _admin(auth, migrated_pool)
    session = await _signed_in(auth, migrated_pool)
    changed = await auth.users.change_role(admin, session.principal.user_id, Role.MANAGER, expected_version=1)
    assert (changed.role, changed.version) == (Role.MANAGER, 2)
    await _session_ended(auth, session)
    fresh = await auth.sessions.login(session.principal.username, TEST_PASSWORD, client=CLIENT)
    assert fresh.principal.role is Role.MANAGER


async def test_nobody_changes_their_own_role(auth: AuthServices, migrated_pool: asyncpg.Pool) -> None:
    admin = await _admin(auth, migrated_pool)
    with pytest.raises(PermissionDenied, match="own role"):
        await auth.users.change_role(admin, admin.user_id, Role.TESTER)


async def test_disabling_ends_sessions_and_refuses_sign_in_until_enabled(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    admin = await _admin(auth, migrated_pool)
    session = await _signed_in(auth, migrated_pool)
    disabled = await auth.users.set_disabled(admin, session.principal.user_id, True)
    assert disabled.disabled
    await _session_ended(auth, session)
    with pytest.raises(Unauthenticated):
        await auth.sessions.login(session.principal.username, TEST_PASSWORD, client=CLIENT)
    await auth.users.set_disabled(admin, session.principal.user_id, False)
    await auth.sessions.login(session.principal.username, TEST_PASSWORD, client=CLIENT)


async def test_a_password_reset_by_an_admin_ends_sessions_and_replaces_the_password(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    admin = await _admin(auth, migrated_pool)
    session = await _signed_in(auth, migrated_pool)
    with pytest.raises(ValidationFailed):
        await auth.users.reset_password(admin, session.principal.user_id, "too short")
    await auth.users.reset_password(admin, session.principal.user_id, NEW_PASSWORD)
    await _session_ended(auth, session)
    with pytest.raises(Unauthenticated):
        await auth.sessions.login(session.principal.username, TEST_PASSWORD, client=CLIENT)
    await auth.sessions.login(session.principal.username, NEW_PASSWORD, client=CLIENT)


async def test_an_admin_can_not_reset_their_own_password_without_the_current_one(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    admin = await _admin(auth, migrated_pool)
    with pytest.raises(PermissionDenied, match="change_own_password"):
        await auth.users.reset_password(admin, admin.user_id, NEW_PASSWORD)


async def test_changing_the_own_password_needs_the_current_one_and_ends_every_session(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    session = await _signed_in(auth, migrated_pool)
    other_device = await auth.sessions.login(session.principal.username, TEST_PASSWORD, client=CLIENT)
    change = auth.users.change_own_password
    with pytest.raises(ValidationFailed) as wrong:
        await change(session.principal, current_password="not it", new_password=NEW_PASSWORD, client=CLIENT)
    assert wrong.value.details == [("current_password", "is not the current password")]
    # The input is wrong, not the caller's credentials: the session goes on (no sign-out in the SPA).
    authenticated = await auth.authenticator.authenticate(access_cookie=session.access_token)
    assert authenticated.principal == session.principal
    with pytest.raises(ValidationFailed) as weak:
        await change(
            session.principal, current_password=TEST_PASSWORD, new_password="password1234", client=CLIENT
        )
    assert weak.value.details[0].field == "new_password"
    with pytest.raises(ValidationFailed, match="must differ"):
        await change(
            session.principal, current_password=TEST_PASSWORD, new_password=TEST_PASSWORD, client=CLIENT
        )
    await change(session.principal, current_password=TEST_PASSWORD, new_password=NEW_PASSWORD, client=CLIENT)
    await _session_ended(auth, session)
    await _session_ended(auth, other_device)
    await auth.sessions.login(session.principal.username, NEW_PASSWORD, client=CLIENT)


async def test_wrong_current_passwords_count_towards_the_login_throttle(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    session = await _signed_in(auth, migrated_pool)
    free = ThrottlePolicy().per_pair.free_failures
    for _ in range(free + 1):
        with pytest.raises(ValidationFailed):
            await auth.users.change_own_password(
                session.principal, current_password="guess", new_password=NEW_PASSWORD, client=CLIENT
            )
    # The username-and-address pair now backs off, as it would for sign-in attempts.
    with pytest.raises(RateLimited):
        await auth.users.change_own_password(
            session.principal, current_password=TEST_PASSWORD, new_password=NEW_PASSWORD, client=CLIENT
        )
    with pytest.raises(RateLimited):
        await auth.sessions.login(session.principal.username, TEST_PASSWORD, client=CLIENT)


async def test_a_stale_version_is_refused_and_nothing_changes(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    admin = await _admin(auth, migrated_pool)
    user = await create_user(migrated_pool, auth.password_hasher)
    await auth.users.change_role(admin, user.id, Role.MANAGER, expected_version=1)
    with pytest.raises(VersionConflict):
        await auth.users.set_disabled(admin, user.id, True, expected_version=1)
    assert not (await auth.users.get_user(admin, user.id)).disabled


async def test_unknown_users_are_not_found(auth: AuthServices, migrated_pool: asyncpg.Pool) -> None:
    admin = await _admin(auth, migrated_pool)
    missing = (await create_user(migrated_pool, auth.password_hasher)).id
    await auth.users.delete_user(admin, missing)
    for attempt in (
        auth.users.get_user(admin, missing),
        auth.users.change_role(admin, missing, Role.MANAGER),
        auth.users.set_disabled(admin, missing, True),
        auth.users.reset_password(admin, missing, NEW_PASSWORD),
        auth.users.delete_user(admin, missing),
    ):
        with pytest.raises(NotFound):
            await attempt


async def test_deleting_a_user_removes_their_sessions_and_tokens(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    admin = await _admin(auth, migrated_pool)
    session = await _signed_in(auth, migrated_pool)
    await auth.users.delete_user(admin, session.principal.user_id)
    await _session_ended(auth, session)
    async with migrated_pool.acquire() as db:
        assert await db.fetchval("SELECT count(*) FROM auth_sessions WHERE id = $1", session.session_id) == 0


async def test_a_user_with_recorded_history_can_not_be_deleted(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    admin = await _admin(auth, migrated_pool)
    tester = await create_user(migrated_pool, auth.password_hasher)
    async with migrated_pool.acquire() as db:
        suite = await db.fetchval(
            "INSERT INTO test_suites (name, estimated_start_date, estimated_end_date) "
            "VALUES ('s', current_date, current_date) RETURNING id"
        )
        group = await db.fetchval(
            "INSERT INTO test_groups (suite_id, name, display_order) VALUES ($1, 'g', 0) RETURNING id", suite
        )
        case = await db.fetchval(
            "INSERT INTO test_cases (group_id, title) VALUES ($1, 'c') RETURNING id", group
        )
        await db.execute(
            "INSERT INTO status_changes (case_id, from_status, to_status, changed_by) "
            "VALUES ($1, 'CREATED', 'TESTING', $2)",
            case,
            tester.id,
        )
    with pytest.raises(Conflict, match="disable the user instead"):
        await auth.users.delete_user(admin, tester.id)
    assert (await auth.users.get_user(admin, tester.id)).id == tester.id


@pytest.fixture
async def lone_pool() -> AsyncIterator[asyncpg.Pool]:
    async with isolated_pool() as pool:
        yield pool


async def test_the_last_admin_can_not_be_demoted_disabled_or_deleted(lone_pool: asyncpg.Pool) -> None:
    auth = auth_services_for_tests(lone_pool)
    only = await _admin(auth, lone_pool)
    other_admin = await _admin(auth, lone_pool)
    await auth.users.set_disabled(only, other_admin.user_id, True)
    with pytest.raises(PermissionDenied):
        await auth.users.change_role(only, only.user_id, Role.TESTER)
    for attempt in (
        auth.users.set_disabled(only, only.user_id, True),
        auth.users.delete_user(only, only.user_id),
    ):
        with pytest.raises(Conflict, match="last Admin"):
            await attempt
    # The disabled Admin is no Admin in this sense; demoting them is fine.
    await auth.users.change_role(only, other_admin.user_id, Role.TESTER)


async def test_two_admins_demoting_each_other_at_once_leave_one_admin(lone_pool: asyncpg.Pool) -> None:
    auth = auth_services_for_tests(lone_pool)
    first, second = await _admin(auth, lone_pool), await _admin(auth, lone_pool)
    results = await asyncio.gather(
        auth.users.change_role(first, second.user_id, Role.MANAGER),
        auth.users.change_role(second, first.user_id, Role.MANAGER),
        return_exceptions=True,
    )
    assert sorted(type(result).__name__ for result in results) == ["Conflict", "User"]
    async with lone_pool.acquire() as db:
        assert await db.fetchval("SELECT count(*) FROM users WHERE role = 'ADMIN'") == 1
