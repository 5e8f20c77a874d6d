"""The auth section: JWT keys (public for verifiers, private for issuers), cookies, allowed origins."""

from __future__ import annotations

import json
from datetime import datetime
from urllib.parse import urlsplit

from tcm_common.settings.reader import Secret, SettingsReader
from tcm_common.settings.sections import AuthSettings

_PEM_HINT = (
    'a JSON object of key id to PEM public key, e.g. {"2026-11": "-----BEGIN PUBLIC KEY-----..."}; a key '
    'being retired is {"pem": "-----BEGIN PUBLIC KEY-----...", "retire_at": "2026-12-01T10:30:00Z"}'
)


def _retire_at(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _public_keys(reader: SettingsReader) -> tuple[dict[str, str], dict[str, datetime]]:
    """The published key set: key id -> PEM, and key id -> retirement time for keys on their way out."""
    raw = reader.required("TCM_JWT_PUBLIC_KEYS", _PEM_HINT)
    if raw is None:
        return {}, {}
    try:
        keys = json.loads(raw)
    except json.JSONDecodeError:
        reader.problem(f"TCM_JWT_PUBLIC_KEYS is not valid JSON: expected {_PEM_HINT}")
        return {}, {}
    if not isinstance(keys, dict) or not keys:
        reader.problem(f"TCM_JWT_PUBLIC_KEYS must be {_PEM_HINT}")
        return {}, {}
    pems: dict[str, str] = {}
    retirements: dict[str, datetime] = {}
    for kid, entry in keys.items():
        pem = entry.get("pem") if isinstance(entry, dict) else entry
        if not isinstance(pem, str) or "-----BEGIN" not in pem:
            reader.problem(f"TCM_JWT_PUBLIC_KEYS[{kid!r}] must be a PEM public key: expected {_PEM_HINT}")
            continue
        pems[str(kid)] = pem
        if isinstance(entry, dict) and "retire_at" in entry:
            retire_at = _retire_at(entry["retire_at"])
            if retire_at is None:
                reader.problem(
                    f"TCM_JWT_PUBLIC_KEYS[{kid!r}].retire_at must be an ISO 8601 time with a UTC offset"
                )
                continue
            retirements[str(kid)] = retire_at
    if pems and len(retirements) == len(pems):
        reader.problem("TCM_JWT_PUBLIC_KEYS must hold at least one key that is not being retired")
    return pems, retirements


def _origins(reader: SettingsReader) -> tuple[str, ...]:
    origins = tuple(
        origin.strip().rstrip("/") for origin in (reader.optional("TCM_ALLOWED_ORIGINS") or "").split(",")
    )
    origins = tuple(origin for origin in origins if origin)
    for origin in origins:
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path:
            reader.problem(f"TCM_ALLOWED_ORIGINS entry {origin!r} must look like https://host[:port]")
    return origins


def read_auth(reader: SettingsReader, *, development: bool) -> AuthSettings:
    public_keys, retirements = _public_keys(reader)
    private_pem = reader.optional("TCM_JWT_PRIVATE_KEY")
    private_key_id = reader.optional("TCM_JWT_PRIVATE_KEY_ID")
    if private_pem is not None:
        if "-----BEGIN" not in private_pem:
            reader.problem("TCM_JWT_PRIVATE_KEY must be a PEM private key")
        if private_key_id is None:
            reader.problem("TCM_JWT_PRIVATE_KEY_ID is required with TCM_JWT_PRIVATE_KEY")
        elif public_keys and private_key_id not in public_keys:
            reader.problem(
                f"TCM_JWT_PRIVATE_KEY_ID={private_key_id!r} has no public key in TCM_JWT_PUBLIC_KEYS, "
                "so tokens it signs could not be verified"
            )
        elif private_key_id in retirements:
            reader.problem(
                f"TCM_JWT_PRIVATE_KEY_ID={private_key_id!r} names a key that TCM_JWT_PUBLIC_KEYS retires; "
                "sign with the current key"
            )
    cookie_secure = reader.boolean("TCM_COOKIE_SECURE", default=True)
    if not cookie_secure and not development:
        reader.problem("TCM_COOKIE_SECURE=false is allowed only when TCM_ENVIRONMENT=development")
    return AuthSettings(
        public_keys=public_keys,
        key_retirements=retirements,
        private_key=Secret(private_pem) if private_pem is not None else None,
        private_key_id=private_key_id,
        issuer=reader.optional("TCM_JWT_ISSUER") or "tcm",
        audience=reader.optional("TCM_JWT_AUDIENCE") or "tcm-api",
        cookie_secure=cookie_secure,
        allowed_origins=_origins(reader),
    )
