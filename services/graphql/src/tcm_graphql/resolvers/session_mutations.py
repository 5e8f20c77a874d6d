"""Browser sessions: the tokens travel only as cookies (set on the HTTP response), never in the body."""

from __future__ import annotations

from tcm_common.auth.sessions import IssuedSession
from tcm_common.domain.errors import Unauthenticated
from tcm_common.domain.user import User
from tcm_graphql.execution.context import Info, RequestContext
from tcm_graphql.inputs.ids import parse_id
from tcm_graphql.schema.binding import Resolver


async def _signed_in_user(context: RequestContext, issued: IssuedSession) -> User:
    context.response_cookies.extend(issued.cookies)
    return await context.runtime.auth.users.get_user(issued.principal, issued.principal.user_id)


async def login(_root: object, info: Info, username: str, password: str) -> User:
    context = info.context
    issued = await context.runtime.auth.sessions.login(username, password, client=context.client)
    return await _signed_in_user(context, issued)


async def refresh_session(_root: object, info: Info) -> User:
    context = info.context
    sessions = context.runtime.auth.sessions
    try:
        issued = await sessions.refresh(context.refresh_token, client=context.client)
    except Unauthenticated:
        # The session is over for good: drop the dead cookies so the browser stops sending them.
        context.response_cookies.extend(context.runtime.auth.cookies.clearing_cookies())
        raise
    return await _signed_in_user(context, issued)


async def logout(_root: object, info: Info) -> bool:
    context = info.context
    cleared = await context.runtime.auth.sessions.logout(context.refresh_token, authentication=context.authentication)
    context.response_cookies.extend(cleared)
    return True


async def change_my_password(
    _root: object,
    info: Info,
    current_password: str,
    new_password: str,
) -> bool:
    context = info.context
    await context.runtime.auth.users.change_own_password(
        context.signed_in().principal,
        current_password=current_password,
        new_password=new_password,
        client=context.client,
    )
    # Every session of the user has ended, this one included.
    context.response_cookies.extend(context.runtime.auth.cookies.clearing_cookies())
    return True


async def revoke_session(_root: object, info: Info, id: str) -> bool:
    context = info.context
    await context.runtime.auth.sessions.revoke_session(context.signed_in().principal, parse_id(id))
    return True


MUTATION: dict[str, Resolver] = {
    "login": login,
    "refreshSession": refresh_session,
    "logout": logout,
    "changeMyPassword": change_my_password,
    "revokeSession": revoke_session,
}
