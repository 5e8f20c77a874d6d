"""`python -m tcm_grpc` (or the PEX): serve the gRPC API."""

import asyncio

from tcm_common.listen_address import ListenAddress
from tcm_grpc.server import serve

DEFAULT_PORT = 50051


def main() -> None:
    asyncio.run(serve(ListenAddress.from_env(DEFAULT_PORT)))


if __name__ == "__main__":
    main()
