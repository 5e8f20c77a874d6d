#!/usr/bin/env bash
# Prints a .env for docker compose: a random database password and a fresh Ed25519 signing key pair.
# Usage: build-support/compose-env.sh > .env   (.env is git-ignored; nothing here is a built-in secret)
set -euo pipefail
key_id="compose-$(date +%Y%m%d)"
private_pem="$(openssl genpkey -algorithm ed25519)"
public_pem="$(openssl pkey -pubout <<<"$private_pem")"
json_escape() { python3 -c 'import json, sys; print(json.dumps(sys.stdin.read()))'; }
echo "POSTGRES_PASSWORD=$(openssl rand -hex 24)"
echo "TCM_JWT_PRIVATE_KEY_ID=$key_id"
echo "TCM_JWT_PRIVATE_KEY='$private_pem'"
echo "TCM_JWT_PUBLIC_KEYS='{\"$key_id\": $(json_escape <<<"$public_pem")}'"
