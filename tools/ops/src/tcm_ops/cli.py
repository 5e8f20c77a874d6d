"""Composition root: parses the command line, builds the context and runs one command.

python -m tcm_ops --env development [--outputs FILE] COMMAND [options]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TextIO

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from tcm_ops.bootstrap import BootstrapOptions, run_bootstrap
from tcm_ops.cleanup import CleanupOptions, run_cleanup
from tcm_ops.clock import Clock, SystemClock
from tcm_ops.console import Console
from tcm_ops.context import OpsContext
from tcm_ops.cost_estimate import run_cost_estimate
from tcm_ops.database_password import RotatePasswordOptions, run_rotate_db_password
from tcm_ops.errors import OpsError
from tcm_ops.migrate import run_migrate
from tcm_ops.outputs import OutputsDocument, read_outputs_file, read_terraform_outputs
from tcm_ops.probes import NetworkProbes, Probes
from tcm_ops.process import CommandRunner, SubprocessRunner
from tcm_ops.publish_frontend import PublishOptions, run_publish_frontend
from tcm_ops.release import ReleaseOptions, run_release
from tcm_ops.rollout import deploy
from tcm_ops.seed_demo import run_seed_demo
from tcm_ops.services import ENVIRONMENTS, SERVICES
from tcm_ops.signing_keys import DEFAULT_MARGIN, RotateKeyOptions, run_rotate_signing_key
from tcm_ops.verify import GRAPHQL_HEALTH_PATH, REST_HEALTH_PATH, VerifyOptions, run_verify


@dataclass
class Dependencies:
    """What the outside world is made of; tests replace the parts at process boundaries."""

    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    runner: CommandRunner | None = None
    session_factory: Callable[[], boto3.Session] = boto3.Session
    clock: Clock = field(default_factory=SystemClock)
    probes: Probes = field(default_factory=NetworkProbes)
    today: Callable[[], dt.date] = dt.date.today
    interactive: bool | None = None


def find_repo_root(start: Path) -> Path:
    for candidate in (start, *start.parents):
        if (candidate / "pants.toml").is_file():
            return candidate
    return start


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tcm-ops",
        description="Release and operate the platform's AWS environments (Terraform outputs + boto3).",
    )
    parser.add_argument("-e", "--env", required=True, choices=ENVIRONMENTS, help="environment to act on")
    parser.add_argument(
        "--outputs",
        type=Path,
        metavar="FILE",
        help="JSON of the environment's Terraform outputs instead of running `terraform output -json`",
    )
    parser.add_argument(
        "--terraform-dir",
        type=Path,
        metavar="DIR",
        help="Terraform root module (default: infra/terraform/environments/<env>)",
    )
    parser.add_argument(
        "--repo-root", type=Path, metavar="DIR", help="repository root (default: found from cwd)"
    )
    parser.add_argument("--poll-interval", type=float, default=5.0, metavar="SECONDS", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    release = commands.add_parser("release", help="build, push and deploy one service")
    release.add_argument("service", choices=SERVICES)
    release.add_argument(
        "--version", help="expected version (must match services/<svc>/VERSION when it exists)"
    )
    release.add_argument(
        "--timeout", type=float, default=1200, metavar="SECONDS", help="deployment wait limit"
    )

    deploy_parser = commands.add_parser(
        "deploy", help="roll a service onto Terraform's current revision with the image it runs now"
    )
    deploy_parser.add_argument("service", choices=SERVICES)
    deploy_parser.add_argument(
        "--version", help="deploy this released version (an image tag in ECR) instead, e.g. to go back"
    )
    deploy_parser.add_argument("--timeout", type=float, default=1200, metavar="SECONDS")

    bootstrap = commands.add_parser("bootstrap", help="the first deploy of the environment, in order, resumable")
    bootstrap.add_argument("--frontend-dir", type=Path, metavar="DIR", help="default: <repo>/frontend")
    bootstrap.add_argument("--grpc-plaintext", action="store_true", help=argparse.SUPPRESS)
    bootstrap.add_argument("--timeout", type=float, default=1800, metavar="SECONDS")

    rotate_key = commands.add_parser(
        "rotate-signing-key", help="new token signing key: publish, switch, retire (no downtime)"
    )
    rotate_key.add_argument(
        "--margin-minutes",
        type=float,
        default=DEFAULT_MARGIN.total_seconds() / 60,
        metavar="M",
        help="overlap beyond one access-token lifetime before the previous key is retired (default 5)",
    )
    rotate_key.add_argument("--timeout", type=float, default=1200, metavar="SECONDS", help="per deployment")

    rotate_password = commands.add_parser(
        "rotate-db-password", help="new password for the services' database login (alternating roles)"
    )
    rotate_password.add_argument("--timeout", type=float, default=1800, metavar="SECONDS")

    for name, text in (
        ("migrate", "apply database migrations in a one-off task"),
        ("seed-demo", "load demo data in a one-off task (never in production)"),
    ):
        one_off = commands.add_parser(name, help=text)
        one_off.add_argument("--timeout", type=float, default=1800, metavar="SECONDS")

    verify = commands.add_parser("verify", help="check the health of all services and the SPA")
    verify.add_argument(
        "--grpc-plaintext",
        action="store_true",
        help="gRPC without TLS (local stand-ins; the ALB listener uses TLS)",
    )
    verify.add_argument(
        "--rest-health-path",
        default=REST_HEALTH_PATH,
        metavar="PATH",
        help=f"REST health route under the public URL (default {REST_HEALTH_PATH})",
    )
    verify.add_argument(
        "--graphql-health-path",
        default=GRAPHQL_HEALTH_PATH,
        metavar="PATH",
        help=f"GraphQL health route under the public URL (default {GRAPHQL_HEALTH_PATH})",
    )

    publish = commands.add_parser(
        "publish-frontend", help="build and publish the SPA, then invalidate CloudFront"
    )
    publish.add_argument("--frontend-dir", type=Path, metavar="DIR", help="default: <repo>/frontend")
    publish.add_argument("--dist-dir", type=Path, metavar="DIR", help="default: <frontend-dir>/dist")
    publish.add_argument("--skip-build", action="store_true", help="publish the existing dist directory")
    publish.add_argument("--keep-stale", action="store_true", help="do not delete files of earlier builds")
    publish.add_argument(
        "--timeout", type=float, default=900, metavar="SECONDS", help="invalidation wait limit"
    )

    commands.add_parser("cost-estimate", help="price the running resources; month-to-date cost if available")

    cleanup = commands.add_parser("cleanup", help="scale down and remove what this tool created")
    which = cleanup.add_mutually_exclusive_group(required=True)
    which.add_argument("--service", choices=SERVICES)
    which.add_argument("--all", action="store_true", dest="all_services")
    cleanup.add_argument(
        "--keep", type=int, default=3, metavar="N", help="newest releases to keep (default 3)"
    )
    cleanup.add_argument("--dry-run", action="store_true", help="print what would be done")
    cleanup.add_argument("--allow-production", action="store_true", help="required to clean up production")
    cleanup.add_argument("--timeout", type=float, default=900, metavar="SECONDS")
    return parser


def _terraform_dir(args: argparse.Namespace, repo_root: Path) -> Path:
    return Path(args.terraform_dir or repo_root / "infra" / "terraform" / "environments" / args.env)


def _make_outputs_loader(
    args: argparse.Namespace, runner: CommandRunner, repo_root: Path
) -> Callable[[], OutputsDocument]:
    def load() -> OutputsDocument:
        if args.outputs is not None:
            return read_outputs_file(args.outputs)
        return read_terraform_outputs(runner, _terraform_dir(args, repo_root))

    return load


def _release(ctx: OpsContext, args: argparse.Namespace, _deps: Dependencies) -> None:
    run_release(ctx, ReleaseOptions(args.service, args.version, args.timeout))


def _deploy(ctx: OpsContext, args: argparse.Namespace, _deps: Dependencies) -> None:
    deploy(ctx, args.service, timeout_seconds=args.timeout, version=args.version)


def _bootstrap(ctx: OpsContext, args: argparse.Namespace, deps: Dependencies) -> None:
    run_bootstrap(
        ctx,
        deps.probes,
        BootstrapOptions(
            terraform_dir=_terraform_dir(args, ctx.repo_root),
            frontend_dir=args.frontend_dir or ctx.repo_root / "frontend",
            timeout_seconds=args.timeout,
            verify=VerifyOptions(grpc_plaintext=args.grpc_plaintext),
        ),
    )


def _rotate_signing_key(ctx: OpsContext, args: argparse.Namespace, _deps: Dependencies) -> None:
    run_rotate_signing_key(ctx, RotateKeyOptions(timedelta(minutes=args.margin_minutes), args.timeout))


def _rotate_db_password(ctx: OpsContext, args: argparse.Namespace, _deps: Dependencies) -> None:
    run_rotate_db_password(ctx, RotatePasswordOptions(args.timeout))


def _migrate(ctx: OpsContext, args: argparse.Namespace, _deps: Dependencies) -> None:
    run_migrate(ctx, timeout_seconds=args.timeout)


def _seed_demo(ctx: OpsContext, args: argparse.Namespace, _deps: Dependencies) -> None:
    run_seed_demo(ctx, timeout_seconds=args.timeout)


def _verify(ctx: OpsContext, args: argparse.Namespace, deps: Dependencies) -> None:
    run_verify(
        ctx,
        deps.probes,
        VerifyOptions(args.grpc_plaintext, args.rest_health_path, args.graphql_health_path),
    )


def _publish_frontend(ctx: OpsContext, args: argparse.Namespace, _deps: Dependencies) -> None:
    frontend = args.frontend_dir or ctx.repo_root / "frontend"
    run_publish_frontend(
        ctx,
        PublishOptions(frontend, args.dist_dir or frontend / "dist", args.skip_build, args.keep_stale, args.timeout),
    )


def _cost_estimate(ctx: OpsContext, _args: argparse.Namespace, deps: Dependencies) -> None:
    run_cost_estimate(ctx, deps.today())


def _cleanup(ctx: OpsContext, args: argparse.Namespace, _deps: Dependencies) -> None:
    run_cleanup(
        ctx,
        CleanupOptions(args.service, args.all_services, args.keep, args.dry_run, args.allow_production, args.timeout),
    )


_COMMANDS: dict[str, Callable[[OpsContext, argparse.Namespace, Dependencies], None]] = {
    "release": _release,
    "deploy": _deploy,
    "bootstrap": _bootstrap,
    "rotate-signing-key": _rotate_signing_key,
    "rotate-db-password": _rotate_db_password,
    "migrate": _migrate,
    "seed-demo": _seed_demo,
    "verify": _verify,
    "publish-frontend": _publish_frontend,
    "cost-estimate": _cost_estimate,
    "cleanup": _cleanup,
}


def _dispatch(ctx: OpsContext, args: argparse.Namespace, deps: Dependencies) -> None:
    command = _COMMANDS.get(args.command)
    if command is None:  # pragma: no cover - argparse rejects unknown commands
        raise OpsError(f"unknown command {args.command}")
    command(ctx, args, deps)


def main(argv: Sequence[str] | None = None, deps: Dependencies | None = None) -> int:
    deps = deps or Dependencies()
    args = build_parser().parse_args(argv)
    console = Console(deps.stdout, interactive=deps.interactive)
    runner = deps.runner or SubprocessRunner(console.raw)
    repo_root = (args.repo_root or find_repo_root(Path.cwd())).resolve()
    ctx = OpsContext(
        environment=args.env,
        repo_root=repo_root,
        console=console,
        runner=runner,
        clock=deps.clock,
        poll_interval_seconds=args.poll_interval,
        _load_outputs=_make_outputs_loader(args, runner, repo_root),
        _session_factory=deps.session_factory,
    )
    try:
        _dispatch(ctx, args, deps)
    except OpsError as exc:
        console.error(exc.message)
        return exc.exit_code
    except ClientError as exc:
        error = exc.response.get("Error", {})
        console.error(
            f"AWS refused {exc.operation_name}: {error.get('Code', '?')}: {error.get('Message', exc)}"
        )
        return 1
    except BotoCoreError as exc:
        console.error(f"AWS call failed: {exc}")
        return 1
    except KeyboardInterrupt:
        console.error("interrupted")
        return 130
    return 0
