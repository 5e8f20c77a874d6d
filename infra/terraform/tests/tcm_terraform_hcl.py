"""Helpers over the Terraform configuration of infra/terraform, parsed with python-hcl2 (`import hcl2`).

python-hcl2 7 returns plain Python values for literals and keeps every expression as a string wrapped
in `${...}`: `name = "tcm-${local.environment}"` stays that string, `port = var.grpc_port` becomes
"${var.grpc_port}". Blocks are lists of one-key dicts. `TerraformDir` flattens that into
name -> body maps so that tests read like the configuration.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from hcl2.api import load as hcl2_load

TERRAFORM_ROOT = Path(__file__).resolve().parents[1]
MODULES_ROOT = TERRAFORM_ROOT / "modules"
ENVIRONMENTS_ROOT = TERRAFORM_ROOT / "environments"

# The modules the issue lists, and `platform`, which wires them into one environment.
COMPONENT_MODULE_NAMES = (
    "alb",
    "database",
    "dns-cert",
    "ecr",
    "ecs-cluster",
    "frontend",
    "networking",
    "observability",
    "secrets",
    "service",
)
PLATFORM_MODULE_NAME = "platform"
MODULE_NAMES = (*COMPONENT_MODULE_NAMES, PLATFORM_MODULE_NAME)
ENVIRONMENT_NAMES = ("development", "production")
SERVICE_PORTS = {"rest": 8000, "graphql": 8001, "grpc": 50051}

# Arguments of a module block that are not input variables of the module.
MODULE_META_ARGUMENTS = frozenset({"source", "version", "count", "for_each", "providers", "depends_on"})

VAR_REFERENCE = re.compile(r"\bvar\.([A-Za-z_][A-Za-z0-9_-]*)")


def walk_strings(value: Any) -> Iterator[str]:
    """Every string inside a parsed HCL value (keys included: object keys can be expressions)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from walk_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk_strings(item)


def expr(value: Any) -> str:
    """The expression inside "${...}", or the value itself as a string."""
    text = str(value)
    if text.startswith("${") and text.endswith("}"):
        return text[2:-1]
    return text


def blocks(body: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """Nested blocks of one type (python-hcl2 gives a list of bodies, or nothing)."""
    found = body.get(name, [])
    return found if isinstance(found, list) else [found]


def block(body: dict[str, Any], name: str) -> dict[str, Any]:
    """The single nested block of a type; fails when there isn't exactly one."""
    found = blocks(body, name)
    assert len(found) == 1, f"expected exactly one {name} block, found {len(found)}"
    return found[0]


@dataclass
class TerraformDir:
    """Every *.tf file of one directory (a module or an environment), merged."""

    path: Path
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> TerraformDir:
        loaded = cls(path)
        for tf in sorted(path.glob("*.tf")):
            with tf.open(encoding="utf-8") as handle:
                loaded.files[tf.name] = hcl2_load(handle)
        assert loaded.files, f"no .tf file in {path}"
        return loaded

    def _blocks(self, kind: str) -> Iterator[dict[str, Any]]:
        for parsed in self.files.values():
            yield from parsed.get(kind, [])

    def _named(self, kind: str) -> dict[str, dict[str, Any]]:
        named: dict[str, dict[str, Any]] = {}
        for entry in self._blocks(kind):
            for name, body in entry.items():
                assert name not in named, f"{kind} {name} declared twice in {self.path}"
                named[name] = body
        return named

    @property
    def variables(self) -> dict[str, dict[str, Any]]:
        return self._named("variable")

    @property
    def outputs(self) -> dict[str, dict[str, Any]]:
        return self._named("output")

    @property
    def modules(self) -> dict[str, dict[str, Any]]:
        return self._named("module")

    @property
    def locals(self) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for entry in self._blocks("locals"):
            merged.update(entry)
        return merged

    def resources(self, resource_type: str) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for entry in self._blocks("resource"):
            for name, body in entry.get(resource_type, {}).items():
                found[name] = body
        return found

    def data(self, data_type: str) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for entry in self._blocks("data"):
            for name, body in entry.get(data_type, {}).items():
                found[name] = body
        return found

    def resource_types(self) -> set[str]:
        return {rtype for entry in self._blocks("resource") for rtype in entry}

    def terraform_blocks(self) -> list[dict[str, Any]]:
        return list(self._blocks("terraform"))

    def provider_blocks(self) -> list[tuple[str, dict[str, Any]]]:
        return [(name, body) for entry in self._blocks("provider") for name, body in entry.items()]

    def referenced_variables(self) -> set[str]:
        """Names after `var.` anywhere except in variable blocks (whose validations name themselves)."""
        used: set[str] = set()
        for parsed in self.files.values():
            for kind, entries in parsed.items():
                if kind == "variable":
                    continue
                for text in walk_strings(entries):
                    used.update(VAR_REFERENCE.findall(text))
        return used

    def module_source_dir(self, call_name: str) -> Path:
        """The directory a module block's (local) source points to."""
        return (self.path / str(self.modules[call_name]["source"])).resolve()

    def called_module(self, call_name: str) -> TerraformDir:
        """The parsed module a module block calls (a directory of modules/)."""
        target = self.module_source_dir(call_name)
        assert target.parent == MODULES_ROOT, f"{self.path.name}: module.{call_name} source {target}"
        return load_module(target.name)

    def module_calls_of(self, module_name: str) -> dict[str, dict[str, Any]]:
        """Module blocks whose source is the directory modules/<module_name>."""
        return {
            name: body
            for name, body in self.modules.items()
            if self.module_source_dir(name) == MODULES_ROOT / module_name
        }

    def text(self) -> str:
        return "\n".join(tf.read_text(encoding="utf-8") for tf in sorted(self.path.glob("*.tf")))


@cache
def load_module(name: str) -> TerraformDir:
    return TerraformDir.load(MODULES_ROOT / name)


@cache
def load_environment(name: str) -> TerraformDir:
    return TerraformDir.load(ENVIRONMENTS_ROOT / name)


def load_platform() -> TerraformDir:
    return load_module(PLATFORM_MODULE_NAME)


def load_caller(name: str) -> TerraformDir:
    """A directory that calls modules: an environment, or the platform module."""
    return load_platform() if name == PLATFORM_MODULE_NAME else load_environment(name)


def platform_call(env: TerraformDir) -> dict[str, Any]:
    """The environment's one call of modules/platform."""
    calls = env.module_calls_of(PLATFORM_MODULE_NAME)
    assert list(calls) == ["platform"], f"{env.path.name} calls modules/platform as {list(calls)}"
    return calls["platform"]


def platform_inputs(env: TerraformDir) -> dict[str, Any]:
    """The literal arguments an environment gives modules/platform (its locals substituted)."""
    inputs: dict[str, Any] = {}
    for name, value in platform_call(env).items():
        if isinstance(value, str):
            value = resolve_locals(value, env)
            if "${" in value:
                continue
        inputs[name] = value
    return inputs


def resolve_in_platform(text: str, env: TerraformDir) -> str:
    """Substitute ${local.x} and ${var.x} in a string of modules/platform as the environment calls it."""
    platform = load_platform()
    inputs = platform_inputs(env)
    text = re.sub(
        r"\$\{var\.([A-Za-z_][A-Za-z0-9_]*)\}",
        lambda m: str(inputs[m.group(1)]) if isinstance(inputs.get(m.group(1)), (str, int)) else m.group(0),
        resolve_locals(text, platform),
    )
    return resolve_locals(text, platform)


def load_tfvars(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return hcl2_load(handle)


def resolve_locals(text: str, env: TerraformDir, depth: int = 5) -> str:
    """Substitute ${local.x} in a string with the environment's literal locals (enough for names)."""
    local_values = env.locals
    for _ in range(depth):
        replaced = re.sub(
            r"\$\{local\.([A-Za-z_][A-Za-z0-9_]*)\}",
            lambda m: (
                str(local_values[m.group(1)])
                if isinstance(local_values.get(m.group(1)), (str, int))
                else m.group(0)
            ),
            text,
        )
        if replaced == text:
            return replaced
        text = replaced
    return text
