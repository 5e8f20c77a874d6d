"""Standard protobuf classes (`_pb2`, `_pb2_grpc`) of our contract, generated with grpcio-tools from
libs/contracts/proto when the benchmark starts, into a temporary folder: never committed."""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

PROTO_FOLDER = Path("libs/contracts/proto")
SUITE_SERVICE = "testsuite.v1.TestSuiteService"
GET_TEST_SUITE = f"/{SUITE_SERVICE}/GetTestSuite"


class ProtoGenerationError(RuntimeError):
    pass


def find_proto_root(start: Path | None = None) -> Path:
    """libs/contracts/proto of the repository holding `start` (default: the working directory)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / PROTO_FOLDER).is_dir():
            return folder / PROTO_FOLDER
    raise ProtoGenerationError(f"no {PROTO_FOLDER} in {here} or above: run from the repository")


def generate(proto_root: Path, into: Path) -> None:
    from grpc_tools import protoc  # - only the benchmark's start-up needs the compiler

    include = Path(protoc.__file__).parent / "_proto"  # google/protobuf/*.proto
    files = sorted(str(path.relative_to(proto_root)) for path in proto_root.rglob("*.proto"))
    arguments = ["protoc", f"-I{proto_root}", f"-I{include}", f"--python_out={into}", f"--grpc_python_out={into}"]
    if protoc.main([*arguments, *files]) != 0:
        raise ProtoGenerationError(f"grpc_tools.protoc failed on {proto_root}")


@dataclass(frozen=True, slots=True)
class SuiteProtos:
    """The generated modules GetTestSuite needs."""

    date: ModuleType
    case: ModuleType
    group: ModuleType
    suite: ModuleType
    service: ModuleType
    service_grpc: ModuleType


def suite_protos(folder: Path) -> SuiteProtos:
    """The modules `generate` wrote into `folder`, imported."""
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

    def module(name: str) -> ModuleType:
        return importlib.import_module(f"testsuite.v1.{name}")

    return SuiteProtos(
        date=module("date_pb2"),
        case=module("test_case_pb2"),
        group=module("test_group_pb2"),
        suite=module("test_suite_pb2"),
        service=module("test_suite_service_pb2"),
        service_grpc=module("test_suite_service_pb2_grpc"),
    )
