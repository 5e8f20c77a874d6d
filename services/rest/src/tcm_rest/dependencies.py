"""What handlers declare to receive: the use cases, the auth services, and who is calling.

async def handler(self, platform: UseCases, principal: Caller) -> ...
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.di import NamedDependency, Provide

from tcm_common.auth.authentication import Authentication
from tcm_common.auth.wiring import AuthServices
from tcm_common.domain.principal import Principal
from tcm_common.platform import Platform
from tcm_common.web.runtime import runtime_of
from tcm_rest.caller import authentication_of

AnyRequest = Request[Any, Any, Any]

UseCases = NamedDependency[Platform]
Auth = NamedDependency[AuthServices]
Caller = NamedDependency[Principal]
CallerAuthentication = NamedDependency[Authentication]


def _authentication(request: AnyRequest) -> Authentication:
    return authentication_of(request)


def _principal(request: AnyRequest) -> Principal:
    return authentication_of(request).principal


def _platform(request: AnyRequest) -> Platform:
    return runtime_of(request).platform


def _auth(request: AnyRequest) -> AuthServices:
    return runtime_of(request).auth


DEPENDENCIES = {
    "platform": Provide(_platform, sync_to_thread=False),
    "auth": Provide(_auth, sync_to_thread=False),
    "principal": Provide(_principal, sync_to_thread=False),
    "authentication": Provide(_authentication, sync_to_thread=False),
}
