"""Database round trips per request, counted the same way for ours and for the peers: each contender's
database URL points at a small TCP proxy in front of PostgreSQL that counts the messages after which a
client waits for the server (Sync of the extended protocol, and simple Query, which asyncpg uses for
BEGIN, ROLLBACK and the pool's reset). Nothing in the services is changed or instrumented."""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import struct
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

# Startup-phase requests that ask for encryption: the proxy declines them ("N"), so that it sees the
# protocol in clear (the test server is on the loopback).
SSL_REQUEST = 80877103
GSS_ENCRYPTION_REQUEST = 80877104
WAITING_MESSAGES = (b"S", b"Q")
QUIET_SECONDS = 0.1
QUIET_DEADLINE_SECONDS = 10.0


class CountingProxy:
    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self._upstream = (upstream_host, upstream_port)
        self.round_trips = 0

    async def _startup(self, client: asyncio.StreamReader, reply: asyncio.StreamWriter) -> bytes:
        """The first untyped message that is not a request for encryption (startup or cancel)."""
        while True:
            header = await client.readexactly(8)
            length, code = struct.unpack("!ii", header)
            body = await client.readexactly(length - 8)
            if code not in (SSL_REQUEST, GSS_ENCRYPTION_REQUEST):
                return header + body
            reply.write(b"N")
            await reply.drain()

    async def _client_to_server(
        self, client: asyncio.StreamReader, reply: asyncio.StreamWriter, server: asyncio.StreamWriter
    ) -> None:
        server.write(await self._startup(client, reply))
        while True:
            header = await client.readexactly(5)
            (length,) = struct.unpack("!i", header[1:])
            body = await client.readexactly(length - 4)
            if header[:1] in WAITING_MESSAGES:
                self.round_trips += 1
            server.write(header + body)
            await server.drain()

    @staticmethod
    async def _server_to_client(server: asyncio.StreamReader, client: asyncio.StreamWriter) -> None:
        while chunk := await server.read(65536):
            client.write(chunk)
            await client.drain()

    async def handle(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        server_reader, server_writer = await asyncio.open_connection(*self._upstream)
        directions = [
            asyncio.ensure_future(self._client_to_server(client_reader, client_writer, server_writer)),
            asyncio.ensure_future(self._server_to_client(server_reader, client_writer)),
        ]
        try:
            await asyncio.wait(directions, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for direction in directions:
                direction.cancel()
            for writer in (client_writer, server_writer):
                writer.close()
            for direction in directions:
                with contextlib.suppress(asyncio.CancelledError, ConnectionError, asyncio.IncompleteReadError):
                    await direction

    async def settled(self) -> int:
        """The count once no message has arrived for QUIET_SECONDS (a pool's reset follows a response)."""
        deadline = time.monotonic() + QUIET_DEADLINE_SECONDS
        seen = self.round_trips
        while True:
            await asyncio.sleep(QUIET_SECONDS)
            if self.round_trips == seen or time.monotonic() > deadline:
                return seen
            seen = self.round_trips


@asynccontextmanager
async def counting_proxy(database_url: str) -> AsyncIterator[tuple[CountingProxy, str]]:
    """A proxy in front of the database of `database_url`, and the URL that goes through it."""
    parts = urlsplit(database_url)
    if parts.hostname is None:
        raise RuntimeError("counting round trips needs PostgreSQL over TCP (a host in the database URL)")
    proxy = CountingProxy(parts.hostname, parts.port or 5432)
    server = await asyncio.start_server(proxy.handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    credentials = parts.netloc.rsplit("@", 1)[0] + "@" if "@" in parts.netloc else ""
    proxied = urlunsplit((parts.scheme, f"{credentials}127.0.0.1:{port}", parts.path, parts.query, parts.fragment))
    try:
        yield proxy, proxied
    finally:
        server.close()
        await server.wait_closed()


@dataclass(frozen=True, slots=True)
class RoundTrips:
    median: float
    least: int
    most: int

    def text(self) -> str:
        value = f"{self.median:g}"
        return value if self.least == self.most else f"{value} ({self.least}-{self.most})"


async def round_trips_per_request(
    proxy: CountingProxy, call: Callable[[], Awaitable[None]], warmup: int, counted: int
) -> RoundTrips:
    """Sequential requests, after `warmup` (statements prepared, pool connections open); each one's count."""
    for _ in range(warmup):
        await call()
    counts = []
    before = await proxy.settled()
    for _ in range(counted):
        await call()
        after = await proxy.settled()
        counts.append(after - before)
        before = after
    return RoundTrips(statistics.median(counts), min(counts), max(counts))
