import argon2

from tcm_common.auth.password_hashing import (
    RECOMMENDED_DUMMY_HASH,
    RECOMMENDED_PARAMETERS,
    Argon2Parameters,
    PasswordHasher,
)
from tcm_common.auth.testing import FAST_PARAMETERS, fast_password_hasher


async def test_the_stated_parameters_are_argon2id_rfc9106_low_memory() -> None:
    hasher = PasswordHasher()
    password_hash = await hasher.hash("a long enough password")
    assert hasher.parameters == RECOMMENDED_PARAMETERS
    assert password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


async def test_a_hash_verifies_its_own_password_only() -> None:
    hasher = fast_password_hasher()
    password_hash = await hasher.hash("the right password")
    assert await hasher.verify(password_hash, "the right password")
    assert not await hasher.verify(password_hash, "the wrong password")


async def test_each_hash_has_its_own_salt() -> None:
    hasher = fast_password_hasher()
    assert await hasher.hash("same password") != await hasher.hash("same password")


async def test_unknown_user_and_garbage_hash_never_verify() -> None:
    hasher = fast_password_hasher()
    assert not await hasher.verify(None, "anything")
    assert not await hasher.verify("not a hash", "anything")


async def test_hashes_made_with_other_parameters_need_a_rehash() -> None:
    old = PasswordHasher(FAST_PARAMETERS)
    stronger = PasswordHasher(Argon2Parameters(time_cost=2, memory_cost_kib=2048, parallelism=1))
    old_hash = await old.hash("a long enough password")
    assert not old.needs_rehash(old_hash)
    assert stronger.needs_rehash(old_hash)
    # Verification still works with the old parameters, which the hash string carries.
    assert await stronger.verify(old_hash, "a long enough password")


def test_the_unknown_user_hash_has_the_stated_parameters() -> None:
    # An unknown user's login costs what a known user's does only while this holds.
    stated = RECOMMENDED_PARAMETERS
    assert argon2.extract_parameters(RECOMMENDED_DUMMY_HASH) == argon2.Parameters(
        type=argon2.Type.ID,
        version=19,
        salt_len=stated.salt_len,
        hash_len=stated.hash_len,
        time_cost=stated.time_cost,
        memory_cost=stated.memory_cost_kib,
        parallelism=stated.parallelism,
    )
    assert not PasswordHasher().needs_rehash(RECOMMENDED_DUMMY_HASH)


async def test_an_unknown_user_is_verified_against_that_hash_with_the_stated_parameters() -> None:
    assert not await PasswordHasher().verify(None, "dummy password for unknown users")
