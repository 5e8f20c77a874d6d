"""The site's security headers (frontend/security-headers.json) as an nginx include, so that the docker
compose edge (infra/compose/nginx.conf) sends what CloudFront sends in AWS: on every response, replacing
the upstream's own, except the headers the file lets an origin keep.

The include is generated and committed; tools/dev/tests/test_dev_nginx_security_headers.py fails when it
no longer matches the JSON. After changing the JSON:

    ./pants run tools/dev/src/tcm_dev/nginx_security_headers.py     (rewrites infra/compose/security-headers.conf)
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from tcm_dev.edge_security_headers import SECURITY_HEADERS_FILE
from tcm_dev.workspace import repository_root

NGINX_INCLUDE_FILE = Path("infra") / "compose" / "security-headers.conf"

_HEADER_NAME = re.compile(r"^[A-Za-z0-9-]+$")
# nginx expands `$name` inside any value and has no escape for it; a newline would end the directive.
_UNSAFE_IN_VALUE = re.compile(r'[$"\\\r\n]')

_PREAMBLE = """\
# Generated from frontend/security-headers.json by tools/dev/src/tcm_dev/nginx_security_headers.py; do not edit.
# Included at the http level of infra/compose/nginx.conf. nginx hands add_header down only to blocks that
# have no add_header of their own, so the server and locations there set none.
"""


def _quoted(value: str, what: str) -> str:
    if _UNSAFE_IN_VALUE.search(value):
        raise ValueError(f"{what} holds $, a quote, a backslash or a line break, which an nginx include cannot carry")
    return f'"{value}"'


def _variable(name: str) -> str:
    return name.lower().replace("-", "_")


def render(headers: Mapping[str, str], keep_origin_value: Sequence[str]) -> str:
    """The include's text: `add_header ... always` for each header (error responses too, as CloudFront),
    the upstream's copy hidden, or, for a header the origin may keep, sent only when the upstream sent none."""
    unknown = set(keep_origin_value) - set(headers)
    if unknown:
        raise ValueError(f"keepOriginValue names headers the file does not define: {', '.join(sorted(unknown))}")
    blocks = [_PREAMBLE]
    for name, value in headers.items():
        if not _HEADER_NAME.match(name):
            raise ValueError(f"{name!r} is not a header name")
        quoted = _quoted(value, name)
        if name in keep_origin_value:
            variable = f"$site_{_variable(name)}"
            blocks.append(
                f"# {name}: the upstream's own when it sends one; the site's otherwise.\n"
                f"map $upstream_http_{_variable(name)} {variable} {{\n"
                f'    "" {quoted};\n'
                f'    default "";\n'
                f"}}\n"
                f"add_header {name} {variable} always;\n"
            )
        else:
            blocks.append(f"proxy_hide_header {name};\nadd_header {name} {quoted} always;\n")
    return "\n".join(blocks)


def render_file(security_headers_json: Path) -> str:
    spec = json.loads(security_headers_json.read_text(encoding="utf-8"))
    return render(spec["headers"], spec["keepOriginValue"])


def main() -> None:
    root = repository_root()
    target = root / NGINX_INCLUDE_FILE
    target.write_text(render_file(root / SECURITY_HEADERS_FILE), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
