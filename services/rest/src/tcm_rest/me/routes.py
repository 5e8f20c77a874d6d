"""/me: the caller's account, password and browser sessions."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, delete, get, post
from litestar.params import JSONBody

from tcm_common.web.client import client_info
from tcm_common.web.cookies import set_cookies
from tcm_rest.dependencies import Auth, Caller, CallerAuthentication
from tcm_rest.http.parameters import SessionId
from tcm_rest.http.problem_docs import BODY_PROBLEMS, problems
from tcm_rest.http.responses import ETAG_HEADER, no_content, resource
from tcm_rest.me.messages import OwnPasswordChange, Session
from tcm_rest.users.messages import User


class MeRoutes(Controller):
    path = "/me"
    tags = ("Me",)

    @get("/", operation_id="getMe", response_headers=[ETAG_HEADER], responses=problems(401))
    async def me(self, auth: Auth, principal: Caller) -> Response[User]:
        account = await auth.users.get_user(principal, principal.user_id)
        return resource(User.of(account), account.version)

    @post(
        "/password",
        status_code=204,
        operation_id="changeMyPassword",
        responses={
            **problems(*BODY_PROBLEMS, 401, 422, 429),
            **no_content("Changed; every session ended and this one's cookies cleared."),
        },
    )
    async def change_password(
        self,
        request: Request[Any, Any, Any],
        auth: Auth,
        principal: Caller,
        data: JSONBody[OwnPasswordChange],
    ) -> Response[None]:
        """Ends every session of the caller, this one included (its cookies are cleared)."""
        await auth.users.change_own_password(
            principal,
            current_password=data.current_password,
            new_password=data.new_password,
            client=client_info(request),
        )
        response = Response(None, status_code=204)
        set_cookies(response, auth.cookies.clearing_cookies())
        return response

    @get("/sessions", operation_id="listMySessions", responses=problems(401))
    async def sessions(self, auth: Auth, authentication: CallerAuthentication) -> list[Session]:
        """Most recently used first; `current` marks the one this request belongs to."""
        infos = await auth.sessions.list_sessions(authentication.principal)
        return [Session.of(info, authentication.session_id) for info in infos]

    @delete("/sessions/{session_id:uuid}", operation_id="revokeMySession", responses=problems(400, 401, 403, 404))
    async def revoke_session(self, auth: Auth, principal: Caller, session_id: SessionId) -> None:
        await auth.sessions.revoke_session(principal, session_id)
