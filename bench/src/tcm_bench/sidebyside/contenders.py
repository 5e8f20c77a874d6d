"""Who is measured: for each request, ours, the peer and the floor; ours again with tracing off where its
cost is measured; GraphQL for the same tree as REST (docs: bench/README.md)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from tcm_bench.sidebyside.profile import PAGE_SIZE, SideBySideProfile


class Role(enum.StrEnum):
    OURS = "ours"
    PEER = "peer"
    FLOOR = "floor"
    # Ours again, with no trace recorded or exported: what production tracing costs is ours against it.
    TRACING_OFF = "tracing off"


# The columns of the side-by-side tables.
COMPARED_ROLES = (Role.OURS, Role.PEER, Role.FLOOR)


class Tracing(enum.Enum):
    """How one of our services traces: as production (TCM_TRACE_SAMPLE_RATIO 0.05, spans exported over
    OTLP to a collector; docs/telemetry.md) or not at all (ratio 0, no exporter)."""

    PRODUCTION = "production"
    OFF = "off"


@dataclass(frozen=True, slots=True)
class Contender:
    key: str
    label: str
    role: Role
    grpc: bool
    # `python -m <module>`; None for our services (started as tcm_bench.services starts them).
    module: str | None
    # Our service's name in tcm_bench.services, and how it traces.
    service: str | None = None
    tracing: Tracing = Tracing.PRODUCTION


OURS_REST = Contender("ours-rest", "ours (Litestar + msgspec)", Role.OURS, grpc=False, module=None, service="rest")
OURS_REST_UNTRACED = Contender(
    "ours-rest-untraced", "ours (Litestar + msgspec), tracing off", Role.TRACING_OFF, grpc=False, module=None,
    service="rest", tracing=Tracing.OFF,
)  # fmt: skip
OURS_GRAPHQL = Contender(
    "ours-graphql", "ours (Litestar + graphql-core)", Role.OURS, grpc=False, module=None, service="graphql"
)
FASTAPI = Contender("fastapi", "FastAPI + pydantic", Role.PEER, grpc=False, module="tcm_bench.peers.fastapi_rest")
STARLETTE_FLOOR = Contender(
    "starlette-floor", "floor (Starlette + asyncpg, JSON built in SQL)", Role.FLOOR, grpc=False,
    module="tcm_bench.peers.starlette_floor",
)  # fmt: skip
OURS_GRPC = Contender("ours-grpc", "ours (grpc.aio + betterproto2)", Role.OURS, grpc=True, module=None, service="grpc")
OURS_GRPC_UNTRACED = Contender(
    "ours-grpc-untraced", "ours (grpc.aio + betterproto2), tracing off", Role.TRACING_OFF, grpc=True, module=None,
    service="grpc", tracing=Tracing.OFF,
)  # fmt: skip
GRPC_BARE = Contender(
    "grpc-bare", "grpc.aio + standard protobuf, same SQL", Role.PEER, grpc=True, module="tcm_bench.peers.grpc_bare"
)
GRPC_FLOOR = Contender(
    "grpc-floor", "floor (prebuilt reply)", Role.FLOOR, grpc=True, module="tcm_bench.peers.grpc_floor"
)

REST_CONTENDERS = (OURS_REST, FASTAPI, STARLETTE_FLOOR)
GRPC_CONTENDERS = (OURS_GRPC, GRPC_BARE, GRPC_FLOOR)
ALL_CONTENDERS = (*REST_CONTENDERS, OURS_REST_UNTRACED, *GRPC_CONTENDERS, OURS_GRPC_UNTRACED, OURS_GRAPHQL)


class RequestKind(enum.StrEnum):
    REST_TREE = "rest-tree"
    REST_PAGE = "rest-page"
    GRPC_TREE = "grpc-tree"
    GRAPHQL_TREE = "graphql-tree"


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
            RequestKind.GRAPHQL_TREE: f"GraphQL testSuite(id) with groups and {cases} cases",
        }[self.kind]

    def contender(self, role: Role) -> Contender:
        found = self.contender_or_none(role)
        if found is None:
            raise LookupError(f"{self.kind} has no {role} contender")
        return found

    def contender_or_none(self, role: Role) -> Contender | None:
        found = [contender for contender in self.contenders if contender.role is role]
        return found[0] if found else None

    @property
    def has_peers(self) -> bool:
        return self.contender_or_none(Role.PEER) is not None


# In the order they are loaded: ours with tracing off right after ours, GraphQL right after the REST tree,
# so that the figures compared with each other are close in time.
REST_TREE = Request(RequestKind.REST_TREE, (OURS_REST, OURS_REST_UNTRACED, FASTAPI, STARLETTE_FLOOR))
GRPC_TREE = Request(RequestKind.GRPC_TREE, (OURS_GRPC, OURS_GRPC_UNTRACED, GRPC_BARE, GRPC_FLOOR))
GRAPHQL_TREE = Request(RequestKind.GRAPHQL_TREE, (OURS_GRAPHQL,))
REST_PAGE = Request(RequestKind.REST_PAGE, REST_CONTENDERS)
REQUESTS = (REST_TREE, GRAPHQL_TREE, REST_PAGE, GRPC_TREE)
# The requests whose tracing cost is measured (ours against ours with tracing off).
TRACED_REQUESTS = (REST_TREE, GRPC_TREE)
