"""The OpenAPI document the service generates, as clients get it (request bodies exact)."""

import json
from typing import Any

from tcm_common.settings import Environment
from tcm_rest.app import create_app
from tcm_rest.http.request_schemas import with_exact_request_bodies


def generated_document() -> dict[str, Any]:
    app = create_app(Environment.PRODUCTION)
    document: dict[str, Any] = json.loads(json.dumps(with_exact_request_bodies(app.openapi_schema.to_schema())))
    return document
