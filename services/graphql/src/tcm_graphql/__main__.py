"""`python -m tcm_graphql` (or the PEX): serve the GraphQL API."""

from tcm_common.asgi_server import serve
from tcm_common.listen_address import ListenAddress
from tcm_graphql.app import create_app

DEFAULT_PORT = 8001


def main() -> None:
    serve(create_app(), ListenAddress.from_env(DEFAULT_PORT))


if __name__ == "__main__":
    main()
