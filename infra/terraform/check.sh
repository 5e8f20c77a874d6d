#!/usr/bin/env bash
# Static checks of infra/terraform: `terraform fmt -check` and checkov (built-in checks plus the
# project's own in checkov_checks/) over every environment and every module.
#
#   bash infra/terraform/check.sh            (from anywhere; paths are resolved from this file)
#
# checkov pins an old boto3 and installs a module named `hcl2` that clashes with python-hcl2, so it
# lives in its own virtualenv, infra/terraform/.checkov-venv (git-ignored), created on first use.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$here/.checkov-venv"
checkov_spec='checkov>=3.3,<3.4'
status=0

ensure_checkov() {
  if [[ -x "$venv/bin/checkov" ]] && "$venv/bin/python" -c 'import checkov' 2>/dev/null; then
    return 0
  fi
  rm -rf "$venv"
  python3 -m venv "$venv"
  if ! "$venv/bin/python" -m pip install --quiet "$checkov_spec"; then
    # The machine-wide pip configuration may carry a constraints file that breaks the resolution;
    # retry without it, keeping its CA bundle (the registry proxy's CA may only be there).
    echo "check.sh: pip install with the machine pip configuration failed; retrying without it" >&2
    local cert
    cert="$(python3 -m pip config get global.cert 2>/dev/null || true)"
    if [[ -z "$cert" ]]; then
      cert="$(python3 -c 'import ssl; print(ssl.get_default_verify_paths().openssl_cafile or "")')"
    fi
    PIP_CONFIG_FILE=/dev/null PIP_CERT="${PIP_CERT:-$cert}" \
      "$venv/bin/python" -m pip install --quiet "$checkov_spec"
  fi
  "$venv/bin/checkov" --version >/dev/null
}

echo "== terraform fmt -check -recursive infra/terraform"
if ! (cd "$repo" && terraform fmt -check -recursive -diff infra/terraform); then
  echo "terraform fmt: files above are not formatted (run: terraform fmt -recursive infra/terraform)" >&2
  status=1
fi

ensure_checkov
echo "== checkov $("$venv/bin/checkov" --version)"

run_checkov() {
  local dir="$1"
  echo "== checkov -d ${dir#"$repo"/}"
  # Environments reach their modules through local `source` paths, which checkov follows; the
  # modules are also checked on their own so that a module nobody calls yet is not skipped.
  if ! (cd "$repo" && "$venv/bin/checkov" -d "$dir" \
    --framework terraform \
    --skip-download \
    --quiet --compact \
    --external-checks-dir "$here/checkov_checks"); then
    status=1
  fi
}

for dir in "$here"/environments/*/ "$here"/bootstrap/; do
  [[ -d "$dir" ]] && run_checkov "${dir%/}"
done
for dir in "$here"/modules/*/; do
  run_checkov "${dir%/}"
done

if [[ $status -ne 0 ]]; then
  echo "check.sh: FAILED" >&2
else
  echo "check.sh: all checks passed"
fi
exit $status
