"""What the API token routes accept and answer."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from tcm_common.auth.api_tokens import MAX_LIFETIME, MAX_NAME_LENGTH
from tcm_common.auth.api_tokens import CreatedApiToken as Created
from tcm_common.auth.ports import ApiTokenInfo
from tcm_rest.wire import NextCursor, Representation, RequestBody, text


class ApiTokenCreate(RequestBody):
    name: Annotated[str, text(min_length=1, max_length=MAX_NAME_LENGTH)]
    expires_in_days: Annotated[int, msgspec.Meta(ge=1, le=MAX_LIFETIME.days)]


class ApiToken(Representation):
    id: UUID
    owner_id: UUID
    name: str
    prefix: Annotated[
        str,
        msgspec.Meta(
            description="The recognisable start of the token, e.g. `tcm_ab12`; just `tcm_` for a token "
            "whose start was never recorded."
        ),
    ]
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None

    @classmethod
    def of(cls, info: ApiTokenInfo) -> ApiToken:
        return cls(
            id=info.id,
            owner_id=info.owner_id,
            name=info.name,
            prefix=info.prefix,
            created_at=info.created_at,
            expires_at=info.expires_at,
            last_used_at=info.last_used_at,
        )


class CreatedApiToken(Representation):
    token: ApiToken
    secret: Annotated[
        str, msgspec.Meta(description="Send it as `Authorization: Bearer <secret>`. Shown this once only.")
    ]

    @classmethod
    def of(cls, created: Created) -> CreatedApiToken:
        return cls(token=ApiToken.of(created.info), secret=created.secret)


class ApiTokenPage(Representation):
    items: list[ApiToken]
    next_cursor: NextCursor
    total_count: int
