"""Typed async clients of the testsuite.v1 gRPC services over a `grpc.aio` channel.

    async with grpc.aio.insecure_channel("localhost:50051") as channel:
        clients = Clients.over(channel, token=api_token)
        page = await clients.suites.list_test_suites(v1.ListTestSuitesRequest(page_size=20), timeout=5)
        async with contextlib.aclosing(
            clients.suites.watch_test_suite(v1.WatchTestSuiteRequest(id=suite_id), timeout=600)
        ) as changes:
            async for change in changes:
                ...

Every call needs `timeout=` (seconds); errors arrive as `grpc.aio.AioRpcError` with the status code.
"""

from tcm_contracts.client.cases import TestCaseClient
from tcm_contracts.client.clients import Clients
from tcm_contracts.client.credentials import Metadata, TokenSource
from tcm_contracts.client.deadline import InvalidDeadlineError
from tcm_contracts.client.efforts import EffortClient
from tcm_contracts.client.groups import TestGroupClient
from tcm_contracts.client.retry import DEFAULT_RETRY_POLICY, NO_RETRIES, RetryPolicy
from tcm_contracts.client.runs import TestRunClient
from tcm_contracts.client.service_client import ServiceClient
from tcm_contracts.client.suites import TestSuiteClient

__all__ = [
    "DEFAULT_RETRY_POLICY",
    "NO_RETRIES",
    "Clients",
    "EffortClient",
    "InvalidDeadlineError",
    "Metadata",
    "RetryPolicy",
    "ServiceClient",
    "TestCaseClient",
    "TestGroupClient",
    "TestRunClient",
    "TestSuiteClient",
    "TokenSource",
]
