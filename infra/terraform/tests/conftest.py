"""Fixtures of the Terraform tests: parsed modules and environments (see tcm_terraform_hcl)."""

from __future__ import annotations

import pytest
from tcm_terraform_hcl import ENVIRONMENT_NAMES, MODULE_NAMES, TerraformDir, load_environment, load_module


@pytest.fixture(params=MODULE_NAMES)
def module(request: pytest.FixtureRequest) -> TerraformDir:
    return load_module(request.param)


@pytest.fixture(params=ENVIRONMENT_NAMES)
def environment(request: pytest.FixtureRequest) -> TerraformDir:
    return load_environment(request.param)


@pytest.fixture
def service_module() -> TerraformDir:
    return load_module("service")


@pytest.fixture
def alb_module() -> TerraformDir:
    return load_module("alb")


@pytest.fixture
def database_module() -> TerraformDir:
    return load_module("database")
