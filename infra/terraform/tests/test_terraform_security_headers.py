"""CloudFront's security headers come from frontend/security-headers.json, the one file the local edge sends too."""

from __future__ import annotations

import json
import re

from tcm_terraform_hcl import MODULES_ROOT, block, expr, load_module

HEADERS_FILE_EXPRESSION = re.compile(r'jsondecode\(file\("\$\{path\.module\}/([^"]+)"\)\)')


def test_the_policy_reads_the_headers_file_of_the_frontend() -> None:
    frontend = load_module("frontend")
    found = HEADERS_FILE_EXPRESSION.fullmatch(expr(frontend.locals["security_headers_file"]))
    assert found, frontend.locals["security_headers_file"]
    headers_file = (MODULES_ROOT / "frontend" / found.group(1)).resolve()
    assert headers_file == MODULES_ROOT.parents[2] / "frontend" / "security-headers.json"
    headers = json.loads(headers_file.read_text(encoding="utf-8"))["headers"]
    assert sorted(headers) == sorted(frontend.locals["supported_security_headers"])


def test_no_header_value_is_written_in_the_module() -> None:
    frontend = load_module("frontend")
    config = block(frontend.resources("aws_cloudfront_response_headers_policy")["security"], "security_headers_config")
    csp = block(config, "content_security_policy")
    assert expr(csp["content_security_policy"]) == 'local.security_headers["Content-Security-Policy"]'
    assert expr(block(config, "frame_options")["frame_option"]) == 'local.security_headers["X-Frame-Options"]'
    assert expr(block(config, "referrer_policy")["referrer_policy"]) == 'local.security_headers["Referrer-Policy"]'
    assert expr(block(config, "strict_transport_security")["access_control_max_age_sec"]) == "local.hsts_max_age_sec"
    assert "default-src" not in frontend.text(), "the CSP is defined once, in frontend/security-headers.json"


def test_hsts_meets_the_bar_of_the_checkov_check_skipped_for_it() -> None:
    # CKV_AWS_259 is skipped on the policy because checkov cannot read the file: the same bar, here.
    spec = json.loads((MODULES_ROOT.parents[2] / "frontend" / "security-headers.json").read_text(encoding="utf-8"))
    directives = [part.strip() for part in spec["headers"]["Strict-Transport-Security"].split(";")]
    max_age = next(int(d.removeprefix("max-age=")) for d in directives if d.startswith("max-age="))
    assert max_age >= 365 * 24 * 3600
    assert {"includeSubDomains", "preload"} <= set(directives)
    assert "Strict-Transport-Security" not in spec["keepOriginValue"]
