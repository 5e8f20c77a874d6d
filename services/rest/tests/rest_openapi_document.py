"""The OpenAPI document the service publishes, as clients get it (exact request bodies, links)."""

import json
from typing import Any

from tcm_common.settings import Environment
from tcm_rest.app import create_app
from tcm_rest.http.document import published_document


def generated_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(json.dumps(published_document(create_app(Environment.PRODUCTION))))
    return document
