"""A service's contract checks, run before its image is built.

Each service's API contract is guarded by its own test suite (OpenAPI/schemathesis for rest, the schema
and breaking-change tests for graphql, the gRPC tests and `buf` checks of libs/contracts for grpc), so a
release runs those Pants test targets. They are plain commands, run through the injectable runner.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

from tcm_ops.console import Console
from tcm_ops.errors import OpsError
from tcm_ops.process import CommandRunner

CONTRACT_CHECKS: Final[Mapping[str, Sequence[Sequence[str]]]] = {
    "rest": (("./pants", "test", "services/rest::"),),
    "graphql": (("./pants", "test", "services/graphql::"),),
    "grpc": (("./pants", "test", "services/grpc::", "libs/contracts::"),),
}


def run_contract_checks(runner: CommandRunner, console: Console, repo_root: Path, service: str) -> None:
    for command in CONTRACT_CHECKS[service]:
        console.info(f"$ {' '.join(command)}")
        result = runner.run(command, cwd=repo_root)
        if result.returncode != 0:
            raise OpsError(
                f"contract checks of {service} failed (`{' '.join(command)}` exited {result.returncode}); "
                "nothing was built or deployed"
            )
