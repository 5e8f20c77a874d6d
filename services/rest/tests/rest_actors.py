"""Users of each role, signed in over HTTP, and the request headers each kind of client sends."""

from __future__ import annotations

from dataclasses import dataclass
from http.cookies import SimpleCookie

import asyncpg
import httpx

from tcm_common.auth.cookies import ACCESS_COOKIE, REFRESH_COOKIE
from tcm_common.auth.password_hashing import PasswordHasher
from tcm_common.auth.testing import TEST_ORIGIN, TEST_PASSWORD, create_user, unique_username
from tcm_common.domain.principal import Role
from tcm_common.domain.user import User

# What a browser on the web app sends with a write.
BROWSER = {"Origin": TEST_ORIGIN, "Content-Type": "application/json"}
# A fuzzer Admin's password, set through the API (its policy applies).
FUZZER_PASSWORD = "a long and unusual passphrase"


@dataclass(frozen=True)
class Session:
    access_token: str
    refresh_token: str

    @property
    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}

    @property
    def cookies(self) -> dict[str, str]:
        """The browser's Cookie header (httpx keeps no Secure cookies over plain http)."""
        return {"Cookie": f"{ACCESS_COOKIE}={self.access_token}; {REFRESH_COOKIE}={self.refresh_token}"}


def set_cookies(response: httpx.Response) -> dict[str, str]:
    """Name -> value of every Set-Cookie of the response."""
    found: dict[str, str] = {}
    for header in response.headers.get_list("set-cookie"):
        cookie = SimpleCookie()
        cookie.load(header)
        found.update({name: morsel.value for name, morsel in cookie.items()})
    return found


@dataclass(frozen=True)
class Actor(Session):
    user: User


async def login(client: httpx.AsyncClient, username: str, password: str = TEST_PASSWORD) -> Session:
    response = await client.post(
        "/api/v1/auth/login", json={"username": username, "password": password}, headers=BROWSER
    )
    assert response.status_code == 200, response.text
    cookies = set_cookies(response)
    return Session(cookies[ACCESS_COOKIE], cookies[REFRESH_COOKIE])


async def sign_in(client: httpx.AsyncClient, user: User) -> Actor:
    session = await login(client, user.username)
    return Actor(session.access_token, session.refresh_token, user)


async def new_actor(client: httpx.AsyncClient, pool: asyncpg.Pool, hasher: PasswordHasher, role: Role) -> Actor:
    return await sign_in(client, await create_user(pool, hasher, role=role))


def api_token_of_a_new_admin(rest_url: str, admin: Actor) -> str:
    """A fuzzer's own Admin: generated calls may fail password checks and lock a username out."""
    with httpx.Client(base_url=rest_url) as client:
        username = unique_username("fuzzer")
        body = {"username": username, "password": FUZZER_PASSWORD, "role": "ADMIN"}
        assert client.post("/api/v1/users", json=body, headers=admin.bearer).status_code == 201
        login = client.post(
            "/api/v1/auth/login", json={"username": username, "password": FUZZER_PASSWORD}, headers=BROWSER
        )
        access = {"Authorization": f"Bearer {set_cookies(login)[ACCESS_COOKIE]}"}
        created = client.post("/api/v1/api-tokens", json={"name": "schemathesis", "expiresInDays": 1}, headers=access)
        secret: str = created.json()["secret"]
        return secret
