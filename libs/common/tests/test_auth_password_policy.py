import pytest

from tcm_common.auth.password_policy import COMMON_PASSWORDS, password_problems
from tcm_common.auth.usernames import normalize_username, username_problems


@pytest.mark.parametrize("length", [12, 50, 128])
def test_passwords_of_12_to_128_characters_are_accepted(length: int) -> None:
    assert password_problems(("k9#Lm2$pQ" * 15)[:length], "alice") == []


@pytest.mark.parametrize("length", [0, 11, 129])
def test_passwords_outside_12_to_128_characters_are_refused(length: int) -> None:
    assert password_problems(("k9#Lm2$pQ" * 15)[:length], "alice") == ["must be 12 to 128 characters long"]


def test_the_username_is_refused_as_password_whatever_its_case() -> None:
    assert "must not be the username" in password_problems("Alice.Example", "alice.example")


@pytest.mark.parametrize("password", ["password1234", "Qwerty123456", "123456789012"])
def test_common_passwords_are_refused(password: str) -> None:
    assert password_problems(password, "alice") == ["is one of the most common passwords; choose another"]


def test_every_common_password_would_pass_the_length_rule() -> None:
    # Shorter ones are refused by length already; listing them would only hide that.
    assert all(12 <= len(password) <= 128 for password in COMMON_PASSWORDS)


def test_usernames_are_normalized_to_lower_case_without_surrounding_spaces() -> None:
    assert normalize_username("  Demo_User ") == "demo_user"


@pytest.mark.parametrize("username", ["abc", "a.b-c_d9", "x" * 50])
def test_valid_usernames(username: str) -> None:
    assert username_problems(username) == []


@pytest.mark.parametrize(
    ("username", "problem"),
    [
        ("ab", "must be 3 to 50 characters long"),
        ("x" * 51, "must be 3 to 50 characters long"),
        ("bad name", "may contain only letters a-z, digits and the characters _ . -"),
        ("émile", "may contain only letters a-z, digits and the characters _ . -"),
        ("Upper", "may contain only letters a-z, digits and the characters _ . -"),
    ],
)
def test_invalid_usernames(username: str, problem: str) -> None:
    assert problem in username_problems(username)
