"""/auth/login, /auth/refresh, /auth/logout: the session cookies of browser clients.

Machines do not sign in here: they send `Authorization: Bearer` with an API token.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, post
from litestar.params import JSONBody

from tcm_common.auth.authentication import Authentication
from tcm_common.auth.wiring import AuthServices
from tcm_common.domain.errors import Unauthenticated
from tcm_common.web.client import client_info
from tcm_common.web.cookies import set_cookies
from tcm_common.web.credentials import authenticate, refresh_cookie
from tcm_rest.dependencies import Auth
from tcm_rest.http.problem_docs import BODY_PROBLEMS, problems
from tcm_rest.http.responses import no_content
from tcm_rest.sign_in.messages import Login, SignedIn

AnyRequest = Request[Any, Any, Any]


async def _session_of(request: AnyRequest, auth: AuthServices) -> Authentication | None:
    try:
        return await authenticate(request, auth)
    except Unauthenticated:
        return None  # an expired access cookie still lets its owner log out


class SignInRoutes(Controller):
    path = "/auth"
    tags = ("Sign-in",)

    @post("/login", status_code=200, operation_id="login", responses=problems(*BODY_PROBLEMS, 401, 429))
    async def login(self, request: AnyRequest, auth: Auth, data: JSONBody[Login]) -> Response[SignedIn]:
        """Sets the session cookies. Failures are uniform (401) and throttled (429 with Retry-After)."""
        issued = await auth.sessions.login(data.username, data.password, client=client_info(request))
        response = Response(SignedIn.of(issued))
        set_cookies(response, issued.cookies)
        return response

    @post("/refresh", status_code=200, operation_id="refreshSession", responses=problems(401, 403))
    async def refresh(self, request: AnyRequest, auth: Auth) -> Response[SignedIn]:
        """Exchanges the refresh cookie for new cookies; a reused refresh cookie ends its session."""
        issued = await auth.sessions.refresh(refresh_cookie(request, auth), client=client_info(request))
        response = Response(SignedIn.of(issued))
        set_cookies(response, issued.cookies)
        return response

    @post(
        "/logout",
        status_code=204,
        operation_id="logout",
        responses={**problems(403), **no_content("Signed out; both cookies cleared.")},
    )
    async def logout(self, request: AnyRequest, auth: Auth) -> Response[None]:
        """Ends the session and clears its cookies; never fails for lack of a session."""
        clearing = await auth.sessions.logout(
            refresh_cookie(request, auth), authentication=await _session_of(request, auth)
        )
        response = Response(None, status_code=204)
        set_cookies(response, clearing)
        return response
