#!/usr/bin/env bash
# Static checks of infra/terraform: `terraform fmt -check` and checkov (built-in checks plus the
# project's own in checkov_checks/) over every environment (and so every module it uses) and bootstrap/.
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
  local log="$venv/pip-install.log"
  if ! "$venv/bin/python" -m pip install --quiet "$checkov_spec" >"$log" 2>&1; then
    cat "$log" >&2
    # The machine-wide pip configuration may carry a constraints file that breaks the resolution;
    # retry without it, keeping its CA bundle (the registry proxy's CA may only be there).
    echo "check.sh: pip install with the machine pip configuration failed; retrying without it" >&2
    local cert
    cert="$(python3 -m pip config get global.cert 2>/dev/null || true)"
    if [[ -z "$cert" ]]; then
      cert="$(python3 -c 'import ssl; print(ssl.get_default_verify_paths().openssl_cafile or "")')"
    fi
    if ! PIP_CONFIG_FILE=/dev/null PIP_CERT="${PIP_CERT:-$cert}" \
      "$venv/bin/python" -m pip install --quiet "$checkov_spec" >"$log" 2>&1; then
      cat "$log" >&2
      echo "check.sh: could not install $checkov_spec" >&2
      exit 1
    fi
  fi
  "$venv/bin/checkov" --version >/dev/null
}

echo "== terraform fmt -check -recursive infra/terraform"
# fmt reads no provider or CLI setting; an empty CLI config keeps it from warning about a missing file.
if ! (cd "$repo" && TF_CLI_CONFIG_FILE=/dev/null terraform fmt -check -recursive -diff infra/terraform); then
  echo "terraform fmt: files above are not formatted (run: terraform fmt -recursive infra/terraform)" >&2
  status=1
fi

ensure_checkov
echo "== checkov $("$venv/bin/checkov" --version)"

checkov_args=(--framework terraform --skip-download --external-checks-dir "$here/checkov_checks")

# Self-test of the custom check: checkov does not fail when an external check can't be loaded, so
# prove CKV_TCM_1 is active and right on a fixture (open_* resources must fail, ok_* must pass).
echo "== checkov self-test of CKV_TCM_1 (checkov_checks/selftest)"
selftest_json="$(mktemp)"
trap 'rm -f "$selftest_json"' EXIT
"$venv/bin/checkov" -d "$here/checkov_checks/selftest" "${checkov_args[@]}" --check CKV_TCM_1 \
  --output json >"$selftest_json" 2>/dev/null || true
if ! "$venv/bin/python" - "$selftest_json" <<'PY'; then
import json
import sys

report = json.load(open(sys.argv[1]))
results = report["results"] if isinstance(report, dict) else report[0]["results"]
failed = sorted(r["resource"].split(".")[1] for r in results["failed_checks"])
passed = sorted(r["resource"].split(".")[1] for r in results["passed_checks"])
bad = [n for n in failed if not n.startswith("open_")] + [n for n in passed if not n.startswith("ok_")]
if len(failed) != 4 or len(passed) != 3 or bad:
    sys.exit(f"CKV_TCM_1 self-test failed: failed={failed} passed={passed}")
print(f"CKV_TCM_1 self-test passed: flagged {failed}")
PY
  status=1
fi

# Environments reach their modules through local `source` paths: checkov loads those modules and
# evaluates their resources in the environment's context (module.<name>.<resource> in its report),
# so every module that an environment uses is checked there.
for dir in "$here"/environments/*/ "$here"/bootstrap/; do
  [[ -d "$dir" ]] || continue
  dir="${dir%/}"
  echo "== checkov -d ${dir#"$repo"/}"
  if ! "$venv/bin/checkov" -d "$dir" "${checkov_args[@]}" --quiet --compact; then
    status=1
  fi
done

if [[ $status -ne 0 ]]; then
  echo "check.sh: FAILED" >&2
else
  echo "check.sh: all checks passed"
fi
exit $status
