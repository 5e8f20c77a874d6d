"""Every module and environment has the files, documentation, typed variables and pins it should."""

from __future__ import annotations

import re

import pytest
from tcm_terraform_hcl import (
    COMPONENT_MODULE_NAMES,
    ENVIRONMENT_NAMES,
    MODULE_NAMES,
    MODULES_ROOT,
    PLATFORM_MODULE_NAME,
    TERRAFORM_ROOT,
    TerraformDir,
    load_environment,
    load_platform,
    platform_call,
)

REQUIRED_MODULE_FILES = ("README.md", "main.tf", "variables.tf", "outputs.tf", "versions.tf")


def test_module_directories_are_exactly_the_issue_list() -> None:
    # The issue's modules, and the platform module that wires them into one environment.
    assert sorted(p.name for p in MODULES_ROOT.iterdir() if p.is_dir()) == sorted(MODULE_NAMES)
    assert set(MODULE_NAMES) == {*COMPONENT_MODULE_NAMES, PLATFORM_MODULE_NAME}


@pytest.mark.parametrize("name", MODULE_NAMES)
@pytest.mark.parametrize("filename", REQUIRED_MODULE_FILES)
def test_module_has_required_file(name: str, filename: str) -> None:
    path = MODULES_ROOT / name / filename
    assert path.is_file(), f"modules/{name}/{filename} is missing"
    assert path.read_text(encoding="utf-8").strip(), f"modules/{name}/{filename} is empty"


def test_variables_and_outputs_live_in_their_files(module: TerraformDir) -> None:
    for filename, parsed in module.files.items():
        if filename != "variables.tf":
            assert "variable" not in parsed, f"{module.path.name}/{filename} declares variables"
        if filename != "outputs.tf":
            assert "output" not in parsed, f"{module.path.name}/{filename} declares outputs"
    assert module.files["variables.tf"].get("variable"), f"{module.path.name} has no variable"
    assert module.files["outputs.tf"].get("output"), f"{module.path.name} has no output"


def _assert_described_and_typed(tf: TerraformDir) -> None:
    for name, body in tf.variables.items():
        description = body.get("description")
        assert isinstance(description, str), f"{tf.path.name}: var.{name} lacks a description"
        assert len(description) >= 10, f"{tf.path.name}: var.{name} has a too short description"
        assert body.get("type"), f"{tf.path.name}: var.{name} lacks a type"
    for name, body in tf.outputs.items():
        assert body.get("description"), f"{tf.path.name}: output {name} lacks a description"


def test_module_variables_have_description_and_type(module: TerraformDir) -> None:
    _assert_described_and_typed(module)


def test_environment_variables_have_description_and_type(environment: TerraformDir) -> None:
    _assert_described_and_typed(environment)


def test_module_readme_documents_inputs_outputs_and_an_example(module: TerraformDir) -> None:
    readme = (module.path / "README.md").read_text(encoding="utf-8")
    for name in module.variables:
        assert f"`{name}`" in readme, f"modules/{module.path.name}/README.md does not document input {name}"
    for name in module.outputs:
        assert f"`{name}`" in readme, f"modules/{module.path.name}/README.md does not document output {name}"
    assert re.search(
        r"```hcl\s.*?module\s+\"[a-z_]+\"\s*\{.*?source\s*=\s*\"[./]*modules/"
        + re.escape(module.path.name)
        + r"\"",
        readme,
        re.S,
    ), f"modules/{module.path.name}/README.md has no ```hcl example calling the module"


def _required_providers(tf: TerraformDir) -> dict[str, dict[str, object]]:
    providers: dict[str, dict[str, object]] = {}
    for terraform in tf.terraform_blocks():
        for required in terraform.get("required_providers", []):
            providers.update(required)
    return providers


def _assert_pinned(tf: TerraformDir) -> None:
    versions = tf.files.get("versions.tf")
    assert versions is not None, f"{tf.path}: no versions.tf"
    assert versions.get("terraform"), f"{tf.path}: no terraform block in versions.tf"
    required_version = [t.get("required_version") for t in tf.terraform_blocks() if t.get("required_version")]
    assert required_version == [">= 1.11.0, < 2.0.0"], f"{tf.path}: required_version {required_version}"
    providers = _required_providers(tf)
    assert "aws" in providers, f"{tf.path}: aws provider not required"
    assert providers["aws"]["source"] == "hashicorp/aws"
    assert re.fullmatch(r"~> 5\.\d+", str(providers["aws"]["version"])), (
        f"{tf.path}: aws version {providers['aws']['version']}"
    )
    for name, spec in providers.items():
        assert str(spec.get("source", "")).startswith("hashicorp/"), (
            f"{tf.path}: provider {name} has no hashicorp source"
        )
        assert str(spec.get("version", "")).startswith("~> "), (
            f"{tf.path}: provider {name} is not pinned with ~>"
        )


def test_module_pins_terraform_and_providers(module: TerraformDir) -> None:
    _assert_pinned(module)


def test_environment_pins_terraform_and_providers(environment: TerraformDir) -> None:
    _assert_pinned(environment)


def test_modules_declare_the_providers_they_use(module: TerraformDir) -> None:
    declared = set(_required_providers(module))
    used = {rtype.split("_", 1)[0] for rtype in module.resource_types()}
    text = module.text()
    used |= set(re.findall(r'^ephemeral\s+"([a-z0-9]+)_', text, re.M))
    assert used <= declared, (
        f"modules/{module.path.name} uses providers {used - declared} it does not require"
    )


def test_environment_state_is_remote_with_locking(environment: TerraformDir) -> None:
    backends = [b for t in environment.terraform_blocks() for b in t.get("backend", [])]
    assert len(backends) == 1, f"{environment.path.name}: backends {backends}"
    assert "s3" in backends[0], f"{environment.path.name}: backend {backends}"
    s3 = backends[0]["s3"]
    assert s3["use_lockfile"] is True
    assert s3["encrypt"] is True
    assert s3["key"] == f"tcm/{environment.path.name}/terraform.tfstate"
    example = environment.path / "backend.hcl.example"
    assert example.is_file(), "backend.hcl.example documents the bucket given at init"


def test_environments_use_every_module() -> None:
    # Each environment is one call of the platform module, which calls every module of the issue.
    for env_name in ENVIRONMENT_NAMES:
        env = load_environment(env_name)
        assert {env.module_source_dir(name) for name in env.modules} == {MODULES_ROOT / PLATFORM_MODULE_NAME}, (
            f"{env_name} calls {sorted(env.modules)}"
        )
        platform_call(env)
    platform = load_platform()
    sources = {platform.module_source_dir(name) for name in platform.modules}
    assert sources == {MODULES_ROOT / name for name in COMPONENT_MODULE_NAMES}, f"platform module sources {sources}"


def test_every_module_source_is_a_local_module_directory(caller: TerraformDir) -> None:
    for name, body in caller.modules.items():
        target = caller.module_source_dir(name)
        assert target.is_dir(), f"module {name} source {body['source']}"
        assert target.parent == MODULES_ROOT, f"module {name} source {body['source']}"
        assert target != caller.path, f"module {name} calls itself"


def test_us_east_1_provider_is_passed_where_needed(environment: TerraformDir) -> None:
    aliases = {
        body.get("alias"): body.get("region") for name, body in environment.provider_blocks() if name == "aws"
    }
    assert aliases.get("us_east_1") == "us-east-1"
    both = {"aws": "${aws}", "aws.us_east_1": "${aws.us_east_1}"}
    assert platform_call(environment).get("providers") == both
    platform = load_platform()
    assert _required_providers(platform)["aws"]["configuration_aliases"] == ["${aws.us_east_1}"]
    for name in ("dns_cert", "frontend"):
        providers = platform.modules[name].get("providers")
        assert providers == both, f"module {name} providers {providers}"


def test_terraform_fmt_check_passes() -> None:
    import shutil
    import subprocess

    terraform = shutil.which("terraform")
    if terraform is None:
        pytest.skip("terraform binary not on PATH (check.sh runs terraform fmt -check too)")
    result = subprocess.run(
        [terraform, "fmt", "-check", "-recursive", str(TERRAFORM_ROOT)],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "TF_CLI_CONFIG_FILE": "/dev/null"},
        check=False,
    )
    assert result.returncode == 0, (
        f"terraform fmt -check found unformatted files:\n{result.stdout}{result.stderr}"
    )


def test_state_of_the_former_module_calls_moves_into_the_platform(environment: TerraformDir) -> None:
    # Before modules/platform the environments called the modules themselves: moved blocks keep the
    # existing state (module.<call> -> module.platform.module.<call>) so that no resource is replaced.
    moved = [(b["from"], b["to"]) for parsed in environment.files.values() for b in parsed.get("moved", [])]
    assert sorted(moved) == sorted(
        (f"${{module.{call}}}", f"${{module.platform.module.{call}}}") for call in load_platform().modules
    )
