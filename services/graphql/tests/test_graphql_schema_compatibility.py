"""A breaking change of the contract fails unless the GraphQL service's major version is bumped.

Reads services/graphql/released-schema.graphql (the SDL as last released, with its version on the first
line) and services/graphql/VERSION, relative to the repository root (the working directory).
"""

import re
from pathlib import Path

from graphql import BreakingChangeType, build_schema, find_breaking_changes

from tcm_graphql.schema.executable import build_executable_schema
from tcm_graphql.schema.sdl import read_sdl

RELEASED = Path("services", "graphql", "released-schema.graphql")
VERSION = Path("services", "graphql", "VERSION")


def _major(version: str) -> int:
    return int(version.split(".", 1)[0])


def _released_version(text: str) -> str:
    match = re.search(r"with tcm-graphql (\d+\.\d+\.\d+)", text.splitlines()[0])
    assert match, f"the first line of {RELEASED} must name the released version"
    return match.group(1)


def test_the_contract_has_no_breaking_change_unless_the_major_version_is_bumped() -> None:
    released_text = RELEASED.read_text(encoding="utf-8")
    released_version = _released_version(released_text)
    current_version = VERSION.read_text(encoding="utf-8").strip()
    assert _major(current_version) >= _major(released_version)
    changes = find_breaking_changes(build_schema(released_text), build_schema(read_sdl()))
    if _major(current_version) > _major(released_version):
        return  # a new major version may break; release it and refresh the copy
    assert not changes, (
        f"breaking changes against the SDL released with {released_version}; keep the change compatible or "
        f"bump the major version in {VERSION}:\n" + "\n".join(f"  {c.type.name}: {c.description}" for c in changes)
    )


def test_the_check_sees_a_breaking_change() -> None:
    sdl = read_sdl()
    removed = sdl.replace("  delayDays: Int!\n", "")
    assert removed != sdl
    [change] = find_breaking_changes(build_schema(sdl), build_schema(removed))
    assert change.type is BreakingChangeType.FIELD_REMOVED
    assert "TestCase.delayDays" in change.description


def test_every_field_of_the_contract_binds() -> None:
    # Resolver names that the SDL lacks fail here, before any request does.
    schema = build_executable_schema()
    assert schema.subscription_type is not None
    assert schema.subscription_type.fields["testSuiteChanged"].subscribe is not None
