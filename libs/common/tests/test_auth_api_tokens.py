import hashlib
import re
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from tcm_common.application.pagination import PageRequest
from tcm_common.auth.authentication import Authentication, CredentialSource
from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.testing import TEST_PASSWORD, auth_services_for_tests, create_user
from tcm_common.auth.wiring import AuthServices
from tcm_common.domain.errors import NotFound, PermissionDenied, Unauthenticated, ValidationFailed
from tcm_common.domain.principal import Role
from tcm_common.persistence.auth.api_tokens import PostgresApiTokenStore


@pytest.fixture(scope="module")
def auth(migrated_pool: asyncpg.Pool) -> AuthServices:
    return auth_services_for_tests(migrated_pool)


def _in_days(days: int) -> datetime:
    return datetime.now(UTC) + timedelta(days=days)


async def _signed_in(auth: AuthServices, pool: asyncpg.Pool, role: Role = Role.TESTER) -> Authentication:
    user = await create_user(pool, auth.password_hasher, role=role)
    session = await auth.sessions.login(user.username, TEST_PASSWORD, client=ClientInfo())
    return await auth.authenticator.authenticate(access_cookie=session.access_token)


async def _use(auth: AuthServices, secret: str) -> Authentication:
    return await auth.authenticator.authenticate(authorization=f"Bearer {secret}")


async def test_a_token_is_shown_once_stored_as_a_digest_and_authenticates_as_its_owner(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    owner = await _signed_in(auth, migrated_pool, Role.MANAGER)
    created = await auth.api_tokens.create(owner, name=" ci pipeline ", expires_at=_in_days(30))
    assert re.fullmatch(r"tcm_[A-Za-z0-9_-]{43}", created.secret)
    assert created.secret not in repr(created)
    assert (created.info.name, created.info.owner_id, created.info.last_used_at) == (
        "ci pipeline",
        owner.principal.user_id,
        None,
    )
    async with migrated_pool.acquire() as db:
        stored = await db.fetchval("SELECT token_hash FROM api_tokens WHERE id = $1", created.info.id)
    assert stored == hashlib.sha256(created.secret.encode()).digest()
    used = await _use(auth, created.secret)
    assert used.principal == owner.principal
    assert used.source is CredentialSource.API_TOKEN
    assert used.session_id is None
    assert used.expires_at == created.info.expires_at
    [listed] = (await auth.api_tokens.list_tokens(owner.principal, PageRequest.of())).nodes
    assert listed.last_used_at is not None


async def test_the_listed_prefix_is_the_start_of_the_token_and_no_more_of_the_secret_is_stored(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    owner = await _signed_in(auth, migrated_pool)
    created = await auth.api_tokens.create(owner, name="ci", expires_at=_in_days(7))
    start = created.secret[: len("tcm_") + 4]
    [listed] = (await auth.api_tokens.list_tokens(owner.principal, PageRequest.of())).nodes
    assert created.info.prefix == listed.prefix == start
    async with migrated_pool.acquire() as db:
        row = await db.fetchrow("SELECT * FROM api_tokens WHERE id = $1", created.info.id)
        assert row is not None
    assert row["display_prefix"] == start
    # Nothing stored holds more of the secret than those 4 characters: the only bytes are its digest,
    # and no text column contains any 5 characters in a row of the random part.
    assert row["token_hash"] == hashlib.sha256(created.secret.encode()).digest()
    random_part = created.secret.removeprefix("tcm_")
    pieces = {random_part[i : i + 5] for i in range(len(random_part) - 4)}
    texts = {column: value for column, value in row.items() if isinstance(value, str)}
    assert set(texts) == {"name", "display_prefix"}
    assert not [column for column, value in texts.items() if any(piece in value for piece in pieces)]
    async with migrated_pool.acquire() as db:
        # The database refuses a prefix that would give away more of a secret.
        with pytest.raises(asyncpg.CheckViolationError):
            await db.execute(
                "UPDATE api_tokens SET display_prefix = $2 WHERE id = $1", created.info.id, created.secret[:9]
            )


async def test_a_token_acts_with_the_owners_role_at_the_time_of_use(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    owner = await _signed_in(auth, migrated_pool, Role.TESTER)
    admin = (await _signed_in(auth, migrated_pool, Role.ADMIN)).principal
    created = await auth.api_tokens.create(owner, name="ci", expires_at=_in_days(7))
    await auth.users.change_role(admin, owner.principal.user_id, Role.MANAGER)
    assert (await _use(auth, created.secret)).principal.role is Role.MANAGER


async def test_a_disabled_owners_token_is_refused(auth: AuthServices, migrated_pool: asyncpg.Pool) -> None:
    owner = await _signed_in(auth, migrated_pool)
    admin = (await _signed_in(auth, migrated_pool, Role.ADMIN)).principal
    created = await auth.api_tokens.create(owner, name="ci", expires_at=_in_days(7))
    await auth.users.set_disabled(admin, owner.principal.user_id, True)
    with pytest.raises(Unauthenticated):
        await _use(auth, created.secret)


async def test_expired_revoked_and_unknown_tokens_are_refused(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    owner = await _signed_in(auth, migrated_pool)
    expiring = await auth.api_tokens.create(owner, name="short", expires_at=_in_days(1))
    revoked = await auth.api_tokens.create(owner, name="revoked", expires_at=_in_days(1))
    async with migrated_pool.acquire() as db:
        await db.execute(
            "UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", expiring.info.id
        )
    await auth.api_tokens.revoke(owner.principal, revoked.info.id)
    for secret in (expiring.secret, revoked.secret, "tcm_" + "A" * 43):
        with pytest.raises(Unauthenticated):
            await _use(auth, secret)


async def test_owner_and_admin_list_and_revoke_others_get_not_found(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    owner = await _signed_in(auth, migrated_pool)
    stranger = (await _signed_in(auth, migrated_pool, Role.MANAGER)).principal
    admin = (await _signed_in(auth, migrated_pool, Role.ADMIN)).principal
    first = await auth.api_tokens.create(owner, name="first", expires_at=_in_days(7))
    second = await auth.api_tokens.create(owner, name="second", expires_at=_in_days(7))
    assert [token.name for token in (await auth.api_tokens.list_tokens(owner.principal, PageRequest.of())).nodes] == [
        "second",
        "first",
    ]
    of_owner = await auth.api_tokens.list_tokens(admin, PageRequest.of(), owner_id=owner.principal.user_id)
    assert of_owner.total_count == 2
    with pytest.raises(PermissionDenied):
        await auth.api_tokens.list_tokens(stranger, PageRequest.of(), owner_id=owner.principal.user_id)
    with pytest.raises(NotFound):
        await auth.api_tokens.revoke(stranger, first.info.id)
    await auth.api_tokens.revoke(owner.principal, first.info.id)
    await auth.api_tokens.revoke(admin, second.info.id)
    assert (await auth.api_tokens.list_tokens(owner.principal, PageRequest.of())).nodes == []
    with pytest.raises(NotFound):
        await auth.api_tokens.revoke(owner.principal, first.info.id)


async def test_an_api_token_can_not_create_api_tokens(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    owner = await _signed_in(auth, migrated_pool)
    created = await auth.api_tokens.create(owner, name="ci", expires_at=_in_days(7))
    with pytest.raises(PermissionDenied):
        await auth.api_tokens.create(await _use(auth, created.secret), name="copy", expires_at=_in_days(7))


@pytest.mark.parametrize(
    ("name", "expires_at", "field"),
    [
        ("", _in_days(7), "name"),
        ("x" * 101, _in_days(7), "name"),
        ("ci", _in_days(367), "expires_at"),
        ("ci", datetime.now(UTC) - timedelta(days=1), "expires_at"),
        ("ci", datetime.now(UTC) + timedelta(minutes=5), "expires_at"),
        ("ci", (datetime.now(UTC) + timedelta(days=7)).replace(tzinfo=None), "expires_at"),  # naive: no zone
    ],
)
async def test_invalid_names_and_expiries_are_refused(
    auth: AuthServices, migrated_pool: asyncpg.Pool, name: str, expires_at: datetime, field: str
) -> None:
    owner = await _signed_in(auth, migrated_pool)
    with pytest.raises(ValidationFailed) as refused:
        await auth.api_tokens.create(owner, name=name, expires_at=expires_at)
    assert [detail.field for detail in refused.value.details] == [field]


async def test_a_token_used_again_within_a_minute_costs_one_statement_and_no_write(
    auth: AuthServices, migrated_pool: asyncpg.Pool
) -> None:
    owner = await _signed_in(auth, migrated_pool)
    created = await auth.api_tokens.create(owner, name="busy ci", expires_at=_in_days(1))
    token_hash = hashlib.sha256(created.secret.encode()).digest()
    statements: list[str] = []
    async with migrated_pool.acquire() as db:
        db.add_query_logger(lambda record: statements.append(record.query))
        store = PostgresApiTokenStore(db)
        first = await store.use_api_token(token_hash)
        again = await store.use_api_token(token_hash)
        used_at = await db.fetchval("SELECT last_used_at FROM api_tokens WHERE id = $1", created.info.id)
    assert first is not None
    assert again is not None
    assert first.principal == again.principal == owner.principal
    assert used_at is not None
    # The first use: the lookup and its write; the second: the lookup alone; then the test's own read.
    kinds = [statement.split()[0] for statement in statements if "pg_advisory_unlock_all" not in statement]
    assert kinds == ["SELECT", "UPDATE", "SELECT", "SELECT"], statements
