"""What every resolver of one request (or subscription) sees: who calls, the runtime, the loaders,
and the cookies the response must set."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import GraphQLResolveInfo

from tcm_common.auth.authentication import Authentication
from tcm_common.auth.client_info import ClientInfo
from tcm_common.auth.cookies import CookieSpec
from tcm_common.domain.errors import Unauthenticated
from tcm_common.domain.principal import Principal
from tcm_common.web.runtime import ServiceRuntime
from tcm_graphql.execution.request_loaders import RequestLoaders


@dataclass
class RequestContext:
    runtime: ServiceRuntime
    authentication: Authentication | None
    client: ClientInfo
    refresh_token: str | None
    loaders: RequestLoaders
    response_cookies: list[CookieSpec] = field(default_factory=list)

    @classmethod
    def create(
        cls,
        runtime: ServiceRuntime,
        authentication: Authentication | None,
        client: ClientInfo,
        refresh_token: str | None = None,
    ) -> RequestContext:
        principal = authentication.principal if authentication else None
        return cls(runtime, authentication, client, refresh_token, _loaders(runtime, principal))

    @property
    def principal(self) -> Principal | None:
        return self.authentication.principal if self.authentication else None

    def signed_in(self) -> Authentication:
        """For fields about the caller's own account (the policy checks roles, this only presence)."""
        if self.authentication is None:
            raise Unauthenticated()
        return self.authentication

    def fresh_loaders(self) -> None:
        """Each subscription event must see the data as it is now, not as the previous event cached it."""
        self.loaders = _loaders(self.runtime, self.principal)


def _loaders(runtime: ServiceRuntime, principal: Principal | None) -> RequestLoaders:
    platform = runtime.platform
    return RequestLoaders(
        platform.loaders(principal), platform.run_loaders(principal), platform.chart_loaders(principal)
    )


# What resolvers receive: graphql-core's info, with our context typed.
Info = GraphQLResolveInfo[RequestContext]
