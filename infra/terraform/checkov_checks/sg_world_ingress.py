"""CKV_TCM_1: no security group accepts traffic from the whole internet except on ports 80 and 443.

checkov's built-in checks only look at 22, 3389, 80 and "all ports"; an ingress rule opening 5432 or
50051 to 0.0.0.0/0 passes them. This check covers the three ways Terraform writes an ingress rule:
inline `ingress` blocks of `aws_security_group`, `aws_security_group_rule` with `type = "ingress"`,
and `aws_vpc_security_group_ingress_rule`.

A source CIDR that checkov cannot resolve to a literal (e.g. `each.value` from a variable list) might be
the whole internet, so it counts as open: such a rule fails unless its ports are 80/443, and a rule that
is safe for another reason (a validated variable) must say so in an inline skip with its reason.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck

WORLD = {"0.0.0.0/0", "::/0"}
ALLOWED_PORTS = {80, 443}


def _first(value: Any) -> Any:
    """checkov wraps every attribute value in a one-element list."""
    while isinstance(value, list) and len(value) == 1:
        value = value[0]
    return value


def _cidrs(value: Any) -> set[str]:
    value = _first(value)
    if value is None:
        return set()
    if isinstance(value, str):
        return {value.strip()}
    if isinstance(value, list):
        found: set[str] = set()
        for item in value:
            found |= _cidrs(item)
        return found
    return set()


def _port(value: Any) -> int | None:
    value = _first(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def _maybe_world(cidr: str) -> bool:
    """True for 0.0.0.0/0 and ::/0, and for anything that is not a literal CIDR (unresolved reference)."""
    try:
        network = ipaddress.ip_network(cidr, strict=False)
    except ValueError:
        return True
    return network.prefixlen == 0 or cidr in WORLD


def _rule_is_safe(rule: dict[str, Any], cidr_keys: tuple[str, ...]) -> bool:
    """True when the rule is not open to the world, or opens only port 80 or 443 over TCP."""
    cidrs: set[str] = set()
    for key in cidr_keys:
        cidrs |= _cidrs(rule.get(key))
    if not any(_maybe_world(cidr) for cidr in cidrs):
        return True
    protocol = str(_first(rule.get("protocol", rule.get("ip_protocol", "tcp")))).lower()
    if protocol in ("-1", "all"):
        return False
    from_port, to_port = _port(rule.get("from_port")), _port(rule.get("to_port"))
    if from_port is None or to_port is None:
        # A port range that can't be resolved statically and is open to the world: refuse it.
        return False
    return from_port == to_port and from_port in ALLOWED_PORTS


class SecurityGroupWorldIngressOnlyWeb(BaseResourceCheck):
    def __init__(self) -> None:
        super().__init__(
            name=(
                "Ensure no security group allows ingress from 0.0.0.0/0 or ::/0 "
                "on ports other than 80 and 443"
            ),
            id="CKV_TCM_1",
            categories=(CheckCategories.NETWORKING,),
            supported_resources=(
                "aws_security_group",
                "aws_security_group_rule",
                "aws_vpc_security_group_ingress_rule",
            ),
        )

    def scan_resource_conf(self, conf: dict[str, Any]) -> CheckResult:
        resource_type = self.entity_type
        if resource_type == "aws_security_group":
            for block in conf.get("ingress", []) or []:
                rules = block if isinstance(block, list) else [block]
                for rule in rules:
                    if isinstance(rule, dict) and not _rule_is_safe(
                        rule, ("cidr_blocks", "ipv6_cidr_blocks")
                    ):
                        return CheckResult.FAILED
            return CheckResult.PASSED
        if resource_type == "aws_security_group_rule":
            if str(_first(conf.get("type", ""))).lower() != "ingress":
                return CheckResult.PASSED
            ok = _rule_is_safe(conf, ("cidr_blocks", "ipv6_cidr_blocks"))
            return CheckResult.PASSED if ok else CheckResult.FAILED
        ok = _rule_is_safe(conf, ("cidr_ipv4", "cidr_ipv6"))
        return CheckResult.PASSED if ok else CheckResult.FAILED


check = SecurityGroupWorldIngressOnlyWeb()
