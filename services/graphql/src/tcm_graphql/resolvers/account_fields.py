"""The caller's own sessions and API tokens."""

from __future__ import annotations

from tcm_common.auth.api_tokens import CreatedApiToken
from tcm_common.auth.ports import ApiTokenInfo, SessionInfo
from tcm_graphql.execution.context import Info
from tcm_graphql.schema.binding import Resolver


def current(session: SessionInfo, info: Info) -> bool:
    authentication = info.context.authentication
    return authentication is not None and authentication.session_id == session.id


def token(created: CreatedApiToken, _info: Info) -> ApiTokenInfo:
    return created.info


SESSION: dict[str, Resolver] = {"current": current}
CREATED_API_TOKEN: dict[str, Resolver] = {"token": token}
