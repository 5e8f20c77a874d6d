"""The docker compose edge sends the headers of frontend/security-headers.json: its nginx include is
generated from that file and must not drift from it, and nginx.conf must not shadow it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tcm_dev.edge_security_headers import SECURITY_HEADERS_FILE
from tcm_dev.nginx_security_headers import NGINX_INCLUDE_FILE, render, render_file

NGINX_CONF = Path("infra") / "compose" / "nginx.conf"


def test_the_committed_include_is_what_the_json_generates() -> None:
    committed = NGINX_INCLUDE_FILE.read_text(encoding="utf-8")
    assert committed == render_file(SECURITY_HEADERS_FILE), (
        f"{NGINX_INCLUDE_FILE} is stale: run ./pants run tools/dev/src/tcm_dev/nginx_security_headers.py"
    )


def test_each_header_replaces_the_upstreams_own_on_every_response() -> None:
    text = render({"X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"}, keep_origin_value=[])

    assert "proxy_hide_header X-Frame-Options;\nadd_header X-Frame-Options \"DENY\" always;" in text
    assert "proxy_hide_header Referrer-Policy;\nadd_header Referrer-Policy \"no-referrer\" always;" in text
    assert "map " not in text


def test_a_header_the_origin_may_keep_is_sent_only_when_the_upstream_sent_none() -> None:
    text = render({"Content-Security-Policy": "default-src 'self'"}, keep_origin_value=["Content-Security-Policy"])

    assert "proxy_hide_header Content-Security-Policy" not in text
    mapping = re.search(r"map \$upstream_http_content_security_policy (\$\w+) \{\n(.*?)\n\}", text, re.S)
    assert mapping, text
    variable, cases = mapping.groups()
    assert cases.splitlines() == ["    \"\" \"default-src 'self'\";", '    default "";']
    assert f"add_header Content-Security-Policy {variable} always;" in text


@pytest.mark.parametrize("value", ["default-src $host", 'a "quoted" value', "two\nlines", "back\\slash"])
def test_a_value_nginx_would_misread_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="X-Test"):
        render({"X-Test": value}, keep_origin_value=[])


def test_keeping_an_undefined_header_is_refused() -> None:
    with pytest.raises(ValueError, match="X-Missing"):
        render({"X-Frame-Options": "DENY"}, keep_origin_value=["X-Missing"])


def test_a_malformed_header_name_is_refused() -> None:
    with pytest.raises(ValueError, match="is not a header name"):
        render({"X-Frame-Options: DENY\nX-Other": "1"}, keep_origin_value=[])


def test_nginx_conf_includes_the_headers_and_sets_no_add_header_of_its_own_below_the_http_level() -> None:
    conf = NGINX_CONF.read_text(encoding="utf-8")
    http_level, server_onwards = conf.split("\nserver {", 1)

    assert "include /etc/nginx/tcm/security-headers.conf;" in http_level
    # nginx drops inherited add_header lines in any block that has one of its own.
    assert "add_header" not in server_onwards
