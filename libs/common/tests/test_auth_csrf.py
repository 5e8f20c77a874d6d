import pytest

from tcm_common.auth.csrf import REFUSED_MESSAGE, CsrfGuard
from tcm_common.domain.errors import PermissionDenied

ORIGIN = "https://tcm.example.com"
JSON = {"Content-Type": "application/json"}


@pytest.fixture
def guard() -> CsrfGuard:
    return CsrfGuard([ORIGIN, "http://localhost:5173/"])


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS", "get"])
def test_safe_methods_pass_without_any_header(guard: CsrfGuard, method: str) -> None:
    guard.check(method, {})


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": ORIGIN, "Content-Type": "application/json"},
        {"origin": "HTTPS://TCM.EXAMPLE.COM", "content-type": "application/json; charset=utf-8"},
        {"Origin": "http://localhost:5173", "Content-Type": "application/json"},
        {"Sec-Fetch-Site": "same-origin", "Content-Type": "application/json"},
    ],
)
def test_json_posts_from_an_allowed_origin_pass(guard: CsrfGuard, headers: dict[str, str]) -> None:
    guard.check("POST", headers)


def test_a_websocket_handshake_is_checked_for_its_origin_only(guard: CsrfGuard) -> None:
    guard.check_origin({"Origin": ORIGIN})
    with pytest.raises(PermissionDenied):
        guard.check_origin({"Origin": "https://evil.example"})
    with pytest.raises(PermissionDenied):
        guard.check_origin({})


@pytest.mark.parametrize(
    ("method", "headers"),
    [
        ("POST", {"Origin": "https://evil.example", **JSON}),
        ("POST", {"Origin": "null", **JSON}),
        ("POST", {"Origin": "https://tcm.example.com.evil.example", **JSON}),
        ("POST", JSON),
        ("POST", {"Sec-Fetch-Site": "cross-site", **JSON}),
        ("POST", {"Sec-Fetch-Site": "same-site", **JSON}),
        ("POST", {"Origin": "https://evil.example", "Sec-Fetch-Site": "same-origin", **JSON}),
        ("POST", {"Origin": ORIGIN, "Content-Type": "application/x-www-form-urlencoded"}),
        ("POST", {"Origin": ORIGIN, "Content-Type": "text/plain"}),
        ("POST", {"Origin": ORIGIN, "Content-Type": "multipart/form-data; boundary=x"}),
        ("POST", {"Origin": ORIGIN}),
        ("PUT", {"Origin": "https://evil.example", **JSON}),
        ("DELETE", {"Origin": ORIGIN}),
        ("PATCH", {}),
    ],
)
def test_everything_else_is_refused_with_403(guard: CsrfGuard, method: str, headers: dict[str, str]) -> None:
    with pytest.raises(PermissionDenied) as refused:
        guard.check(method, headers)
    assert refused.value.message == REFUSED_MESSAGE
