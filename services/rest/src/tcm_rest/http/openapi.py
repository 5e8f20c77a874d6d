"""The OpenAPI 3.1 document (always served as JSON) and its interactive UI (development only)."""

from __future__ import annotations

from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import OpenAPIRenderPlugin, SwaggerRenderPlugin
from litestar.openapi.spec import Components, Reference, SecurityScheme, Tag

from tcm_common.auth.cookies import ACCESS_COOKIE
from tcm_common.settings import Environment
from tcm_rest.http.document import DocumentPlugin
from tcm_rest.paths import API_PREFIX

SCHEMA_PATH = f"{API_PREFIX}/schema"
DOCUMENT_PATH = f"{SCHEMA_PATH}/openapi.json"
# Bumped with the /api/v1 contract itself, not with each release of the service.
DOCUMENT_VERSION = "1"

SECURITY_SCHEMES: dict[str, SecurityScheme | Reference] = {
    "bearer": SecurityScheme(
        type="http",
        scheme="bearer",
        description="An access token, or a personal API token (tcm_...) from POST /api/v1/api-tokens.",
    ),
    "cookie": SecurityScheme(
        type="apiKey",
        name=ACCESS_COOKIE,
        security_scheme_in="cookie",
        description="The browser session from POST /api/v1/auth/login; writes need an allowed Origin.",
    ),
}
SECURITY: list[dict[str, list[str]]] = [{"bearer": []}, {"cookie": []}]

DESCRIPTION = """Test suites, groups and cases with their workflows, history and effort, users and tokens.

Errors are RFC 9457 problems (`application/problem+json`) with a stable `code`. Updates and deletes
need `If-Match` with the resource's ETag (its version): 428 without it, 412 when stale. Lists of
suites are paged with `limit` and the `nextCursor` of the previous page."""


def _render_plugins(environment: Environment) -> list[OpenAPIRenderPlugin]:
    plugins: list[OpenAPIRenderPlugin] = [DocumentPlugin()]
    if environment is Environment.DEVELOPMENT:
        plugins.insert(0, SwaggerRenderPlugin(path="/"))
    return plugins


def openapi_config(environment: Environment) -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Test management REST API",
        version=DOCUMENT_VERSION,
        description=DESCRIPTION,
        path=SCHEMA_PATH,
        render_plugins=_render_plugins(environment),
        components=Components(security_schemes=SECURITY_SCHEMES),
        use_handler_docstrings=True,
        tags=[
            Tag(name="Test suites"),
            Tag(name="Test groups"),
            Tag(name="Test cases"),
            Tag(name="Users", description="Admins only."),
            Tag(name="Me"),
            Tag(name="API tokens"),
            Tag(name="Sign-in", description="Browser sessions in HttpOnly cookies."),
        ],
    )
