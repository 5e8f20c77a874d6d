"""Composition root of the local stack: database, migrations and demo data, keys, then the services."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

from tcm_dev.database import database_url
from tcm_dev.edge_security_headers import SECURITY_HEADERS_FILE
from tcm_dev.instance_lock import AlreadyRunningError, hold_instance_lock
from tcm_dev.ports import Ports, parse_ports
from tcm_dev.signing_keys import signing_key_environment
from tcm_dev.spa_build import ensure_spa_built
from tcm_dev.supervisor import Supervisor
from tcm_dev.workspace import repository_root, state_dir


def _common_environment(ports: Ports) -> dict[str, str]:
    state = state_dir()
    site = f"http://localhost:{ports.edge}"
    return {
        "TCM_ENVIRONMENT": "development",
        "TCM_DATABASE_URL": database_url(state),
        **signing_key_environment(state),
        # Plain http on localhost only; settings refuse this outside development.
        "TCM_COOKIE_SECURE": "false",
        "TCM_ALLOWED_ORIGINS": f"{site},http://127.0.0.1:{ports.edge}",
        # Off by default (a deployed API does not describe itself); grpcurl and tools want it here.
        "TCM_GRPC_REFLECTION": "true",
    }


def _prepare_database(environment: dict[str, str]) -> None:
    for command in ("migrate", "seed-demo"):
        subprocess.run(  # - our own command
            [sys.executable, "-m", "tcm_common.cli", command], env=environment, check=True
        )


def _banner(ports: Ports) -> str:
    return "\n".join(
        [
            "",
            f"  Open           http://localhost:{ports.edge}  (the SPA; /graphql and /api/ routed as in AWS)",
            f"  REST API       http://localhost:{ports.edge}/api/v1  (docs: http://localhost:{ports.edge}/api/v1/schema)",
            f"  GraphQL        http://localhost:{ports.graphql}/graphql",
            f"  gRPC           localhost:{ports.grpc}  (reflection on)",
            "  Demo login     demo_user / password (Admin); demo_manager, demo_tester",
            "  Ctrl-C stops everything.",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    ports = parse_ports(argv)
    try:
        lock = hold_instance_lock(state_dir() / "dev.lock")
    except AlreadyRunningError as error:
        print(error, file=sys.stderr)
        return 1
    environment = {**os.environ, **_common_environment(ports)}
    _prepare_database(environment)
    site = ensure_spa_built(repository_root() / "frontend")

    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    supervisor = Supervisor()
    for name, module, port in (
        ("rest", "tcm_rest", ports.rest),
        ("graphql", "tcm_graphql", ports.graphql),
        ("grpc", "tcm_grpc", ports.grpc),
    ):
        supervisor.start(name, [sys.executable, "-m", module], {**environment, "TCM_PORT": str(port)})
    edge = {
        "TCM_PORT": str(ports.edge),
        "TCM_EDGE_GRAPHQL_URL": f"http://127.0.0.1:{ports.graphql}",
        "TCM_EDGE_REST_URL": f"http://127.0.0.1:{ports.rest}",
        "TCM_EDGE_SITE_DIR": str(site),
        "TCM_EDGE_SECURITY_HEADERS": str(repository_root() / SECURITY_HEADERS_FILE),
    }
    supervisor.start("edge", [sys.executable, "-m", "tcm_dev.edge"], {**environment, **edge})
    print(_banner(ports), flush=True)
    while not stop.wait(0.5):
        if (crashed := supervisor.first_exit()) is not None:
            print(f"{crashed} exited; stopping the stack", file=sys.stderr)
            break
    supervisor.stop()
    lock.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
