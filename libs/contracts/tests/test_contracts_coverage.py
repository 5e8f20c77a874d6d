"""The hand-written typed layers (servicer bases, clients) cover the .proto contract exactly."""

from __future__ import annotations

import inspect

import pytest

from tcm_contracts import descriptors
from tcm_contracts.client import (
    EffortClient,
    ServiceClient,
    TestCaseClient,
    TestGroupClient,
    TestRunClient,
    TestSuiteClient,
)
from tcm_contracts.generated.testsuite import v1
from tcm_contracts.servicers import (
    EffortServicer,
    Servicer,
    TestCaseServicer,
    TestGroupServicer,
    TestRunServicer,
    TestSuiteServicer,
)

SERVICERS: list[type[Servicer]] = [
    TestSuiteServicer,
    TestGroupServicer,
    TestCaseServicer,
    EffortServicer,
    TestRunServicer,
]
CLIENTS: list[type[ServiceClient]] = [TestSuiteClient, TestGroupClient, TestCaseClient, EffortClient, TestRunClient]
BOTH: list[type[Servicer] | type[ServiceClient]] = [*SERVICERS, *CLIENTS]


def public_methods(cls: type) -> set[str]:
    return {name for name, _ in inspect.getmembers(cls, inspect.isfunction) if not name.startswith("_")}


def test_the_package_has_the_five_services() -> None:
    assert descriptors.service_names() == (
        descriptors.EFFORT_SERVICE,
        descriptors.TEST_CASE_SERVICE,
        descriptors.TEST_GROUP_SERVICE,
        descriptors.TEST_RUN_SERVICE,
        descriptors.TEST_SUITE_SERVICE,
    )
    assert {cls.SERVICE for cls in SERVICERS} == set(descriptors.service_names())
    assert {cls.SERVICE for cls in CLIENTS} == set(descriptors.service_names())


def test_reads_are_idempotent_and_nothing_else_is() -> None:
    for service in descriptors.service_names():
        for rpc in descriptors.service_rpcs(service):
            is_read = rpc.name.startswith(("Get", "List", "Watch"))
            assert rpc.idempotent == is_read, rpc.path


def test_only_watches_and_the_report_stream() -> None:
    rpcs = [rpc for name in descriptors.service_names() for rpc in descriptors.service_rpcs(name)]
    server_streaming = sorted(rpc.path for rpc in rpcs if rpc.server_streaming)
    client_streaming = [rpc.path for rpc in rpcs if rpc.client_streaming]
    assert server_streaming == [
        "/testsuite.v1.TestRunService/WatchTestRun",
        "/testsuite.v1.TestSuiteService/WatchTestSuite",
    ]
    assert client_streaming == ["/testsuite.v1.TestRunService/ReportResults"]


@pytest.mark.parametrize("cls", BOTH, ids=lambda cls: cls.__name__)
def test_methods_match_the_rpcs_and_their_types(cls: type[Servicer] | type[ServiceClient]) -> None:
    rpcs = descriptors.service_rpcs(cls.SERVICE)
    assert public_methods(cls) - {"over"} == {rpc.python_name for rpc in rpcs}
    for rpc in rpcs:
        # Annotations are strings (`from __future__ import annotations`); compare them as written.
        signature = inspect.signature(getattr(cls, rpc.python_name))
        request, response = f"v1.{rpc.request_type.__name__}", f"v1.{rpc.response_type.__name__}"
        # The request is the first argument after self, whatever its name (`_request` where unused).
        first = list(signature.parameters.values())[1]
        if rpc.client_streaming:
            assert first.annotation in (
                f"AsyncIterator[{request}]",
                f"AsyncIterable[{request}] | Iterable[{request}]",
            ), rpc.path
        else:
            assert first.annotation == request, rpc.path
        if rpc.server_streaming:
            assert signature.return_annotation in (
                f"AsyncIterator[{response}]",
                f"AsyncGenerator[{response}, None]",
            )
        else:
            assert signature.return_annotation == response, rpc.path


@pytest.mark.parametrize("cls", CLIENTS, ids=lambda cls: cls.__name__)
def test_every_client_call_needs_a_timeout(cls: type[ServiceClient]) -> None:
    for rpc in descriptors.service_rpcs(cls.SERVICE):
        timeout = inspect.signature(getattr(cls, rpc.python_name)).parameters["timeout"]
        assert timeout.kind is inspect.Parameter.KEYWORD_ONLY
        assert timeout.default is inspect.Parameter.empty


def test_every_enum_starts_with_unspecified() -> None:
    enums = [
        v1.TestSuiteStatus,
        v1.TestCaseStatus,
        v1.TestCasePriority,
        v1.TestSuiteChangeKind,
        v1.TestRunStatus,
        v1.RunResult,
        v1.ResultSource,
        v1.TestRunChangeKind,
    ]
    for enum in enums:
        assert enum(0).name == "UNSPECIFIED"


def test_test_named_product_classes_carry_no_pytest_marks(request: pytest.FixtureRequest) -> None:
    # This module imports TestSuiteClient, TestCaseServicer and the like into its globals; pytest.ini
    # collects no classes at all, which is why its collection succeeds without marks in product code.
    assert request.config.getini("python_classes") == []
    for cls in (v1.TestSuite, v1.TestCaseStatus, TestSuiteClient, TestSuiteServicer):
        assert "__test__" not in vars(cls)
