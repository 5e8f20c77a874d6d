-- Browser sessions. One row per login: the refresh-token family. Revoking it ends every refresh token
-- of the family and every access token issued under it (access tokens carry the session id as `sid`).
CREATE TABLE auth_sessions (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,  -- absolute: rotation never extends it
    last_used_at   timestamptz NOT NULL DEFAULT now(),
    user_agent     text,
    client_address text,
    revoked_at     timestamptz,
    revoked_reason text CHECK (revoked_reason IN (
        'LOGOUT', 'REVOKED', 'REUSE_DETECTED', 'PASSWORD_CHANGED', 'ROLE_CHANGED', 'USER_DISABLED'
    )),
    CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);

CREATE INDEX auth_sessions_user_id_active_idx ON auth_sessions (user_id) WHERE revoked_at IS NULL;

-- Only the SHA-256 digest of a refresh token is stored. A token with rotated_at set was exchanged
-- already: presenting it again means it was copied, and the whole family is revoked.
CREATE TABLE refresh_tokens (
    token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    session_id uuid NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
    issued_at  timestamptz NOT NULL DEFAULT now(),
    rotated_at timestamptz
);

CREATE INDEX refresh_tokens_session_id_idx ON refresh_tokens (session_id);
