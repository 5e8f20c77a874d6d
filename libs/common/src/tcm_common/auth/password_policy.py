"""Rules for a new password: 12-128 characters, not the username, not one of the most common ones.

The demo seeding is the one path that stores a password outside these rules (see demo_users.py).
"""

from __future__ import annotations

MIN_LENGTH = 12
MAX_LENGTH = 128

# Entries of public breach top lists that are long enough to pass the length rule; shorter ones
# (123456, password, ...) are already refused by it.
COMMON_PASSWORDS = frozenset(
    {
        "000000000000",
        "111111111111",
        "121212121212",
        "123123123123",
        "123456789012",
        "123456789123",
        "1234567890123",
        "12345678901234",
        "987654321098",
        "1q2w3e4r5t6y",
        "1qaz2wsx3edc",
        "aaaaaaaaaaaa",
        "abc123456789",
        "abcabcabcabc",
        "abcd12345678",
        "abcdefghijkl",
        "admin1234567",
        "adminadmin123",
        "administrator",
        "baseball1234",
        "changeme1234",
        "football1234",
        "iloveyou1234",
        "letmein12345",
        "monkey123456",
        "p@ssw0rd1234",
        "p@ssword1234",
        "passw0rd1234",
        "password1234",
        "password12345",
        "password123!",
        "passwordpassword",
        "princess1234",
        "q1w2e3r4t5y6",
        "qwerty123456",
        "qwertyqwerty",
        "qwertyuiop123",
        "qwertyuiopas",
        "sunshine1234",
        "superman1234",
        "trustno1trustno1",
        "welcome12345",
        "zaq12wsxcde3",
    }
)


def password_problems(password: str, username: str) -> list[str]:
    """What is wrong with a new password for `username` (empty when it is acceptable)."""
    problems: list[str] = []
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        problems.append(f"must be {MIN_LENGTH} to {MAX_LENGTH} characters long")
    if password.strip().lower() == username.strip().lower():
        problems.append("must not be the username")
    if password.lower() in COMMON_PASSWORDS:
        problems.append("is one of the most common passwords; choose another")
    return problems
