"""Building a service image through Pants and pushing it to ECR with Docker."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import TYPE_CHECKING

from tcm_ops.console import Console
from tcm_ops.errors import OpsError
from tcm_ops.process import CommandRunner
from tcm_ops.semver import Version

if TYPE_CHECKING:
    from mypy_boto3_ecr.client import ECRClient

_IMAGE_ID = re.compile(r"Docker image ID:\s*(\S+)")


def require_docker_engine(runner: CommandRunner, cwd: Path) -> None:
    """Fails unless a Docker engine answers. Called before any AWS call of a release."""
    result = runner.run(["docker", "info", "--format", "{{.ServerVersion}}"], cwd=cwd, capture=True)
    if result.returncode == 127:
        raise OpsError(
            "release needs Docker to build and push the image, but the `docker` command was not found; "
            "install Docker (engine and CLI) or run the release where it is available. Nothing was changed."
        )
    if result.returncode != 0 or not result.stdout.strip():
        detail = result.output.strip().splitlines()
        reason = detail[-1] if detail else f"exit {result.returncode}"
        raise OpsError(
            "release needs a running Docker engine to build the image, and none is reachable "
            f"(`docker info`: {reason}). Start Docker or run the release on a machine with a Docker "
            "engine. Nothing was built and no AWS call was made."
        )


def pants_image_target(service: str) -> str:
    return f"services/{service}:image"


def build_image(
    runner: CommandRunner, console: Console, repo_root: Path, service: str, version: Version
) -> str:
    """Builds the service's docker_image target; returns the local image ID.

    --no-pantsd: the BUILD macro reads services/<svc>/VERSION when the BUILD file is parsed, and a
    running pantsd may still hold the version from before the bump.
    """
    command = ["./pants", "--no-pantsd", "package", pants_image_target(service)]
    console.info(f"$ SERVICE_VERSION={version} {' '.join(command)}")
    result = runner.run(command, cwd=repo_root, env={"SERVICE_VERSION": str(version)})
    if result.returncode != 0:
        raise OpsError(
            f"building the {service} image failed (`{' '.join(command)}` exited {result.returncode})"
        )
    ids = _IMAGE_ID.findall(result.output)
    if not ids:
        raise OpsError(
            f"`{' '.join(command)}` succeeded but printed no 'Docker image ID:'; "
            f"is {pants_image_target(service)} a docker_image target?"
        )
    return str(ids[-1])


def push_image(
    runner: CommandRunner,
    console: Console,
    ecr: ECRClient,
    repo_root: Path,
    image_id: str,
    repository_url: str,
    version: Version,
) -> str:
    """Tags the built image `<repository_url>:<version>`, logs Docker in to ECR and pushes it."""
    remote = f"{repository_url}:{version}"
    registry = repository_url.split("/", 1)[0]
    token = ecr.get_authorization_token()["authorizationData"][0]
    user, _, password = base64.b64decode(token["authorizationToken"]).decode().partition(":")
    steps: list[tuple[list[str], str | None]] = [
        (["docker", "tag", image_id, remote], None),
        (["docker", "login", "--username", user, "--password-stdin", registry], password),
        (["docker", "push", remote], None),
    ]
    for command, stdin in steps:
        console.info(f"$ {' '.join(command)}")
        result = runner.run(command, cwd=repo_root, stdin=stdin, capture=command[1] == "login")
        if result.returncode != 0:
            raise OpsError(
                f"`{' '.join(command)}` failed (exit {result.returncode}): {result.output.strip()}"
            )
    return remote


def pushed_image_digest(ecr: ECRClient, repository: str, version: Version) -> str:
    images = ecr.describe_images(repositoryName=repository, imageIds=[{"imageTag": str(version)}])
    details = images["imageDetails"]
    if not details or "imageDigest" not in details[0]:
        raise OpsError(f"{repository}:{version} is not in ECR after the push")
    return details[0]["imageDigest"]
