"""All typed clients over one channel."""

from __future__ import annotations

from dataclasses import dataclass

import grpc.aio

from tcm_contracts.client.cases import TestCaseClient
from tcm_contracts.client.credentials import Metadata, TokenSource
from tcm_contracts.client.efforts import EffortClient
from tcm_contracts.client.groups import TestGroupClient
from tcm_contracts.client.retry import DEFAULT_RETRY_POLICY, RetryPolicy
from tcm_contracts.client.runs import TestRunClient
from tcm_contracts.client.suites import TestSuiteClient


@dataclass(frozen=True, slots=True)
class Clients:
    """The clients of every testsuite.v1 service, sharing a channel, token, retry policy and metadata."""

    suites: TestSuiteClient
    groups: TestGroupClient
    cases: TestCaseClient
    efforts: EffortClient
    runs: TestRunClient

    @classmethod
    def over(
        cls,
        channel: grpc.aio.Channel,
        *,
        token: TokenSource | None,
        retry: RetryPolicy = DEFAULT_RETRY_POLICY,
        metadata: Metadata = (),
    ) -> Clients:
        return cls(
            suites=TestSuiteClient(channel, token=token, retry=retry, metadata=metadata),
            groups=TestGroupClient(channel, token=token, retry=retry, metadata=metadata),
            cases=TestCaseClient(channel, token=token, retry=retry, metadata=metadata),
            efforts=EffortClient(channel, token=token, retry=retry, metadata=metadata),
            runs=TestRunClient(channel, token=token, retry=retry, metadata=metadata),
        )
