"""`python -m tcm_grpc` (or the PEX): serve the gRPC API.

Logs are JSON lines on stderr (tcm_common's format, with trace ids). Exit codes: 0 after a requested
stop (SIGTERM, SIGINT), 2 when the configuration is incomplete or wrong (the log line names the
variables), 1 when the database cannot be reached at start.
"""

import asyncio
import logging
import os
import sys

import asyncpg

from tcm_common.settings import SettingsError
from tcm_common.telemetry import configure_telemetry
from tcm_common.web.json_logs import configure_json_logging
from tcm_grpc.server import serve
from tcm_grpc.settings import load_service_config

SERVICE_NAME = "grpc"

logger = logging.getLogger("tcm_grpc")


def main() -> None:
    # The PEX sets the version (from services/grpc/VERSION); a source checkout has none.
    version = os.environ.get("TCM_SERVICE_VERSION", "dev")
    configure_json_logging(SERVICE_NAME, version)
    try:
        config = load_service_config()
    except SettingsError as error:
        sys.exit(_refusal(error))
    telemetry = configure_telemetry(SERVICE_NAME, version, config.settings.telemetry, config.settings.environment)
    try:
        asyncio.run(serve(config))
    except SettingsError as error:  # keys that parse as settings but are unusable
        sys.exit(_refusal(error))
    except (OSError, asyncpg.PostgresError) as error:
        logger.error("cannot reach the database at start: %s", error)
        sys.exit(1)
    finally:
        telemetry.shutdown()


def _refusal(error: SettingsError) -> int:
    logger.error("refusing to start: %s", error)
    return 2


if __name__ == "__main__":
    main()
