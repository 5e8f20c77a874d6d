"""The committed OpenAPI snapshot (libs/contracts/openapi/rest-v1.json) is the generated document, so
every API change shows in review; a breaking change also needs a new major version of the service.

After a deliberate API change, rewrite it (refused for a breaking change without a bump) by running
this test with TCM_UPDATE_OPENAPI_SNAPSHOT=1.
"""

import json
import os
from pathlib import Path
from typing import Any

from rest_openapi_compat import breaking_changes

from tcm_common.settings import Environment
from tcm_rest.app import create_app
from tcm_rest.http.document import published_document

ROOT = Path(__file__).resolve().parents[3]
SNAPSHOT = ROOT / "libs" / "contracts" / "openapi" / "rest-v1.json"
VERSION = ROOT / "services" / "rest" / "VERSION"
# The service's major version when the snapshot was written: breaking changes need a higher one.
MAJOR_KEY = "x-tcm-service-major"
UPDATE = "TCM_UPDATE_OPENAPI_SNAPSHOT"


def generated_document() -> dict[str, Any]:
    app = create_app(Environment.PRODUCTION)
    document: dict[str, Any] = json.loads(json.dumps(published_document(app)))
    return document


def service_major() -> int:
    return int(VERSION.read_text().strip().split(".")[0])


def committed() -> tuple[dict[str, Any], int]:
    snapshot: dict[str, Any] = json.loads(SNAPSHOT.read_text())
    return snapshot, int(snapshot.pop(MAJOR_KEY))


def refusal(breaking: list[str], recorded_major: int) -> str:
    return f"breaking API changes need services/rest/VERSION to go beyond major {recorded_major}:\n  " + "\n  ".join(
        breaking
    )


def test_the_generated_document_is_the_committed_snapshot() -> None:
    document, major = generated_document(), service_major()
    snapshot, recorded_major = committed() if SNAPSHOT.exists() else ({}, major)

    breaking = breaking_changes(snapshot, document)
    assert not breaking or major > recorded_major, refusal(breaking, recorded_major)
    if os.environ.get(UPDATE):
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(json.dumps({MAJOR_KEY: major, **document}, indent=2, sort_keys=True) + "\n")
        return
    assert document == snapshot, f"the API changed: review the difference, then rewrite the snapshot ({UPDATE}=1)"
    assert recorded_major == major, f"the major version changed: rewrite the snapshot ({UPDATE}=1)"
