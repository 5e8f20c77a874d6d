#!/usr/bin/env bash
# Bootstraps Pants from PyPI (see ../pants) and then, with --exec, runs it with the given arguments.
set -euo pipefail

readonly PANTS_VERSION="2.17.1"
readonly PEX_VERSION="2.1.137"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
boot="$root/.bootstrap"
stamp="$boot/ready-$PANTS_VERSION-$PEX_VERSION"

say() { printf '\033[1m[pants bootstrap]\033[0m %s\n' "$*" >&2; }

find_python39() {
  local candidate
  for candidate in "${PANTS_PYTHON:-}" "$(command -v python3.9 2>/dev/null || true)" \
      "$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"/versions/3.9.*/bin/python3.9; do
    if [[ -n "$candidate" && -x "$candidate" ]] && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 9)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

bootstrap() {
  local python39
  python39="$(find_python39)" || {
    echo "Pants $PANTS_VERSION needs CPython 3.9 (none found). Install it (e.g. 'pyenv install 3.9') or set PANTS_PYTHON." >&2
    exit 1
  }
  say "first run: installing Pants $PANTS_VERSION from PyPI with $python39 into .bootstrap/ (about a minute)"
  rm -rf "$boot" && mkdir -p "$boot/wheels" "$boot/tools"
  "$python39" -m venv "$boot/venv"
  # The machine-wide pip config may pin a constraints file that does not apply here.
  PIP_CONFIG_FILE=/dev/null "$boot/venv/bin/pip" install --quiet --disable-pip-version-check \
    --cert "$(ca_bundle)" "pantsbuild.pants==$PANTS_VERSION"

  say "building pex $PEX_VERSION (Pants would fetch it from GitHub) from its PyPI wheel"
  PIP_CONFIG_FILE=/dev/null "$boot/venv/bin/pip" download --quiet --no-deps --disable-pip-version-check \
    --cert "$(ca_bundle)" -d "$boot/wheels" "pex==$PEX_VERSION"
  # Built from a local wheel with no index, the PEX is byte-identical every time.
  "$boot/venv/bin/pex" --no-pypi -f "$boot/wheels" "pex==$PEX_VERSION" -c pex -o "$boot/tools/pex" \
    --python "$python39" --disable-cache

  local sha size
  sha="$(sha256sum "$boot/tools/pex" | cut -d' ' -f1)"
  size="$(stat -c %s "$boot/tools/pex")"
  say "writing .pants.rc (pex: sha256 $sha, $size bytes)"
  cat > "$root/.pants.rc" <<RC
# Written by build-support/bootstrap.sh; git-ignored. Points Pants at tools built from PyPI.
[pex-cli]
version = "v$PEX_VERSION"
url_template = "file://$boot/tools/pex"
known_versions = [
  "v$PEX_VERSION|macos_arm64|$sha|$size",
  "v$PEX_VERSION|macos_x86_64|$sha|$size",
  "v$PEX_VERSION|linux_x86_64|$sha|$size",
  "v$PEX_VERSION|linux_arm64|$sha|$size",
]

[GLOBAL]
ca_certs_path = "$(ca_bundle)"
RC
  touch "$stamp"
  say "done; from now on ./pants starts directly"
}

ca_bundle() {
  python3 -c 'import ssl; print(ssl.get_default_verify_paths().openssl_cafile)' 2>/dev/null \
    | grep . || echo /etc/ssl/certs/ca-certificates.crt
}

[[ -f "$stamp" && -f "$root/.pants.rc" ]] || bootstrap

if [[ "${1:-}" == "--exec" ]]; then
  shift
  cd "$root"
  export PANTS_BIN_NAME=./pants
  # Images need a Docker engine; without one, leave docker_image targets out instead of failing.
  if [[ -z "${PANTS_FILTER_TARGET_TYPE:-}" ]] && ! docker info >/dev/null 2>&1; then
    export PANTS_FILTER_TARGET_TYPE='["-docker_image"]'
    if [[ " $* " == *" package "* || " $* " == *" publish "* ]]; then
      say "no Docker engine: skipping docker_image targets (the PEX files are still built)"
    fi
  fi
  exec "$boot/venv/bin/pants" "$@"
fi
