"""buf lints the protos and catches breaking changes against the committed baseline image."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tcm_contracts.codegen import PROJECT_DIR

BASELINE = PROJECT_DIR / "baseline" / "testsuite-v1.binpb"


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def buf() -> Path:
    """Runs the check script (it installs buf from npm when needed) and returns the buf binary."""
    result = run("bash", PROJECT_DIR / "check-proto.sh", cwd=PROJECT_DIR)
    assert result.returncode == 0, result.stdout + result.stderr
    return PROJECT_DIR / "node_modules" / ".bin" / "buf"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the buf module (buf.yaml + proto/) to change."""
    shutil.copy(PROJECT_DIR / "buf.yaml", tmp_path / "buf.yaml")
    shutil.copytree(PROJECT_DIR / "proto", tmp_path / "proto")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_check_script_passes_lint_and_breaking(buf: Path) -> None:
    assert buf.exists()


def test_an_unchanged_copy_is_not_breaking(buf: Path, workspace: Path) -> None:
    result = run(buf, "breaking", "--against", BASELINE, cwd=workspace)

    assert result.returncode == 0, result.stdout + result.stderr


def test_a_removed_field_is_a_breaking_change(buf: Path, workspace: Path) -> None:
    edit(workspace / "proto/testsuite/v1/test_suite.proto", "  bool require_effort_comment = 8;\n", "")

    result = run(buf, "breaking", "--against", BASELINE, cwd=workspace)

    assert result.returncode != 0
    assert "require_effort_comment" in result.stdout + result.stderr


def test_a_changed_field_type_is_a_breaking_change(buf: Path, workspace: Path) -> None:
    edit(
        workspace / "proto/testsuite/v1/test_case.proto",
        "  int32 delay_days = 11;",
        "  int64 delay_days = 11;",
    )

    result = run(buf, "breaking", "--against", BASELINE, cwd=workspace)

    assert result.returncode != 0
    assert "delay_days" in result.stdout + result.stderr


def test_an_added_field_is_not_breaking(buf: Path, workspace: Path) -> None:
    edit(
        workspace / "proto/testsuite/v1/date.proto",
        "  int32 day = 3;\n",
        "  int32 day = 3;\n  string note = 4;\n",
    )

    result = run(buf, "breaking", "--against", BASELINE, cwd=workspace)

    assert result.returncode == 0, result.stdout + result.stderr


def test_lint_requires_an_unspecified_zero_enum_value(buf: Path, workspace: Path) -> None:
    edit(
        workspace / "proto/testsuite/v1/test_case.proto",
        "TEST_CASE_PRIORITY_UNSPECIFIED = 0;",
        "TEST_CASE_PRIORITY_NONE = 0;",
    )

    result = run(buf, "lint", cwd=workspace)

    assert result.returncode != 0
    assert 'should be suffixed with "_UNSPECIFIED"' in result.stdout + result.stderr
