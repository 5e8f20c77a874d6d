-- Users: the domain references them (recorded_by, changed_by); authentication owns the rest of them.
CREATE TABLE users (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    username             text NOT NULL,
    role                 text NOT NULL CHECK (role IN ('TESTER', 'MANAGER', 'ADMIN')),
    password_hash        text NOT NULL,
    disabled             boolean NOT NULL DEFAULT false,
    created_at           timestamptz NOT NULL DEFAULT now(),
    last_login_at        timestamptz,
    sessions_valid_after timestamptz NOT NULL DEFAULT now(),
    version              integer NOT NULL DEFAULT 1 CHECK (version >= 1)
);

CREATE UNIQUE INDEX users_username_lower_key ON users (lower(username));
