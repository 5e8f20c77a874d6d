"""/api-tokens: create (the secret is in that answer only), list, revoke."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated
from uuid import UUID

from litestar import Controller, delete, get, post
from litestar.params import JSONBody, QueryParameter

from tcm_common.application.pagination import DEFAULT_PAGE_SIZE
from tcm_rest.api_tokens.messages import ApiToken, ApiTokenCreate, ApiTokenPage, CreatedApiToken
from tcm_rest.dependencies import Auth, Caller, CallerAuthentication
from tcm_rest.http.pagination import Cursor, Limit, page_request
from tcm_rest.http.parameters import TokenId
from tcm_rest.http.problem_docs import BODY_PROBLEMS, problems

OwnerId = Annotated[
    UUID | None, QueryParameter(name="ownerId", description="Whose tokens (Admins only; default: yours).")
]


class ApiTokenRoutes(Controller):
    path = "/api-tokens"
    tags = ("API tokens",)

    @post("/", operation_id="createApiToken", responses=problems(*BODY_PROBLEMS, 401, 422))
    async def create_token(
        self, auth: Auth, authentication: CallerAuthentication, data: JSONBody[ApiTokenCreate]
    ) -> CreatedApiToken:
        """For the caller, with the caller's role at each use. Not with an API token (403)."""
        expires_at = datetime.now(UTC) + timedelta(days=data.expires_in_days)
        created = await auth.api_tokens.create(authentication, name=data.name, expires_at=expires_at)
        return CreatedApiToken.of(created)

    @get("/", operation_id="listApiTokens", responses=problems(400, 401, 403, 422))
    async def list_tokens(
        self,
        auth: Auth,
        principal: Caller,
        owner_id: OwnerId = None,
        limit: Limit = DEFAULT_PAGE_SIZE,
        cursor: Cursor = None,
    ) -> ApiTokenPage:
        """Unrevoked tokens, newest first, never their secrets."""
        page = await auth.api_tokens.list_tokens(principal, page_request(limit, cursor), owner_id=owner_id)
        return ApiTokenPage(
            items=[ApiToken.of(info) for info in page.nodes],
            next_cursor=page.next_cursor,
            total_count=page.total_count,
        )

    @delete("/{token_id:uuid}", operation_id="revokeApiToken", responses=problems(400, 401, 403, 404))
    async def revoke_token(self, auth: Auth, principal: Caller, token_id: TokenId) -> None:
        await auth.api_tokens.revoke(principal, token_id)
