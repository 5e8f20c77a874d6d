import pytest

from tcm_common.web.client import forwarded_address


@pytest.mark.parametrize(
    ("forwarded_for", "peer", "trusted", "expected"),
    [
        (None, "10.0.0.7", 1, "10.0.0.7"),
        ("203.0.113.9", "10.0.0.7", 1, "203.0.113.9"),
        # A client can prepend anything; only what the ALB appended counts.
        ("6.6.6.6, 203.0.113.9", "10.0.0.7", 1, "203.0.113.9"),
        # Behind CloudFront the ALB appends the edge's address; the viewer is one further left.
        ("6.6.6.6, 203.0.113.9, 130.176.0.1", "10.0.0.7", 2, "203.0.113.9"),
        ("203.0.113.9", "10.0.0.7", 2, "203.0.113.9"),
        (" , ", "10.0.0.7", 1, "10.0.0.7"),
    ],
)
def test_the_client_address_is_the_one_the_trusted_proxy_saw(
    forwarded_for: str | None, peer: str, trusted: int, expected: str
) -> None:
    assert forwarded_address(forwarded_for, peer, trusted) == expected
