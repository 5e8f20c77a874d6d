"""Every variable used is declared, every declared variable is used, module calls match modules."""

from __future__ import annotations

from pathlib import Path

import pytest
from tcm_terraform_hcl import (
    ENVIRONMENT_NAMES,
    MODULE_META_ARGUMENTS,
    TerraformDir,
    load_environment,
    load_module,
    load_tfvars,
)


def test_every_used_variable_is_declared(module: TerraformDir) -> None:
    undeclared = module.referenced_variables() - set(module.variables)
    assert not undeclared, f"modules/{module.path.name} uses undeclared variables {sorted(undeclared)}"


def test_every_declared_variable_is_used(module: TerraformDir) -> None:
    unused = set(module.variables) - module.referenced_variables()
    assert not unused, f"modules/{module.path.name} declares unused variables {sorted(unused)}"


def test_environment_variables_declared_and_used(environment: TerraformDir) -> None:
    used = environment.referenced_variables()
    declared = set(environment.variables)
    assert used - declared == set(), f"{environment.path.name} uses undeclared {sorted(used - declared)}"
    assert declared - used == set(), f"{environment.path.name} declares unused {sorted(declared - used)}"


def test_module_call_arguments_are_module_variables(caller: TerraformDir) -> None:
    for call_name, body in caller.modules.items():
        module = caller.called_module(call_name)
        arguments = set(body) - MODULE_META_ARGUMENTS
        unknown = arguments - set(module.variables)
        assert not unknown, f"{caller.path.name}: module.{call_name} passes unknown arguments {sorted(unknown)}"


def test_module_calls_set_every_required_variable(caller: TerraformDir) -> None:
    for call_name, body in caller.modules.items():
        module = caller.called_module(call_name)
        required = {name for name, spec in module.variables.items() if "default" not in spec}
        missing = required - set(body)
        assert not missing, f"{caller.path.name}: module.{call_name} misses required {sorted(missing)}"


def test_module_outputs_referenced_by_callers_exist(caller: TerraformDir) -> None:
    import re

    text = caller.text()
    # module.<call>.<output>; module.platform.module.<call> is an address (moved blocks), not an output.
    references = set(re.findall(r"\bmodule\.([a-z_]+)\.(?!module\.)([a-z_0-9]+)", text))
    assert references, f"{caller.path.name} references no module output"
    for call_name, output in references:
        assert call_name in caller.modules, f"{caller.path.name} references unknown module.{call_name}"
        module = caller.called_module(call_name)
        assert output in module.outputs, f"{caller.path.name}: module.{call_name}.{output} is not an output"
    # module.service is instantiated with for_each: `for svc, service in module.service : ... service.X`
    service = load_module("service")
    for output in set(re.findall(r"\bservice\.([a-z_0-9]+)", text)):
        assert output in service.outputs, (
            f"{caller.path.name}: service.{output} is not an output of modules/service"
        )


@pytest.mark.parametrize("env_name", ENVIRONMENT_NAMES)
def test_tfvars_example_sets_only_declared_and_all_required_variables(env_name: str) -> None:
    env = load_environment(env_name)
    example = env.path / "terraform.tfvars.example"
    assert example.is_file()
    values = load_tfvars(example)
    declared = set(env.variables)
    assert set(values) <= declared, f"{env_name} example sets undeclared {sorted(set(values) - declared)}"
    required = {name for name, spec in env.variables.items() if "default" not in spec}
    assert required <= set(values), f"{env_name} example lacks required {sorted(required - set(values))}"


def test_detects_an_undeclared_variable(tmp_path: Path) -> None:
    # The scanner must see a reference nested in an expression, and must not count validations.
    (tmp_path / "main.tf").write_text(
        'resource "x" "y" {\n  name = "a-${var.missing}"\n  tags = merge(var.tags, {})\n}\n'
        'variable "tags" {\n  type = map(string)\n  description = "x"\n}\n'
        'variable "lonely" {\n  type = string\n  description = "x"\n'
        '  validation {\n    condition     = length(var.lonely) > 0\n    error_message = "x"\n  }\n}\n',
        encoding="utf-8",
    )
    parsed = TerraformDir.load(tmp_path)
    assert parsed.referenced_variables() == {"missing", "tags"}
    assert set(parsed.variables) - parsed.referenced_variables() == {"lonely"}
