"""Starts the GraphQL service as its own process: services never import each other."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tcm_common.testing.service_process import python311

ROOT = Path(__file__).resolve().parents[3]
SOURCES = ("services/graphql/src", "libs/common/src", "libs/contracts/src")


def graphql_command() -> tuple[list[str], dict[str, str]]:
    """The packaged PEX when Pants put it beside this test, else `python -m tcm_graphql` from the checkout."""
    packaged = sorted(Path("services", "graphql").glob("tcm-graphql-*.pex"))
    if packaged:
        return [python311(), str(packaged[0])], {}
    assert (ROOT / SOURCES[0]).is_dir(), (
        "the GraphQL service is neither packaged beside this test nor in the checkout: "
        "services/graphql:pex belongs in this test's runtime_package_dependencies"
    )
    return [sys.executable, "-m", "tcm_graphql"], {"PYTHONPATH": os.pathsep.join(str(ROOT / path) for path in SOURCES)}
