"""The auth section: JWT keys (public for verifiers, private for issuers), cookies, allowed origins."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from tcm_common.settings.reader import Secret, SettingsReader
from tcm_common.settings.sections import AuthSettings

_PEM_HINT = 'a JSON object of key id to PEM public key, e.g. {"2026-11": "-----BEGIN PUBLIC KEY-----..."}'


def _public_keys(reader: SettingsReader) -> dict[str, str]:
    raw = reader.required("TCM_JWT_PUBLIC_KEYS", _PEM_HINT)
    if raw is None:
        return {}
    try:
        keys = json.loads(raw)
    except json.JSONDecodeError:
        reader.problem(f"TCM_JWT_PUBLIC_KEYS is not valid JSON: expected {_PEM_HINT}")
        return {}
    if (
        not isinstance(keys, dict)
        or not keys
        or not all(isinstance(pem, str) and "-----BEGIN" in pem for pem in keys.values())
    ):
        reader.problem(f"TCM_JWT_PUBLIC_KEYS must be {_PEM_HINT}")
        return {}
    return {str(kid): pem for kid, pem in keys.items()}


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
    public_keys = _public_keys(reader)
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
    cookie_secure = reader.boolean("TCM_COOKIE_SECURE", default=True)
    if not cookie_secure and not development:
        reader.problem("TCM_COOKIE_SECURE=false is allowed only when TCM_ENVIRONMENT=development")
    return AuthSettings(
        public_keys=public_keys,
        private_key=Secret(private_pem) if private_pem is not None else None,
        private_key_id=private_key_id,
        issuer=reader.optional("TCM_JWT_ISSUER") or "tcm",
        audience=reader.optional("TCM_JWT_AUDIENCE") or "tcm-api",
        cookie_secure=cookie_secure,
        allowed_origins=_origins(reader),
        access_token_seconds=reader.integer(
            "TCM_ACCESS_TOKEN_SECONDS", 900, minimum=5, hint="the lifetime of an access token, 900 by default"
        ),
        refresh_grace_seconds=reader.integer(
            "TCM_REFRESH_GRACE_SECONDS",
            5,
            minimum=0,
            hint="seconds a rotated refresh token still gets the same new session (tabs refreshing at once)",
        ),
    )
