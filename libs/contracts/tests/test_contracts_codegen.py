"""The committed generated code is what the code generator makes from the committed .proto files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tcm_contracts import codegen


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("codegen") / "generated"
    codegen.generate(output)
    return output


def test_committed_generated_code_is_up_to_date(fresh: Path) -> None:
    stale = codegen.stale_files(fresh, codegen.GENERATED_DIR)

    assert stale == [], f"stale generated code, run `python -m tcm_contracts.codegen`: {stale}"


def test_a_changed_proto_makes_the_committed_code_stale(tmp_path: Path, fresh: Path) -> None:
    protos = tmp_path / "proto"
    shutil.copytree(codegen.PROTO_ROOT, protos)
    date_proto = protos / "testsuite" / "v1" / "date.proto"
    date_proto.write_text(
        date_proto.read_text(encoding="utf-8").replace("int32 day = 3;", "int32 day = 3;\n  int32 era = 4;"),
        encoding="utf-8",
    )
    changed = tmp_path / "generated"

    codegen.generate(changed, proto_root=protos)

    assert codegen.stale_files(fresh, changed) == ["testsuite/v1/__init__.py"]


def test_the_output_is_a_package_with_descriptors_for_reflection(fresh: Path) -> None:
    files = {path.relative_to(fresh).as_posix() for path in fresh.rglob("*") if path.is_file()}

    assert {
        "__init__.py",
        "google_proto_descriptor_pool.py",
        "message_pool.py",
        "google/protobuf/__init__.py",
        "testsuite/v1/__init__.py",
    } <= files
    source = (fresh / "testsuite" / "v1" / "__init__.py").read_text(encoding="utf-8")
    assert "default_google_proto_descriptor_pool.AddSerializedFile(" in source
    assert "Stub" not in source  # no grpcio stubs: they fail on server streaming over grpc.aio


def test_the_check_command_reports_a_stale_tree(tmp_path: Path, fresh: Path) -> None:
    stale = tmp_path / "generated"
    shutil.copytree(fresh, stale)
    (stale / "testsuite" / "v1" / "__init__.py").write_text("# edited by hand\n", encoding="utf-8")

    assert codegen.main(["--check", "--output", str(fresh)]) == 0
    assert codegen.main(["--check", "--output", str(stale)]) == 1


def test_generation_refuses_to_replace_a_folder_that_is_not_generated_code(tmp_path: Path) -> None:
    (tmp_path / "precious.txt").write_text("keep me", encoding="utf-8")

    with pytest.raises(codegen.CodegenError, match="refusing"):
        codegen.generate(tmp_path)

    assert (tmp_path / "precious.txt").exists()


def test_the_module_runs_from_any_working_directory(tmp_path: Path) -> None:
    source_root = str(Path(codegen.__file__).parents[1])
    python_path = os.pathsep.join(filter(None, [source_root, os.environ.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "tcm_contracts.codegen", "--check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PATH": "/usr/bin:/bin", "PYTHONPATH": python_path},
    )

    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout
