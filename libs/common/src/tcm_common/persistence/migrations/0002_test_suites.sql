CREATE TABLE test_suites (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name                   text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    description            text,
    status                 text NOT NULL DEFAULT 'PREPARATION'
                           CHECK (status IN ('PREPARATION', 'IN_PROGRESS', 'COMPLETED', 'SUSPENDED')),
    estimated_start_date   date NOT NULL,
    estimated_end_date     date NOT NULL,
    require_effort_comment boolean NOT NULL DEFAULT false,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    version                integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    CONSTRAINT test_suites_dates_check CHECK (estimated_end_date >= estimated_start_date)
);

-- The list is paged newest first by (created_at, id), optionally for one status.
CREATE INDEX test_suites_created_at_id_idx ON test_suites (created_at DESC, id DESC);
CREATE INDEX test_suites_status_created_at_id_idx ON test_suites (status, created_at DESC, id DESC);
