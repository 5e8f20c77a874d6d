"""A `lint` check for the visibility rules of the BUILD files.

Pants 2.17 enforces `__dependencies_rules__` whenever it computes dependencies (check, test, package),
but its `lint` goal has no visibility linter yet. This one resolves each target's dependencies so that
`./pants lint ::` fails on a service importing another service or a lib importing a service.
"""

from __future__ import annotations

from dataclasses import dataclass

from pants.core.goals.lint import LintResult, LintTargetsRequest
from pants.core.util_rules.partitions import PartitionerType
from pants.engine.addresses import Addresses
from pants.engine.internals.dep_rules import DependencyRuleActionDeniedError
from pants.engine.rules import Get, collect_rules, rule
from pants.engine.target import Dependencies, DependenciesRequest, FieldSet
from pants.engine.unions import UnionRule
from pants.option.option_types import SkipOption
from pants.option.subsystem import Subsystem


class VisibilityLint(Subsystem):
    options_scope = "visibility-lint"
    name = "visibility-lint"
    help = "Fails `lint` when a dependency breaks the BUILD files' __dependencies_rules__."

    skip = SkipOption("lint")


@dataclass(frozen=True)
class VisibilityFieldSet(FieldSet):
    required_fields = (Dependencies,)

    dependencies: Dependencies


class VisibilityLintRequest(LintTargetsRequest):
    field_set_type = VisibilityFieldSet
    tool_subsystem = VisibilityLint
    partitioner_type = PartitionerType.DEFAULT_SINGLE_PARTITION


@rule(desc="Check dependency rules (visibility)")
async def lint_visibility(request: VisibilityLintRequest.Batch) -> LintResult:
    violations = []
    for field_set in request.elements:
        try:
            await Get(Addresses, DependenciesRequest(field_set.dependencies))
        except DependencyRuleActionDeniedError as error:
            violations.append(str(error))
    return LintResult(
        exit_code=1 if violations else 0,
        stdout="\n".join(violations) or f"{len(request.elements)} targets follow the dependency rules",
        stderr="",
        linter_name=VisibilityLintRequest.tool_name,
    )


def rules():
    return [*collect_rules(), *VisibilityLintRequest.rules()]
