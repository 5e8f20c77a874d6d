"""schemathesis against the app's own OpenAPI document, over real HTTP: no 5xx, and every response
(status, media type, headers, body) is what the document promises. Positive and negative inputs."""

import os
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.config._checks import (
    MISSING_REQUIRED_HEADER_EXPECTED_STATUSES as MISSING_HEADER,
)
from schemathesis.config._checks import (
    POSITIVE_DATA_ACCEPTANCE_EXPECTED_STATUSES as POSITIVE,
)

from tcm_common.settings import Environment
from tcm_rest.app import create_app
from tcm_rest.http.document import published_document

MAX_EXAMPLES = int(os.environ.get("TCM_SCHEMATHESIS_EXAMPLES", "30"))

CONFIG = SchemathesisConfig.from_dict(
    {
        "generation": {"max-examples": MAX_EXAMPLES},
        "checks": {
            # Schema-valid input may still break a rule no schema can state (an end date before the
            # start date, a stale version): those answers are 412 and 422 by design.
            "positive_data_acceptance": {"expected-statuses": [*POSITIVE, "412", "422"]},
            # A missing If-Match is a missing precondition: 428 (RFC 6585), not a malformed request.
            "missing_required_header": {"expected-statuses": [*MISSING_HEADER, "428"]},
        },
    }
)
# The document the app serves (test_rest_openapi.py checks that it is served); the calls go over HTTP.
DOCUMENT = published_document(create_app(Environment.TEST))
schema = schemathesis.openapi.from_dict(DOCUMENT, config=CONFIG)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_the_api_keeps_the_promises_of_its_openapi_document(
    case: schemathesis.Case[Any], rest_url: str, fuzzer: dict[str, str]
) -> None:
    case.call_and_validate(base_url=rest_url, headers=fuzzer)
