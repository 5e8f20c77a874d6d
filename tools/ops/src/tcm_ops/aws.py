"""boto3 clients for one environment's region.

Credentials come from the standard AWS chain (environment, profile, SSO, instance/task role); nothing here
sets them. `AWS_ENDPOINT_URL` (or per-service `AWS_ENDPOINT_URL_<SERVICE>`) is honoured by boto3 itself,
which is how the tests point the tool at a local emulator.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import boto3
from botocore.config import Config

from tcm_ops.parameters import Parameters

if TYPE_CHECKING:
    from mypy_boto3_application_autoscaling.client import ApplicationAutoScalingClient
    from mypy_boto3_ce.client import CostExplorerClient
    from mypy_boto3_cloudfront.client import CloudFrontClient
    from mypy_boto3_ec2.client import EC2Client
    from mypy_boto3_ecr.client import ECRClient
    from mypy_boto3_ecs.client import ECSClient
    from mypy_boto3_elbv2.client import ElasticLoadBalancingv2Client
    from mypy_boto3_logs.client import CloudWatchLogsClient
    from mypy_boto3_rds.client import RDSClient
    from mypy_boto3_s3.client import S3Client

_CONFIG = Config(retries={"mode": "standard", "max_attempts": 5}, user_agent_extra="tcm-ops")
# Cost Explorer has a single endpoint, in us-east-1, whatever the environment's region.
_COST_EXPLORER_REGION = "us-east-1"


class Aws:
    def __init__(self, session: boto3.Session, region: str) -> None:
        self._session = session
        self.region = region

    @cached_property
    def ecs(self) -> ECSClient:
        return self._session.client("ecs", region_name=self.region, config=_CONFIG)

    @cached_property
    def ecr(self) -> ECRClient:
        return self._session.client("ecr", region_name=self.region, config=_CONFIG)

    @cached_property
    def logs(self) -> CloudWatchLogsClient:
        return self._session.client("logs", region_name=self.region, config=_CONFIG)

    @cached_property
    def s3(self) -> S3Client:
        return self._session.client("s3", region_name=self.region, config=_CONFIG)

    @cached_property
    def cloudfront(self) -> CloudFrontClient:
        return self._session.client("cloudfront", region_name=self.region, config=_CONFIG)

    @cached_property
    def elbv2(self) -> ElasticLoadBalancingv2Client:
        return self._session.client("elbv2", region_name=self.region, config=_CONFIG)

    @cached_property
    def ec2(self) -> EC2Client:
        return self._session.client("ec2", region_name=self.region, config=_CONFIG)

    @cached_property
    def rds(self) -> RDSClient:
        return self._session.client("rds", region_name=self.region, config=_CONFIG)

    @cached_property
    def autoscaling(self) -> ApplicationAutoScalingClient:
        return self._session.client("application-autoscaling", region_name=self.region, config=_CONFIG)

    @cached_property
    def parameters(self) -> Parameters:
        return Parameters(self._session.client("ssm", region_name=self.region, config=_CONFIG))

    @cached_property
    def cost_explorer(self) -> CostExplorerClient:
        return self._session.client("ce", region_name=_COST_EXPLORER_REGION, config=_CONFIG)
