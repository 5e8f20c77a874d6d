"""No secret value is in any committed file of infra/terraform."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tcm_terraform_hcl import MODULE_NAMES, TERRAFORM_ROOT, TerraformDir, load_module

SKIPPED_DIRS = {".terraform", ".checkov-venv", "__pycache__", ".pytest_cache"}
SCANNED_SUFFIXES = {
    ".tf",
    ".tfvars",
    ".example",
    ".hcl",
    ".md",
    ".yaml",
    ".yml",
    ".js",
    ".json",
    ".sh",
    ".py",
    ".tftpl",
}

PATTERNS = {
    "PEM private key": re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----"),
    "AWS access key id": re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b"),
    "AWS secret access key": re.compile(r"(?i)aws_?secret_?access_?key\s*[=:]\s*[\"']?[A-Za-z0-9/+=]{40}"),
    # an argument or key named like a password, secret, token or private key set to a quoted literal
    # (a "${...}" reference is fine)
    "secret literal": re.compile(
        r"(?i)\b[\w-]*(?:password|passwd|secret|token|private_key)[\w-]*\s*[=:]\s*\"(?!\$\{)[^\"\s]{4,}\""
    ),
    "URL with credentials": re.compile(r"\b[a-z][a-z0-9+.-]*://[^/\s:@\"]+:[^/\s@\"]{3,}@"),
}


def committed_files() -> list[Path]:
    files = []
    for path in TERRAFORM_ROOT.rglob("*"):
        if any(part in SKIPPED_DIRS for part in path.relative_to(TERRAFORM_ROOT).parts):
            continue
        if path.is_file() and (path.suffix in SCANNED_SUFFIXES or path.name.endswith(".tfvars.example")):
            files.append(path)
    return files


def find_secrets(text: str) -> list[str]:
    return [
        f"{label}: {m.group(0)[:60]}" for label, pattern in PATTERNS.items() for m in pattern.finditer(text)
    ]


def test_scan_covers_the_configuration() -> None:
    names = {p.relative_to(TERRAFORM_ROOT).as_posix() for p in committed_files()}
    assert "environments/production/terraform.tfvars.example" in names
    assert "modules/secrets/main.tf" in names
    assert "tests/test_terraform_secret_scan.py" in names
    assert len(names) > 50


def test_no_secret_value_in_any_file() -> None:
    findings = {
        path.relative_to(TERRAFORM_ROOT).as_posix(): found
        for path in committed_files()
        if (found := find_secrets(path.read_text(encoding="utf-8")))
    }
    assert findings == {}


@pytest.mark.parametrize(
    "sample",
    [
        "-----BEGIN " + "RSA PRIVATE KEY-----",
        "-----BEGIN " + "PRIVATE KEY-----",
        "-----BEGIN " + "EC PRIVATE KEY-----",
        "key = " + '"AKIA' + "ABCDEFGHIJKLMNOP" + '"',
        "aws_secret_access_key = " + "abcdEFGHijklMNOPqrstUVWXyz0123456789/+AB",
        "password" + ' = "hunter2hunter2"',
        "db_password" + ' = "Sup3rS3cret!"',
        "origin_verify_secret" + ' = "abcdef123456"',
        "postgresql://tcm:" + "hunter22@db:5432/tcm",
    ],
)
def test_scanner_detects_secret_shapes(sample: str) -> None:
    assert find_secrets(sample), sample


@pytest.mark.parametrize(
    "sample",
    [
        "password_wo = ephemeral.random_password.master.result",
        'origin_verify_secret = "${module.secrets.origin_verify_secret}"',
        "origin_verify_secret_generation = 1",
        "-----BEGIN " + "PUBLIC KEY-----",
    ],
)
def test_scanner_accepts_references(sample: str) -> None:
    assert find_secrets(sample) == []


def test_no_password_or_secret_argument_takes_a_value() -> None:
    for name in MODULE_NAMES:
        module: TerraformDir = load_module(name)
        for instance in module.resources("aws_db_instance").values():
            assert "password" not in instance, "the master password is write-only (password_wo)"
            assert instance["password_wo"] == "${ephemeral.random_password.master.result}"
        for pname, param in module.resources("aws_ssm_parameter").items():
            value = param.get("value")
            assert value is None or str(value).startswith("${"), (
                f"{name}: parameter {pname} has a literal value"
            )
        for variable_name, variable in module.variables.items():
            if re.search(r"secret|password|private", variable_name) and "generation" not in variable_name:
                assert "default" not in variable or variable["default"] in ({}, []), variable_name
    secrets = load_module("secrets")
    for pname in ("jwt_private_key", "jwt_public_keys"):
        param = secrets.resources("aws_ssm_parameter")[pname]
        assert "value" not in param, pname
        assert "ephemeral.tls_private_key.jwt." in str(param["value_wo"]), pname
