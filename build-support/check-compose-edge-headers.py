"""Runs the compose edge's nginx.conf in a real nginx, without Docker, and checks the headers it sends.

    python3 build-support/check-compose-edge-headers.py      (needs nginx: apt-get install nginx-light)

`nginx -t` on the configuration, then the responses of a page, an SPA route, a hashed asset, a missing
asset and two proxied paths (one whose upstream sends its own CSP, as the API's documentation page does)
must carry exactly the headers of frontend/security-headers.json, as CloudFront sends them. The service
names of nginx.conf (graphql, rest) point at a local stand-in upstream here. CI runs this (.ci/run);
`./pants test ::` does not, as nginx is not among what the tests need. Standard library only.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NGINX_CONF = ROOT / "infra" / "compose" / "nginx.conf"
INCLUDE = ROOT / "infra" / "compose" / "security-headers.conf"
SECURITY_HEADERS = ROOT / "frontend" / "security-headers.json"
UPSTREAM_CSP = "script-src 'self' 'unsafe-inline'"
DEADLINE_SECONDS = 10


class Upstream(BaseHTTPRequestHandler):
    """Stands in for the services: its own framing rule always, its own CSP on the documentation page."""

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.send_response(200)
        self.send_header("X-Frame-Options", "SAMEORIGIN")
        if self.path.startswith("/api/v1/schema"):
            self.send_header("Content-Security-Policy", UPSTREAM_CSP)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format: str, *args: object) -> None:
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def site_config(work: Path, edge_port: int, upstream_port: int) -> Path:
    """nginx.conf as compose mounts it, with the container paths and service names made local."""
    site = work / "html"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>spa</title>")
    (site / "assets" / "app-0123.js").write_text("export {}")
    conf = NGINX_CONF.read_text()
    local = {
        "/etc/nginx/tcm/security-headers.conf": str(INCLUDE),
        "http://graphql:8001": f"http://127.0.0.1:{upstream_port}",
        "http://rest:8000": f"http://127.0.0.1:{upstream_port}",
        "listen 8080;": f"listen 127.0.0.1:{edge_port};",
        "/usr/share/nginx/html": str(site),
    }
    for container, here in local.items():
        if container not in conf:
            raise SystemExit(f"{NGINX_CONF} no longer says {container!r}: update this check with it")
        conf = conf.replace(container, here)
    (work / "site.conf").write_text(conf)
    main = work / "nginx.conf"
    temp = work / "temp"
    temp.mkdir()
    temp_paths = " ".join(f"{kind}_temp_path {temp};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    main.write_text(
        f"daemon off;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  {temp_paths}\n  include {work}/site.conf;\n}}\n"
    )
    return main


def headers_of(url: str) -> tuple[int, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a local http URL
            return response.status, {name.lower(): value for name, value in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, {name.lower(): value for name, value in error.headers.items()}


def wait_until_answering(url: str, nginx: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while True:
        try:
            headers_of(url)
            return
        except OSError:
            if nginx.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def check(edge: str) -> list[str]:
    spec = json.loads(SECURITY_HEADERS.read_text())
    expected = {name.lower(): value for name, value in spec["headers"].items()}
    problems: list[str] = []
    paths = {"/": 200, "/suites/1": 200, "/assets/app-0123.js": 200, "/assets/missing.js": 404, "/api/v1/things": 200}
    for path, status in paths.items():
        got_status, got = headers_of(edge + path)
        sent = {name: got.get(name) for name in expected}
        if got_status != status or sent != expected:
            problems.append(f"{path}: status {got_status}, security headers {sent}")
    _, documentation = headers_of(edge + "/api/v1/schema")
    kept = {**expected, "content-security-policy": UPSTREAM_CSP}
    sent = {name: documentation.get(name) for name in kept}
    if sent != kept:
        problems.append(f"/api/v1/schema (the upstream's own CSP kept, the rest replaced): {sent}")
    return problems


def main() -> int:
    nginx_binary = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if nginx_binary is None:
        print("check-compose-edge-headers: nginx is not installed (apt-get install nginx-light)", file=sys.stderr)
        return 1
    upstream = ThreadingHTTPServer(("127.0.0.1", free_port()), Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    edge_port = free_port()
    with tempfile.TemporaryDirectory() as directory:
        # nginx started as root serves as `nobody`, which must be able to read the site.
        os.chmod(directory, 0o755)  # noqa: S103 - a throwaway site, readable on purpose
        config = site_config(Path(directory), edge_port, upstream.server_address[1])
        subprocess.run([nginx_binary, "-t", "-q", "-c", str(config), "-p", directory], check=True)
        nginx = subprocess.Popen([nginx_binary, "-c", str(config), "-p", directory])
        try:
            edge = f"http://127.0.0.1:{edge_port}"
            wait_until_answering(edge + "/", nginx)
            problems = check(edge)
        finally:
            nginx.terminate()
            nginx.wait(timeout=DEADLINE_SECONDS)
            upstream.shutdown()
    for problem in problems:
        print(f"check-compose-edge-headers: {problem}", file=sys.stderr)
    if not problems:
        print("check-compose-edge-headers: nginx -t passed; each response has frontend/security-headers.json's headers")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
