"""Personal API tokens: created by a signed-in user (the secret is in this answer only), revoked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tcm_common.auth.api_tokens import MAX_LIFETIME, CreatedApiToken
from tcm_common.domain.errors import ValidationFailed
from tcm_graphql.execution.context import Info
from tcm_graphql.inputs.ids import parse_id
from tcm_graphql.schema.binding import Resolver


async def create_api_token(
    _root: object,
    info: Info,
    name: str,
    expires_in_days: int,
) -> CreatedApiToken:
    if not 1 <= expires_in_days <= MAX_LIFETIME.days:
        raise ValidationFailed.single("expiresInDays", f"must be between 1 and {MAX_LIFETIME.days}")
    context = info.context
    expires_at = datetime.now(UTC) + timedelta(days=expires_in_days)
    return await context.runtime.auth.api_tokens.create(context.signed_in(), name=name, expires_at=expires_at)


async def revoke_api_token(_root: object, info: Info, id: str) -> bool:
    context = info.context
    await context.runtime.auth.api_tokens.revoke(context.signed_in().principal, parse_id(id))
    return True


MUTATION: dict[str, Resolver] = {"createApiToken": create_api_token, "revokeApiToken": revoke_api_token}
