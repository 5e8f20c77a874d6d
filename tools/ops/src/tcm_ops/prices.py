"""A small price table for the cost estimate: USD on-demand list prices, Linux, per region.

Approximate public list prices (AWS pricing pages, 2025); good enough to see what an environment
costs per day and month, not a bill. Not included: data transfer, NAT/ALB data processing and LCUs,
CloudFront, S3, CloudWatch, public IPv4 addresses, Secrets Manager/KMS. Update the numbers here when
AWS changes them; a region without a table falls back to us-east-1 with a warning.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

HOURS_PER_MONTH = 730.0


@dataclass(frozen=True)
class RegionPrices:
    fargate_vcpu_hour: float
    fargate_gb_hour: float
    # Fargate Spot is priced by the market; this is a typical ~70% discount.
    fargate_spot_factor: float
    nat_gateway_hour: float
    alb_hour: float
    rds_storage_gb_month: float
    rds_instance_hour: Mapping[str, float] = field(default_factory=dict)


PRICES: Mapping[str, RegionPrices] = {
    "us-east-1": RegionPrices(
        fargate_vcpu_hour=0.04048,
        fargate_gb_hour=0.004445,
        fargate_spot_factor=0.3,
        nat_gateway_hour=0.045,
        alb_hour=0.0225,
        rds_storage_gb_month=0.115,
        rds_instance_hour={
            "db.t3.micro": 0.018,
            "db.t3.small": 0.036,
            "db.t3.medium": 0.072,
            "db.t4g.micro": 0.016,
            "db.t4g.small": 0.032,
            "db.t4g.medium": 0.065,
            "db.m6g.large": 0.152,
            "db.m7g.large": 0.168,
            "db.r6g.large": 0.225,
        },
    ),
    "eu-west-1": RegionPrices(
        fargate_vcpu_hour=0.04048,
        fargate_gb_hour=0.004445,
        fargate_spot_factor=0.3,
        nat_gateway_hour=0.048,
        alb_hour=0.0252,
        rds_storage_gb_month=0.127,
        rds_instance_hour={
            "db.t3.micro": 0.019,
            "db.t3.small": 0.038,
            "db.t3.medium": 0.076,
            "db.t4g.micro": 0.017,
            "db.t4g.small": 0.034,
            "db.t4g.medium": 0.068,
            "db.m6g.large": 0.168,
            "db.m7g.large": 0.186,
            "db.r6g.large": 0.247,
        },
    ),
    "ap-northeast-1": RegionPrices(
        fargate_vcpu_hour=0.05056,
        fargate_gb_hour=0.00553,
        fargate_spot_factor=0.3,
        nat_gateway_hour=0.062,
        alb_hour=0.0243,
        rds_storage_gb_month=0.138,
        rds_instance_hour={
            "db.t3.micro": 0.026,
            "db.t3.small": 0.052,
            "db.t3.medium": 0.104,
            "db.t4g.micro": 0.025,
            "db.t4g.small": 0.050,
            "db.t4g.medium": 0.100,
            "db.m6g.large": 0.195,
            "db.m7g.large": 0.215,
            "db.r6g.large": 0.300,
        },
    ),
}
FALLBACK_REGION = "us-east-1"


def prices_for(region: str) -> tuple[RegionPrices, str]:
    """The table for `region`, or the fallback region's; returns the table and the region it is for."""
    if region in PRICES:
        return PRICES[region], region
    return PRICES[FALLBACK_REGION], FALLBACK_REGION
