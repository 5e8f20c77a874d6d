"""thread_hops names each synchronous guard, dependency and handler Litestar would send to a thread."""

from litestar import Litestar, get
from litestar.connection import ASGIConnection
from litestar.di import NamedDependency, Provide
from litestar.handlers.base import BaseRouteHandler

from tcm_common.web.thread_hops import thread_hops


def sync_guard(_connection: ASGIConnection, _handler: BaseRouteHandler) -> None:  # type: ignore[type-arg]
    return None


async def async_guard(_connection: ASGIConnection, _handler: BaseRouteHandler) -> None:  # type: ignore[type-arg]
    return None


def answer() -> int:
    return 42


Number = NamedDependency[int]


@get(
    "/threaded",
    guards=[sync_guard],
    dependencies={"number": Provide(answer, sync_to_thread=True)},
    sync_to_thread=True,
)
def threaded(number: Number) -> int:
    return number


@get("/on-the-loop", guards=[async_guard], dependencies={"number": Provide(answer, sync_to_thread=False)})
async def on_the_loop(number: Number) -> int:
    return number


def test_each_synchronous_callable_of_the_request_path_is_named() -> None:
    hops = thread_hops(Litestar([threaded]))
    assert [hop.split(": ", 1)[1].split(" ", 1)[0] for hop in hops] == ["dependency", "guard", "the"], hops
    assert all("threaded" in hop for hop in hops)


def test_an_async_path_has_none() -> None:
    assert thread_hops(Litestar([on_the_loop])) == []
