"""Personal API tokens for machines (CI, other services): created by a user, shown once, listed and
revoked by their owner or an Admin. A token acts with its owner's role at the time of each use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from uuid import UUID

from tcm_common.application.clock import SYSTEM_CLOCK, Clock
from tcm_common.application.pagination import Page, PageRequest
from tcm_common.application.policy import Action, is_allowed
from tcm_common.auth.authentication import Authentication, CredentialSource
from tcm_common.auth.opaque_tokens import digest, display_prefix, new_api_token
from tcm_common.auth.ports import ApiTokenInfo, AuthStorage
from tcm_common.domain.errors import NotFound, PermissionDenied, ValidationFailed
from tcm_common.domain.principal import Principal

MAX_NAME_LENGTH = 100
MAX_LIFETIME = timedelta(days=366)
MIN_LIFETIME = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class CreatedApiToken:
    info: ApiTokenInfo
    # The only time the secret exists outside its owner's hands: the response shows it once.
    secret: str = field(repr=False)


def _may_manage(actor: Principal, owner_id: UUID) -> bool:
    return actor.user_id == owner_id or is_allowed(actor.role, Action.MANAGE_USERS)


class ApiTokenService:
    def __init__(self, storage: AuthStorage, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self._storage = storage
        self._clock = clock

    async def create(
        self, authentication: Authentication, *, name: str, expires_at: datetime
    ) -> CreatedApiToken:
        """A token for the caller. Not from an API token: a leaked token must not be able to renew itself."""
        if authentication.source is CredentialSource.API_TOKEN:
            raise PermissionDenied("API tokens can't create API tokens; sign in to create one")
        clean_name = name.strip()
        problems: list[tuple[str, str]] = []
        if not 1 <= len(clean_name) <= MAX_NAME_LENGTH:
            problems.append(("name", f"must be 1 to {MAX_NAME_LENGTH} characters long"))
        if expires_at.tzinfo is None:
            problems.append(("expires_at", "must include a time zone"))
        elif not MIN_LIFETIME <= expires_at - self._clock.now() <= MAX_LIFETIME:
            problems.append(("expires_at", "must lie between one hour and 366 days from now"))
        if problems:
            raise ValidationFailed(problems)
        secret = new_api_token()
        async with self._storage.connection() as db:
            info = await db.api_tokens.insert_api_token(
                owner_id=authentication.principal.user_id,
                name=clean_name,
                display_prefix=display_prefix(secret),
                token_hash=digest(secret),
                expires_at=expires_at,
            )
        return CreatedApiToken(info=info, secret=secret)

    async def list_tokens(
        self, actor: Principal, request: PageRequest, *, owner_id: UUID | None = None
    ) -> Page[ApiTokenInfo]:
        """The unrevoked tokens of `owner_id` (default: the actor), newest first, one page (docs/paging.md);
        an Admin may list anyone's."""
        owner = owner_id or actor.user_id
        if not _may_manage(actor, owner):
            raise PermissionDenied("only the owner or an Admin can list these API tokens")
        async with self._storage.connection() as db:
            return await db.api_tokens.page_of_api_tokens(owner, request)

    async def revoke(self, actor: Principal, token_id: UUID) -> None:
        async with self._storage.connection() as db:
            token = await db.api_tokens.get_api_token(token_id)
            # Someone else's token is "not found": its existence is none of the caller's business.
            if token is None or not _may_manage(actor, token.owner_id):
                raise NotFound("API token", token_id)
            await db.api_tokens.revoke_api_token(token_id)
