"""The Litestar lifespan that opens the ServiceRuntime at start and closes it at shutdown, and puts the
access log of requests that match no route around the app (tcm_common.web.access_log).

A configuration problem is logged as one clear line naming the variables, then start-up fails, and
uvicorn exits with a non-zero code (3) before it listens.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from litestar import Litestar

from tcm_common.settings import SettingsError
from tcm_common.web.access_log import UnroutedRequestLog
from tcm_common.web.runtime import RUNTIME_STATE_KEY, RuntimeOpener

logger = logging.getLogger(__name__)

Lifespan = Callable[[Litestar], AbstractAsyncContextManager[None]]


def runtime_lifespan(service: str, opener: RuntimeOpener) -> Lifespan:
    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        # Litestar runs the app's middleware (AccessLogMiddleware) only for requests that match a route;
        # the access log of the others wraps the app's request handler, once, before the first request.
        if not isinstance(app.asgi_handler, UnroutedRequestLog):
            app.asgi_handler = UnroutedRequestLog(app.asgi_handler)
        try:
            async with opener() as runtime:
                app.state[RUNTIME_STATE_KEY] = runtime
                try:
                    yield
                finally:
                    del app.state[RUNTIME_STATE_KEY]
        except SettingsError as error:
            logger.critical("%s refuses to start: %s", service, error)
            raise

    return lifespan
