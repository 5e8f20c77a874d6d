CREATE TABLE test_cases (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    group_id       uuid NOT NULL REFERENCES test_groups (id) ON DELETE CASCADE,
    title          text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    description    text,
    status         text NOT NULL DEFAULT 'CREATED' CHECK (
                       status IN ('CREATED', 'TESTING', 'FIXING', 'RETESTING', 'REVIEW_WAITING', 'REVIEWING',
                                  'COMPLETED')),
    priority       text NOT NULL DEFAULT 'MEDIUM' CHECK (priority IN ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW')),
    planned_effort numeric(7, 2) CHECK (planned_effort >= 0),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    version        integer NOT NULL DEFAULT 1 CHECK (version >= 1)
);

CREATE INDEX test_cases_group_id_created_at_idx ON test_cases (group_id, created_at, id);
