"""Which version a release publishes, and whether it was bumped against the service's ECR repository."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from tcm_ops.errors import OpsError
from tcm_ops.semver import Version, parse_version

if TYPE_CHECKING:
    from mypy_boto3_ecr.client import ECRClient


def version_file(repo_root: Path, service: str) -> Path:
    return repo_root / "services" / service / "VERSION"


def resolve_version(repo_root: Path, service: str, requested: str | None) -> Version:
    """The service's version from services/<svc>/VERSION; --version must agree with it when both exist,
    because that file is what ends up in the package and the image."""
    path = version_file(repo_root, service)
    from_file = path.read_text(encoding="utf-8").strip() if path.is_file() else None
    if from_file is None and requested is None:
        raise OpsError(f"{path} does not exist and no --version was given")
    if from_file is not None and requested is not None and requested != from_file:
        raise OpsError(
            f"--version {requested} does not match {path.relative_to(repo_root)} ({from_file}): "
            "bump the VERSION file, which is what the image is built with"
        )
    text = requested if requested is not None else from_file
    assert text is not None
    version = parse_version(text)
    if version is None:
        raise OpsError(f"version {text!r} of {service} is not a semantic version (MAJOR.MINOR.PATCH)")
    return version


def repository_name(repository_url: str) -> str:
    """`123456789012.dkr.ecr.eu-west-1.amazonaws.com/tcm/rest` -> `tcm/rest`."""
    _, sep, name = repository_url.partition("/")
    if not sep or not name:
        raise OpsError(f"unexpected ECR repository URL {repository_url!r}")
    return name


def image_tags(ecr: ECRClient, repository: str) -> list[str]:
    tags: list[str] = []
    for page in ecr.get_paginator("describe_images").paginate(repositoryName=repository):
        for image in page["imageDetails"]:
            tags.extend(image.get("imageTags", []))
    return tags


def check_version_bumped(service: str, version: Version, existing_tags: Iterable[str]) -> None:
    tags = list(existing_tags)
    if str(version) in tags:
        raise OpsError(
            f"{service} {version} is already in ECR: bump services/{service}/VERSION before releasing "
            "(release tags are immutable)"
        )
    released = [v for v in (parse_version(t) for t in tags) if v is not None]
    if released:
        highest = max(released)
        if not version > highest:
            raise OpsError(
                f"{service} {version} is not newer than the highest released version {highest}: "
                f"bump services/{service}/VERSION"
            )
