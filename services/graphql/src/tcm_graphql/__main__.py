"""`python -m tcm_graphql` (or the PEX): serve the GraphQL API."""

from tcm_common.listen_address import ListenAddress
from tcm_common.web.asgi_server import serve
from tcm_common.web.json_logs import configure_json_logging
from tcm_common.web.runtime import service_version
from tcm_graphql.app import SERVICE, create_app

DEFAULT_PORT = 8001


def main() -> None:
    configure_json_logging(SERVICE, service_version())
    serve(create_app(), ListenAddress.from_env(DEFAULT_PORT))


if __name__ == "__main__":
    main()
