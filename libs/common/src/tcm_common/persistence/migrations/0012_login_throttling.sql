-- Every login attempt, kept for audit; `username` is what was typed (normalized, bounded).
CREATE TABLE login_attempts (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    attempted_at   timestamptz NOT NULL DEFAULT now(),
    username       text NOT NULL,
    user_id        uuid REFERENCES users (id) ON DELETE SET NULL,
    client_address text,
    user_agent     text,
    outcome        text NOT NULL CHECK (outcome IN ('SUCCEEDED', 'FAILED', 'THROTTLED'))
);

CREATE INDEX login_attempts_attempted_at_idx ON login_attempts (attempted_at);

-- Failure counters per username and per client address, shared by every service instance.
CREATE TABLE login_throttle (
    scope             text NOT NULL CHECK (scope IN ('USERNAME', 'ADDRESS')),
    subject           text NOT NULL,
    window_started_at timestamptz NOT NULL,
    failures          integer NOT NULL CHECK (failures >= 0),
    locked_until      timestamptz,
    PRIMARY KEY (scope, subject)
);
