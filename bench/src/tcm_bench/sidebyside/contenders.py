"""Who is measured: for each request, ours, the peer and the floor (docs: bench/README.md)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from tcm_bench.sidebyside.profile import PAGE_SIZE, SideBySideProfile


class Role(enum.StrEnum):
    OURS = "ours"
    PEER = "peer"
    FLOOR = "floor"


@dataclass(frozen=True, slots=True)
class Contender:
    key: str
    label: str
    role: Role
    grpc: bool
    # `python -m <module>`; None for our services (started as tcm_bench.services starts them).
    module: str | None
    # Our service's name in tcm_bench.services.
    service: str | None = None


OURS_REST = Contender("ours-rest", "ours (Litestar + msgspec)", Role.OURS, grpc=False, module=None, service="rest")
FASTAPI = Contender("fastapi", "FastAPI + pydantic", Role.PEER, grpc=False, module="tcm_bench.peers.fastapi_rest")
STARLETTE_FLOOR = Contender(
    "starlette-floor", "floor (Starlette + asyncpg, JSON built in SQL)", Role.FLOOR, grpc=False,
    module="tcm_bench.peers.starlette_floor",
)  # fmt: skip
OURS_GRPC = Contender("ours-grpc", "ours (grpc.aio + betterproto2)", Role.OURS, grpc=True, module=None, service="grpc")
GRPC_BARE = Contender(
    "grpc-bare", "grpc.aio + standard protobuf, same SQL", Role.PEER, grpc=True, module="tcm_bench.peers.grpc_bare"
)
GRPC_FLOOR = Contender(
    "grpc-floor", "floor (prebuilt reply)", Role.FLOOR, grpc=True, module="tcm_bench.peers.grpc_floor"
)

REST_CONTENDERS = (OURS_REST, FASTAPI, STARLETTE_FLOOR)
GRPC_CONTENDERS = (OURS_GRPC, GRPC_BARE, GRPC_FLOOR)
ALL_CONTENDERS = REST_CONTENDERS + GRPC_CONTENDERS


class RequestKind(enum.StrEnum):
    REST_TREE = "rest-tree"
    REST_PAGE = "rest-page"
    GRPC_TREE = "grpc-tree"


@dataclass(frozen=True, slots=True)
class Request:
    kind: RequestKind
    contenders: tuple[Contender, ...]

    def label(self, profile: SideBySideProfile) -> str:
        cases = profile.cases_per_suite
        return {
            RequestKind.REST_TREE: f"REST suite with groups and {cases} cases",
            RequestKind.REST_PAGE: f"REST list of {PAGE_SIZE} suites with progress",
            RequestKind.GRPC_TREE: f"gRPC GetTestSuite with {cases} cases",
        }[self.kind]

    def contender(self, role: Role) -> Contender:
        [found] = [contender for contender in self.contenders if contender.role is role]
        return found


REQUESTS = (
    Request(RequestKind.REST_TREE, REST_CONTENDERS),
    Request(RequestKind.REST_PAGE, REST_CONTENDERS),
    Request(RequestKind.GRPC_TREE, GRPC_CONTENDERS),
)
