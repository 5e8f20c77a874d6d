"""`python -m tcm_grpc` (or the PEX): serve the gRPC API.

Exit codes: 0 after a requested stop (SIGTERM, SIGINT), 2 when the configuration is incomplete or
wrong (the message names the variables), 1 when the database cannot be reached at start.
"""

import asyncio
import os
import sys

import asyncpg

from tcm_common.settings import SettingsError
from tcm_common.telemetry import configure_tracing
from tcm_grpc.server import serve
from tcm_grpc.settings import load_service_config

SERVICE_NAME = "grpc"


def main() -> None:
    try:
        config = load_service_config()
    except SettingsError as error:
        sys.exit(_refusal(error))
    # The PEX sets the version (from services/grpc/VERSION); a source checkout has none.
    version = os.environ.get("TCM_SERVICE_VERSION", "dev")
    tracing = configure_tracing(SERVICE_NAME, version, config.settings.telemetry, config.settings.environment)
    try:
        asyncio.run(serve(config))
    except SettingsError as error:  # keys that parse as settings but are unusable
        sys.exit(_refusal(error))
    except (OSError, asyncpg.PostgresError) as error:
        print(f"tcm_grpc cannot reach the database: {error}", file=sys.stderr)
        sys.exit(1)
    finally:
        tracing.shutdown()


def _refusal(error: SettingsError) -> int:
    print(f"tcm_grpc refuses to start: {error}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    main()
