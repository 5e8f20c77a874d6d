#!/usr/bin/env bash
# Proves that the BUILD files' dependency rules hold: plants imports that break them and expects
# `./pants lint` to fail on each (the probes are removed again whatever happens).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

probes=(
  "services/rest/src/tcm_rest/zz_probe.py|import tcm_graphql.app|a service importing another service"
  "libs/common/src/tcm_common/zz_probe.py|import tcm_rest.app|a lib importing a service"
  "libs/common/src/tcm_common/domain/zz_probe.py|import asyncpg|the domain importing I/O"
  "libs/common/src/tcm_common/application/zz_probe.py|import asyncpg|the core (use cases) importing asyncpg"
  "libs/common/src/tcm_common/auth/zz_probe.py|import litestar|the core (auth use cases) importing Litestar"
  "libs/common/src/tcm_common/application/zz_probe.py|import grpc|the core (use cases) importing grpc"
  "libs/common/src/tcm_common/auth/zz_probe.py|import tcm_common.persistence.auth.storage|the core (auth use cases) importing an adapter"
  "services/grpc/src/tcm_grpc/zz_probe.py|import tcm_common.persistence.connection|a service importing tcm_common.persistence"
  "tools/reporter/src/tcm_reporter/zz_probe.py|import tcm_grpc.server|the CI reporter importing a service"
)
trap 'for probe in "${probes[@]}"; do rm -f "${probe%%|*}"; done' EXIT

for probe in "${probes[@]}"; do
  IFS='|' read -r path statement what <<<"$probe"
  echo "$statement  # noqa: F401" > "$path"
  if output=$(./pants lint "$path" 2>&1); then
    echo "FAIL: ./pants lint accepted $what ($path: $statement)"; exit 1
  fi
  grep -q "DENY" <<<"$output" || { echo "FAIL: lint failed for another reason:"; echo "$output"; exit 1; }
  echo "ok: ./pants lint refuses $what"
  rm -f "$path"
done
