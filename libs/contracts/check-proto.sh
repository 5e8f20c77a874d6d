#!/usr/bin/env bash
# Lints the .proto files with buf and checks that they do not break the released contract.
#
#   libs/contracts/check-proto.sh                     lint + breaking-change check against the baseline
#   libs/contracts/check-proto.sh --update-baseline   rebuild the baseline from the current protos (do
#                                                     this only when releasing a new contract version)
#
# buf comes from the npm package @bufbuild/buf (pinned in package-lock.json), installed on demand.
# The baseline image (baseline/testsuite-v1.binpb) is the last released contract, so the check works
# in a fresh clone without git history.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

baseline=baseline/testsuite-v1.binpb
buf=node_modules/.bin/buf

if [[ ! -x "$buf" || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

if [[ "${1:-}" == "--update-baseline" ]]; then
  "$buf" lint
  mkdir -p "$(dirname "$baseline")"
  "$buf" build --exclude-source-info -o "$baseline"
  echo "baseline written to libs/contracts/$baseline"
  exit 0
fi

"$buf" lint
"$buf" breaking --against "$baseline"
echo "buf lint and buf breaking passed"
