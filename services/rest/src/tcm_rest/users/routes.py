"""/users: user management, for Admins."""

from __future__ import annotations

from litestar import Controller, Response, delete, get, patch, post
from litestar.params import JSONBody

from tcm_common.application.pagination import DEFAULT_PAGE_SIZE
from tcm_rest.dependencies import Auth, Caller
from tcm_rest.http.etags import IfMatch, expected_version
from tcm_rest.http.pagination import Cursor, Limit, page_request
from tcm_rest.http.parameters import UserId
from tcm_rest.http.problem_docs import BODY_PROBLEMS, problems
from tcm_rest.http.responses import ETAG_HEADER, created, resource
from tcm_rest.paths import location
from tcm_rest.users.changes import apply_user_update
from tcm_rest.users.messages import PasswordReset, User, UserCreate, UserPage, UserUpdate


class UserRoutes(Controller):
    path = "/users"
    tags = ("Users",)

    @get("/", operation_id="listUsers", responses=problems(400, 401, 403, 422))
    async def list_users(
        self, auth: Auth, principal: Caller, limit: Limit = DEFAULT_PAGE_SIZE, cursor: Cursor = None
    ) -> UserPage:
        """By username."""
        page = await auth.users.list_users(principal, page_request(limit, cursor))
        return UserPage(
            items=[User.of(account) for account in page.nodes],
            next_cursor=page.next_cursor,
            total_count=page.total_count,
        )

    @post(
        "/",
        operation_id="createUser",
        response_headers=[ETAG_HEADER],
        responses=problems(*BODY_PROBLEMS, 401, 409, 422),
    )
    async def create_user(self, auth: Auth, principal: Caller, data: JSONBody[UserCreate]) -> Response[User]:
        account = await auth.users.create_user(
            principal, username=data.username, password=data.password, role=data.role
        )
        return created(User.of(account), account.version, location("users", account.id))

    @get(
        "/{user_id:uuid}",
        operation_id="getUser",
        response_headers=[ETAG_HEADER],
        responses=problems(400, 401, 403, 404),
    )
    async def get_user(self, auth: Auth, principal: Caller, user_id: UserId) -> Response[User]:
        account = await auth.users.get_user(principal, user_id)
        return resource(User.of(account), account.version)

    @patch(
        "/{user_id:uuid}",
        operation_id="updateUser",
        response_headers=[ETAG_HEADER],
        responses=problems(*BODY_PROBLEMS, 401, 404, 409, 412, 422, 428),
    )
    async def update_user(
        self,
        auth: Auth,
        principal: Caller,
        user_id: UserId,
        data: JSONBody[UserUpdate],
        if_match: IfMatch = None,
    ) -> Response[User]:
        """A role change or disabling ends every session of that user."""
        account = await apply_user_update(auth.users, principal, user_id, data, expected_version(if_match))
        return resource(User.of(account), account.version)

    @post(
        "/{user_id:uuid}/password",
        status_code=200,
        operation_id="resetUserPassword",
        response_headers=[ETAG_HEADER],
        responses=problems(*BODY_PROBLEMS, 401, 404, 422),
    )
    async def reset_password(
        self,
        auth: Auth,
        principal: Caller,
        user_id: UserId,
        data: JSONBody[PasswordReset],
    ) -> Response[User]:
        """Sets someone else's password (yours: POST /me/password) and ends their sessions."""
        account = await auth.users.reset_password(principal, user_id, data.password)
        return resource(User.of(account), account.version)

    @delete("/{user_id:uuid}", operation_id="deleteUser", responses=problems(400, 401, 403, 404, 409, 412, 428))
    async def delete_user(self, auth: Auth, principal: Caller, user_id: UserId, if_match: IfMatch = None) -> None:
        """Refused (409) while history or effort records refer to the user: disable them instead."""
        await auth.users.delete_user(principal, user_id, expected_version=expected_version(if_match))
