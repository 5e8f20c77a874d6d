CREATE TABLE test_groups (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    suite_id      uuid NOT NULL REFERENCES test_suites (id) ON DELETE CASCADE,
    name          text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    description   text,
    display_order integer NOT NULL CHECK (display_order >= 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    -- Deferred so that a reorder can swap positions within one transaction. Also the suite_id index.
    CONSTRAINT test_groups_suite_order_key UNIQUE (suite_id, display_order) DEFERRABLE INITIALLY DEFERRED
);
