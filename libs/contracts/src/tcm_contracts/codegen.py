"""Regenerates the betterproto2 code of the wire contracts.

    python -m tcm_contracts.codegen            # rewrite src/tcm_contracts/generated from proto/
    python -m tcm_contracts.codegen --check    # exit 1 (listing the files) when the committed code is stale

betterproto2's compiler runs as a protoc plugin under the protoc that grpcio-tools bundles, with the
option `google_protobuf_descriptors` (the file descriptors land in
`tcm_contracts.generated.google_proto_descriptor_pool`, which server reflection serves) and without the
generated grpcio stubs (`client_generation=none`: they fail on server streaming over grpc.aio; use
`tcm_contracts.client` instead). The output is a package imported as `tcm_contracts.generated...`; its
folder must never be put on sys.path (its `google` package would shadow the real `google.protobuf`).

The compiler formats its output with the `ruff` found on PATH, using the ruff configuration found from
its working directory. To make the output independent of the caller's folder and PATH, protoc runs in
a scratch folder holding a fixed ruff configuration and shims for ruff and the plugin taken from this
Python environment. The output therefore depends only on the .proto files and the versions of
betterproto2-compiler, ruff and grpcio-tools.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import grpc_tools

PROJECT_DIR = Path(__file__).resolve().parents[2]
PROTO_ROOT = PROJECT_DIR / "proto"
GENERATED_DIR = Path(__file__).resolve().parent / "generated"
PLUGIN_OPTIONS = ("google_protobuf_descriptors", "client_generation=none")
PLUGIN_NAME = "python_betterproto2"
RUFF_CONFIG = 'line-length = 120\ntarget-version = "py311"\n'
# Written by the plugin into every output; its presence marks a folder as generated output.
OUTPUT_MARKER = "message_pool.py"


class CodegenError(RuntimeError):
    """protoc or the betterproto2 plugin failed."""


def proto_files(proto_root: Path = PROTO_ROOT) -> list[str]:
    """The .proto files to compile, relative to the proto root, in a stable order."""
    return sorted(path.relative_to(proto_root).as_posix() for path in proto_root.rglob("*.proto"))


def generate(output_dir: Path, *, proto_root: Path = PROTO_ROOT) -> None:
    """Compiles every .proto file under `proto_root` into `output_dir` (replacing what is there)."""
    _check_replaceable(output_dir)
    files = proto_files(proto_root)
    if not files:
        raise CodegenError(f"no .proto files under {proto_root}")
    with tempfile.TemporaryDirectory(prefix="tcm-codegen-") as scratch:
        work = Path(scratch)
        out = work / "out"
        out.mkdir()
        _run_protoc(work, out, proto_root.resolve(), files)
        _replace_tree(out, output_dir)


def stale_files(expected_dir: Path, actual_dir: Path) -> list[str]:
    """Relative paths that differ between two generated trees (missing, extra or changed)."""
    expected = _tree_files(expected_dir)
    actual = _tree_files(actual_dir)
    differing = {name for name in expected.keys() & actual.keys() if expected[name] != actual[name]}
    return sorted(differing | (expected.keys() ^ actual.keys()))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tcm_contracts.codegen", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--check", action="store_true", help="fail when the committed code is stale")
    parser.add_argument("--output", type=Path, default=GENERATED_DIR, help="output package folder")
    args = parser.parse_args(argv)
    output: Path = args.output
    if not args.check:
        generate(output)
        print(f"generated {len(_tree_files(output))} files into {output}")
        return 0
    with tempfile.TemporaryDirectory(prefix="tcm-codegen-check-") as scratch:
        fresh = Path(scratch) / "generated"
        generate(fresh)
        stale = stale_files(fresh, output)
    if stale:
        print(f"generated code in {output} is stale; run python -m tcm_contracts.codegen:", file=sys.stderr)
        for name in stale:
            print(f"  {name}", file=sys.stderr)
        return 1
    print(f"generated code in {output} is up to date")
    return 0


def _run_protoc(work: Path, out: Path, proto_root: Path, files: list[str]) -> None:
    shims = work / "bin"
    shims.mkdir()
    plugin = shims / f"protoc-gen-{PLUGIN_NAME}"
    _write_shim(plugin, "betterproto2_compiler.plugin")
    _write_shim(shims / "ruff", "ruff")
    (work / "ruff.toml").write_text(RUFF_CONFIG, encoding="utf-8")
    well_known_types = Path(grpc_tools.__file__).resolve().parent / "_proto"
    command = [
        sys.executable,
        "-m",
        "grpc_tools.protoc",
        f"--proto_path={proto_root}",
        f"--proto_path={well_known_types}",
        f"--plugin=protoc-gen-{PLUGIN_NAME}={plugin}",
        f"--{PLUGIN_NAME}_out={out}",
        f"--{PLUGIN_NAME}_opt={','.join(PLUGIN_OPTIONS)}",
        *files,
    ]
    env = {**os.environ, "PATH": f"{shims}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise CodegenError(f"protoc failed ({result.returncode}):\n{result.stderr}")


def _write_shim(path: Path, module: str) -> None:
    """An executable that runs `python -m <module>` with this interpreter."""
    path.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} -m {module} "$@"\n', encoding="utf-8")
    path.chmod(0o755)


def _check_replaceable(target: Path) -> None:
    if target.exists() and any(target.iterdir()) and not (target / OUTPUT_MARKER).exists():
        raise CodegenError(f"refusing to replace {target}: it does not hold generated code")


def _replace_tree(source: Path, target: Path) -> None:
    _check_replaceable(target)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)


def _tree_files(root: Path) -> dict[str, bytes]:
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


if __name__ == "__main__":
    raise SystemExit(main())
