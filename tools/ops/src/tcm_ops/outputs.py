"""The environment's facts, read from its Terraform outputs (docs/conventions.md lists them).

Source: `terraform output -json` run in `infra/terraform/environments/<env>`, or a JSON file holding either
that command's output (`{"name": {"value": ...}}`) or a plain `{"name": value}` map.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tcm_ops.errors import OpsError
from tcm_ops.process import CommandRunner
from tcm_ops.services import SERVICES


@dataclass(frozen=True)
class EnvironmentOutputs:
    environment: str
    aws_region: str
    cluster_name: str
    service_names: Mapping[str, str]
    task_definition_families: Mapping[str, str]
    container_names: Mapping[str, str]
    ecr_repository_urls: Mapping[str, str]
    log_group_names: Mapping[str, str]
    private_subnet_ids: tuple[str, ...]
    task_security_group_ids: Mapping[str, str]
    frontend_bucket_name: str
    cloudfront_distribution_id: str
    cloudfront_domain_name: str
    alb_dns_name: str
    public_base_url: str
    grpc_endpoint: str


_STRINGS = (
    "environment",
    "aws_region",
    "cluster_name",
    "frontend_bucket_name",
    "cloudfront_distribution_id",
    "cloudfront_domain_name",
    "alb_dns_name",
    "public_base_url",
    "grpc_endpoint",
)
_SERVICE_MAPS = (
    "service_names",
    "task_definition_families",
    "container_names",
    "ecr_repository_urls",
    "log_group_names",
    "task_security_group_ids",
)


def output_values(document: Any, *, source: str) -> dict[str, Any]:
    """name -> value, from `terraform output -json` or a plain map; outputs may be missing (bootstrap reads
    what a partial apply gives)."""
    if not isinstance(document, dict):
        raise OpsError(f"{source}: expected a JSON object of Terraform outputs")
    return {
        name: (item["value"] if isinstance(item, dict) and "value" in item else item)
        for name, item in document.items()
    }


def parse_outputs(document: Any, *, source: str) -> EnvironmentOutputs:
    values = output_values(document, source=source)
    missing = [n for n in (*_STRINGS, *_SERVICE_MAPS, "private_subnet_ids") if n not in values]
    if missing:
        raise OpsError(f"{source}: missing Terraform outputs: {', '.join(sorted(missing))}")

    def string(name: str) -> str:
        value = values[name]
        if not isinstance(value, str) or not value:
            raise OpsError(f"{source}: output {name!r} must be a non-empty string")
        return value

    def service_map(name: str) -> dict[str, str]:
        value = values[name]
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise OpsError(f"{source}: output {name!r} must be a map of strings")
        absent = [svc for svc in SERVICES if svc not in value]
        if absent:
            raise OpsError(f"{source}: output {name!r} has no entry for {', '.join(absent)}")
        return {str(k): str(v) for k, v in value.items()}

    subnets = values["private_subnet_ids"]
    if not isinstance(subnets, list) or not subnets or not all(isinstance(s, str) for s in subnets):
        raise OpsError(f"{source}: output 'private_subnet_ids' must be a non-empty list of strings")

    return EnvironmentOutputs(
        environment=string("environment"),
        aws_region=string("aws_region"),
        cluster_name=string("cluster_name"),
        service_names=service_map("service_names"),
        task_definition_families=service_map("task_definition_families"),
        container_names=service_map("container_names"),
        ecr_repository_urls=service_map("ecr_repository_urls"),
        log_group_names=service_map("log_group_names"),
        private_subnet_ids=tuple(subnets),
        task_security_group_ids=service_map("task_security_group_ids"),
        frontend_bucket_name=string("frontend_bucket_name"),
        cloudfront_distribution_id=string("cloudfront_distribution_id"),
        cloudfront_domain_name=string("cloudfront_domain_name"),
        alb_dns_name=string("alb_dns_name"),
        public_base_url=string("public_base_url").rstrip("/"),
        grpc_endpoint=string("grpc_endpoint"),
    )


@dataclass(frozen=True)
class OutputsDocument:
    values: dict[str, Any]
    source: str

    def parse(self) -> EnvironmentOutputs:
        return parse_outputs(self.values, source=self.source)


def read_outputs_file(path: Path) -> OutputsDocument:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OpsError(f"outputs file {path} does not exist") from None
    except json.JSONDecodeError as exc:
        raise OpsError(f"outputs file {path} is not valid JSON: {exc}") from None
    return OutputsDocument(output_values(document, source=str(path)), str(path))


def load_outputs_file(path: Path) -> EnvironmentOutputs:
    return read_outputs_file(path).parse()


def read_terraform_outputs(runner: CommandRunner, terraform_dir: Path) -> OutputsDocument:
    if not terraform_dir.is_dir():
        raise OpsError(f"Terraform directory {terraform_dir} does not exist")
    result = runner.run(["terraform", "output", "-json"], cwd=terraform_dir, capture=True)
    if result.returncode != 0:
        raise OpsError(
            f"`terraform output -json` failed in {terraform_dir} (exit {result.returncode}); "
            f"run `terraform init` there first, or pass --outputs FILE.\n{result.output.strip()}"
        )
    try:
        document = json.loads(result.stdout)
    except json.JSONDecodeError as exc:
        raise OpsError(f"`terraform output -json` printed invalid JSON: {exc}") from None
    if not document:
        raise OpsError(f"Terraform in {terraform_dir} has no outputs: has the environment been applied?")
    source = f"terraform output ({terraform_dir})"
    return OutputsDocument(output_values(document, source=source), source)


def load_terraform_outputs(runner: CommandRunner, terraform_dir: Path) -> EnvironmentOutputs:
    return read_terraform_outputs(runner, terraform_dir).parse()
