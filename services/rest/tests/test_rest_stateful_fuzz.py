"""Stateful schemathesis over real HTTP: scenarios chain operations along the document's links (a created
suite is read, updated at its ETag, gets groups and runs; a created case changes status...), and no answer
is a 5xx or anything the document does not promise. The scenarios bound the run
(TCM_REST_STATEFUL_SCENARIOS, TCM_REST_STATEFUL_STEPS), not the clock."""

import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, settings
from hypothesis.errors import Flaky
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Ok
from schemathesis.core.transport import Response
from schemathesis.generation.stateful.state_machine import APIStateMachine, StepInput, StepOutput, normalize_name
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ensure_resource_availability,
    response_schema_conformance,
    status_code_conformance,
    use_after_free,
)

from tcm_common.settings import Environment
from tcm_rest.app import create_app
from tcm_rest.http.document import published_document

# CI keeps it small (2 cores); a longer run raises both.
SCENARIOS = int(os.environ.get("TCM_REST_STATEFUL_SCENARIOS", "30"))
STEPS = int(os.environ.get("TCM_REST_STATEFUL_STEPS", "10"))
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
    # A resource just created is there for the operations linked to it; one deleted is gone.
    ensure_resource_availability,
    use_after_free,
]
# Only the document's own links, so that the run shows they are enough to chain the operations.
CONFIG = SchemathesisConfig.from_dict({"phases": {"stateful": {"inference": {"algorithms": []}}}})
schema = schemathesis.openapi.from_dict(published_document(create_app(Environment.TEST)), config=CONFIG)


@dataclass
class Observed:
    scenarios: int = 0
    # (link, status) of every step that followed a link with the values it carried.
    followed: Counter[tuple[str, int]] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def links_to_a_success(self) -> set[str]:
        return {link for (link, status) in self.followed if 200 <= status < 300}


def _without_blind_starts(machine: type[APIStateMachine]) -> type[APIStateMachine]:
    """schemathesis starts scenarios with any linked POST, also one that needs an id from nowhere
    (`POST /test-runs/{run_id}/start`): those only get 404s, and the links reach them with real ids."""
    needing_an_id = {
        normalize_name(f"RANDOM -> {result.ok().label}")
        for result in schema.get_all_operations()
        if isinstance(result, Ok) and result.ok().path_parameters
    }
    for name in machine.root_rules & needing_an_id:
        # A rule is an attribute carrying Hypothesis' marker; None in the subclass hides it.
        setattr(machine, name, None)
    return machine


def _scenarios(rest_url: str, headers: dict[str, str], observed: Observed) -> type[APIStateMachine]:
    class Scenarios(schema.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case: schemathesis.Case[Any]) -> dict[str, Any]:  # noqa: ARG002 the same for every case
            return {"base_url": rest_url, "headers": headers}

        def step(self, input: StepInput) -> StepOutput:
            output: StepOutput = super().step(input)
            if input.transition is not None and input.is_applied:
                observed.followed[(input.transition.id, output.response.status_code)] += 1
            return output

        def validate_response(
            self,
            response: Response,
            case: schemathesis.Case[Any],
            additional_checks: list[Any] | None = None,  # noqa: ARG002 none here
            **kwargs: Any,
        ) -> None:
            try:
                case.validate_response(response, checks=CHECKS, transport_kwargs=kwargs, recorder=self.recorder)
            except FailureGroup as failed:
                observed.failures.append(f"{failed}\n{case.as_curl_command(headers=headers)}")
                raise

        def teardown(self) -> None:
            observed.scenarios += 1
            super().teardown()

    return _without_blind_starts(Scenarios)


def test_scenarios_along_the_links_get_only_answers_the_document_promises(
    rest_url: str, fuzzer: dict[str, str]
) -> None:
    observed = Observed()
    scenarios = _scenarios(rest_url, fuzzer, observed)
    while observed.scenarios < SCENARIOS and not observed.failures:
        before = observed.scenarios
        try:
            scenarios.run(
                settings=settings(
                    max_examples=SCENARIOS - observed.scenarios,
                    stateful_step_count=STEPS,
                    phases=[Phase.generate],
                    deadline=None,
                    suppress_health_check=list(HealthCheck),
                    database=None,
                )
            )
        except Flaky:
            # The server's state differs from one scenario to the next, so Hypothesis may see a scenario
            # draw differently from an earlier one with the same start; schemathesis' own runner starts
            # again too. A failed check is recorded above whatever Hypothesis makes of it.
            assert observed.scenarios > before, "no scenario completed"
        else:
            break
    assert not observed.failures, observed.failures[0]
    assert observed.links_to_a_success(), f"no link was followed to a success: {observed.followed}"
