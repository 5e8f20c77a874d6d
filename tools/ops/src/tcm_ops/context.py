"""Everything a command needs, built once by the composition root (cli.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3

from tcm_ops.aws import Aws
from tcm_ops.clock import Clock
from tcm_ops.console import Console
from tcm_ops.errors import OpsError
from tcm_ops.outputs import EnvironmentOutputs, OutputsDocument
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
    _load_outputs: Callable[[], OutputsDocument]
    _session_factory: Callable[[], boto3.Session]
    _document: OutputsDocument | None = field(default=None, init=False)
    _outputs: EnvironmentOutputs | None = field(default=None, init=False)
    _aws: Aws | None = field(default=None, init=False)

    def output_values(self) -> dict[str, Any]:
        """The outputs as they are, possibly incomplete (bootstrap runs between partial applies)."""
        if self._document is None:
            document = self._load_outputs()
            environment = document.values.get("environment")
            if environment != self.environment:
                raise OpsError(f"--env {self.environment} but the Terraform outputs describe {environment!r}")
            self._document = document
        return self._document.values

    def outputs(self) -> EnvironmentOutputs:
        if self._outputs is None:
            self.output_values()
            assert self._document is not None
            self._outputs = self._document.parse()
        return self._outputs

    def forget_outputs(self) -> None:
        """Read the outputs again on next use (after an apply)."""
        self._document = None
        self._outputs = None

    def aws(self) -> Aws:
        if self._aws is None:
            region = self.output_values().get("aws_region")
            if not isinstance(region, str) or not region:
                raise OpsError("the Terraform outputs have no aws_region")
            self._aws = Aws(self._session_factory(), region)
        return self._aws
