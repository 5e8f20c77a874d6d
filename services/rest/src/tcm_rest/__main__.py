"""`python -m tcm_rest` (or the PEX): serve the REST API."""

from __future__ import annotations

import logging
import sys

from tcm_common.listen_address import ListenAddress
from tcm_common.settings import SettingsError, load_environment
from tcm_common.web.asgi_server import serve
from tcm_common.web.json_logs import configure_json_logging
from tcm_common.web.runtime import service_version
from tcm_rest.app import SERVICE, create_app

DEFAULT_PORT = 8000
# uvicorn's exit code when start-up fails; the same for a configuration problem found earlier.
STARTUP_FAILED = 3

logger = logging.getLogger(__name__)


def main() -> None:
    configure_json_logging(SERVICE, service_version())
    try:
        # Needed before the app exists (the interactive docs are for development only); the lifespan
        # reads every other setting and refuses to start, naming each missing variable.
        environment = load_environment()
        address = ListenAddress.from_env(DEFAULT_PORT)
    except SettingsError as error:
        logger.critical("%s refuses to start: %s", SERVICE, error)
        sys.exit(STARTUP_FAILED)
    serve(create_app(environment), address)


if __name__ == "__main__":
    main()
