"""Everything a command needs, built once by the composition root (cli.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import boto3

from tcm_ops.aws import Aws
from tcm_ops.clock import Clock
from tcm_ops.console import Console
from tcm_ops.outputs import EnvironmentOutputs
from tcm_ops.process import CommandRunner


@dataclass
class OpsContext:
    """`outputs` and `aws` are created on first use: reading Terraform outputs already talks to the
    state backend (S3), so commands with local preconditions check those first."""

    environment: str
    repo_root: Path
    console: Console
    runner: CommandRunner
    clock: Clock
    poll_interval_seconds: float
    _load_outputs: Callable[[], EnvironmentOutputs]
    _session_factory: Callable[[], boto3.Session]
    _outputs: EnvironmentOutputs | None = field(default=None, init=False)
    _aws: Aws | None = field(default=None, init=False)

    def outputs(self) -> EnvironmentOutputs:
        if self._outputs is None:
            self._outputs = self._load_outputs()
        return self._outputs

    def aws(self) -> Aws:
        if self._aws is None:
            self._aws = Aws(self._session_factory(), self.outputs().aws_region)
        return self._aws
