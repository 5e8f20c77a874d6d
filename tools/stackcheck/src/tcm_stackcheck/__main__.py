"""Composition root of the stack check (see the package docstring)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from tcm_stackcheck import checks
from tcm_stackcheck.browser_tests import run_browser_tests
from tcm_stackcheck.fresh_clone import fresh_clone
from tcm_stackcheck.running_stack import bound_ports, leftover_processes, running_stack, second_start_refused
from tcm_stackcheck.session import GraphQLSession

SHORT_ACCESS_TOKEN_SECONDS = 10


def _step(message: str) -> None:
    print(f"stackcheck: {message}", flush=True)


def main() -> int:
    clone, environment = fresh_clone(Path.cwd())
    log = clone.parent / "stack.log"
    _step(f"fresh clone in {clone}, HOME={environment['HOME']}, stack log {log}")
    markers = (str(clone), environment["HOME"])

    with running_stack(clone, environment, log) as stack:
        _step(f"stack ready at {stack.edge}")
        session = GraphQLSession(stack.edge)
        session.login("demo_user", "password")
        suite_id, name = checks.create_suite_through_graphql(session)
        checks.list_suites_through_rest_with_the_same_cookie(session, name)
        checks.grpc_health_and_list_with_an_api_token(session, stack, name)
        checks.spa_root_and_deep_link(stack)
        session.close()
        _step("login, REST with the cookie, gRPC with an API token and the SPA all work")
        _step(f"a second start says: {second_start_refused(clone, environment)}")
        run_browser_tests(clone, environment, stack)
        _step("the SPA's end-to-end tests passed in headless Chromium")
    time.sleep(1)
    leftovers = leftover_processes(markers)
    assert not leftovers, f"still running after Ctrl-C: {leftovers}"
    assert not bound_ports(stack.ports), f"ports still bound: {bound_ports(stack.ports)}"
    _step("Ctrl-C stopped every process and freed every port")

    # The second start runs with short access tokens: tabs of one browser then renew the session at once,
    # again and again (frontend/e2e/resilience.e2e.ts).
    short_lived = {"TCM_ACCESS_TOKEN_SECONDS": str(SHORT_ACCESS_TOKEN_SECONDS)}
    with running_stack(clone, {**environment, **short_lived}, log) as stack:
        session = GraphQLSession(stack.edge)
        session.login("demo_user", "password")
        checks.suite_still_there(session, suite_id, name)
        session.close()
        _step("a second start kept the embedded database")
        run_browser_tests(
            clone,
            environment,
            stack,
            "e2e/resilience.e2e.ts",
            extra_env={"E2E_ACCESS_TOKEN_SECONDS": str(SHORT_ACCESS_TOKEN_SECONDS)},
        )
        _step("two tabs stayed signed in across access-token expiries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
