"""Fixtures of the Terraform tests: parsed modules and environments (see tcm_terraform_hcl)."""

from __future__ import annotations

import pytest
from tcm_terraform_hcl import (
    ENVIRONMENT_NAMES,
    MODULE_NAMES,
    PLATFORM_MODULE_NAME,
    TerraformDir,
    load_caller,
    load_environment,
    load_module,
    load_platform,
)


@pytest.fixture(params=MODULE_NAMES)
def module(request: pytest.FixtureRequest) -> TerraformDir:
    return load_module(request.param)


@pytest.fixture(params=ENVIRONMENT_NAMES)
def environment(request: pytest.FixtureRequest) -> TerraformDir:
    return load_environment(request.param)


@pytest.fixture(params=(*ENVIRONMENT_NAMES, PLATFORM_MODULE_NAME))
def caller(request: pytest.FixtureRequest) -> TerraformDir:
    """Every directory with module calls: the environments and the platform module they call."""
    return load_caller(request.param)


@pytest.fixture
def platform_module() -> TerraformDir:
    return load_platform()


@pytest.fixture
def service_module() -> TerraformDir:
    return load_module("service")


@pytest.fixture
def alb_module() -> TerraformDir:
    return load_module("alb")


@pytest.fixture
def database_module() -> TerraformDir:
    return load_module("database")
