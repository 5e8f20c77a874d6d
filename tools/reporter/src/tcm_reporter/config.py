"""What to report and where: the command line names the reports and the run, the environment the rest.

TCM_GRPC_TARGET   the gRPC service: `grpcs://host:port` or `https://host:port` (TLS),
                  `grpc://host:port` or `http://host:port` (plain text: local runs only), or
                  `host:port` (TLS with --tls, plain text otherwise)
TCM_API_TOKEN     a personal API token (tcm_...) of the CI user
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

_TLS_SCHEMES = ("grpcs://", "https://")
_PLAIN_SCHEMES = ("grpc://", "http://")


class UsageError(Exception):
    """The command cannot run as given; nothing was sent."""


@dataclass(frozen=True, slots=True)
class ReporterConfig:
    files: tuple[Path, ...]
    suite_id: str | None
    run_id: str | None
    run_name: str | None
    label: str | None
    create_missing: bool
    drives_workflow: bool
    fail_on_failures: bool
    target: str
    tls: bool
    token: str = field(repr=False)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="tcm-report", description="Sends test results to the test management platform.")
    commands = parser.add_subparsers(dest="command", required=True)
    junit = commands.add_parser("junit", help="report JUnit XML files", description="Reports JUnit XML files.")
    junit.add_argument("files", nargs="+", type=Path, metavar="FILE", help="JUnit XML report(s)")
    junit.add_argument("--suite", help="the test suite: a new run is created in it (with --run-name)")
    junit.add_argument("--run-name", help='name of the new run, e.g. "CI #123"')
    junit.add_argument("--run", help="an existing run to report into (instead of --suite and --run-name)")
    junit.add_argument("--label", help="label of the new run (a branch, a build, an environment)")
    junit.add_argument("--create-missing", action="store_true", help="create cases for tests no case has")
    junit.add_argument("--drives-workflow", action="store_true", help="the new run's results move the cases' workflow")
    junit.add_argument("--no-fail", action="store_true", help="exit 0 even when tests failed")
    junit.add_argument("--tls", action="store_true", help="use TLS for a target given without a scheme")
    return parser


def load_config(argv: Sequence[str], environ: Mapping[str, str]) -> ReporterConfig:
    """Raises UsageError naming what is wrong or missing."""
    arguments = _parser().parse_args(argv)
    problems: list[str] = []
    if arguments.run is not None:
        if arguments.suite or arguments.run_name or arguments.label or arguments.drives_workflow:
            problems.append(
                "--run reports into an existing run: leave out --suite, --run-name, --label, --drives-workflow"
            )
    elif not (arguments.suite and arguments.run_name):
        problems.append("give --suite and --run-name (a new run), or --run (an existing run)")
    target = environ.get("TCM_GRPC_TARGET", "").strip()
    token = environ.get("TCM_API_TOKEN", "").strip()
    if not target:
        problems.append("set TCM_GRPC_TARGET to the gRPC service (e.g. grpcs://tcm.example.com:50051)")
    if not token:
        problems.append("set TCM_API_TOKEN to a personal API token (tcm_...)")
    missing = [str(path) for path in arguments.files if not path.is_file()]
    if missing:
        problems.append(f"no such file: {', '.join(missing)}")
    if problems:
        raise UsageError("; ".join(problems))
    address, tls = _address(target, tls_flag=arguments.tls)
    return ReporterConfig(
        files=tuple(arguments.files),
        suite_id=arguments.suite,
        run_id=arguments.run,
        run_name=arguments.run_name,
        label=arguments.label,
        create_missing=arguments.create_missing,
        drives_workflow=arguments.drives_workflow,
        fail_on_failures=not arguments.no_fail,
        target=address,
        tls=tls,
        token=token,
    )


def _address(target: str, *, tls_flag: bool) -> tuple[str, bool]:
    for scheme in _TLS_SCHEMES:
        if target.startswith(scheme):
            return target.removeprefix(scheme).rstrip("/"), True
    for scheme in _PLAIN_SCHEMES:
        if target.startswith(scheme):
            if tls_flag:
                raise UsageError(f"TCM_GRPC_TARGET says plain text ({scheme}) but --tls was given")
            return target.removeprefix(scheme).rstrip("/"), False
    if "://" in target:
        raise UsageError("TCM_GRPC_TARGET: use grpcs:// or https:// (TLS), grpc:// or http:// (plain text)")
    return target, tls_flag
