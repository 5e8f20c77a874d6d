-- Test runs and results (docs/domain-runs.md).

-- A case's automation key, unique within its suite. Its own table because uniqueness spans the suite,
-- which test_cases only reach through their group; the suite of a case never changes.
CREATE TABLE case_automation_keys (
    case_id        uuid PRIMARY KEY REFERENCES test_cases (id) ON DELETE CASCADE,
    suite_id       uuid NOT NULL REFERENCES test_suites (id) ON DELETE CASCADE,
    automation_key text NOT NULL CHECK (char_length(automation_key) BETWEEN 1 AND 500),
    CONSTRAINT case_automation_keys_suite_key UNIQUE (suite_id, automation_key)
);

CREATE TABLE test_runs (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    suite_id        uuid NOT NULL REFERENCES test_suites (id) ON DELETE CASCADE,
    name            text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    description     text,
    label           text CHECK (char_length(label) BETWEEN 1 AND 100),
    status          text NOT NULL DEFAULT 'PLANNED'
                    CHECK (status IN ('PLANNED', 'IN_PROGRESS', 'COMPLETED', 'ABORTED')),
    drives_workflow boolean NOT NULL DEFAULT false,
    created_by      uuid NOT NULL REFERENCES users (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz,
    completed_at    timestamptz,
    version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    CONSTRAINT test_runs_started_check CHECK (status IN ('PLANNED', 'ABORTED') OR started_at IS NOT NULL),
    CONSTRAINT test_runs_completed_check CHECK ((status IN ('COMPLETED', 'ABORTED')) = (completed_at IS NOT NULL))
);

-- A suite's runs are listed newest first by (created_at, id).
CREATE INDEX test_runs_suite_id_created_at_idx ON test_runs (suite_id, created_at DESC, id DESC);
CREATE INDEX test_runs_created_by_idx ON test_runs (created_by);

-- One entry per case of the run: a snapshot, so case_id references no case (the entry outlives it).
CREATE TABLE run_entries (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    run_id      uuid NOT NULL REFERENCES test_runs (id) ON DELETE CASCADE,
    case_id     uuid NOT NULL,
    position    integer NOT NULL CHECK (position >= 0),
    title       text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    priority    text NOT NULL CHECK (priority IN ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW')),
    assignee_id uuid REFERENCES users (id) ON DELETE SET NULL,
    result      text NOT NULL DEFAULT 'UNTESTED'
                CHECK (result IN ('UNTESTED', 'PASSED', 'FAILED', 'BLOCKED', 'SKIPPED', 'RETEST')),
    result_at   timestamptz,
    CONSTRAINT run_entries_run_case_key UNIQUE (run_id, case_id),
    CONSTRAINT run_entries_result_at_check CHECK ((result = 'UNTESTED') = (result_at IS NULL))
);

CREATE INDEX run_entries_run_id_position_idx ON run_entries (run_id, position, id);
CREATE INDEX run_entries_case_id_idx ON run_entries (case_id);
CREATE INDEX run_entries_assignee_id_idx ON run_entries (assignee_id);

-- Append-only history of an entry's results; the entry holds the latest.
CREATE TABLE result_records (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    run_id      uuid NOT NULL,
    case_id     uuid NOT NULL,
    result      text NOT NULL CHECK (result IN ('PASSED', 'FAILED', 'BLOCKED', 'SKIPPED', 'RETEST')),
    comment     text,
    duration_ms bigint CHECK (duration_ms >= 0),
    recorded_by uuid NOT NULL REFERENCES users (id),
    recorded_at timestamptz NOT NULL DEFAULT now(),
    source      text NOT NULL CHECK (source IN ('MANUAL', 'AUTOMATED')),
    external_id text,
    -- The identity of the imported report; NULL for results recorded one by one.
    report_id   text CHECK (char_length(report_id) BETWEEN 1 AND 200),
    CONSTRAINT result_records_entry_fkey FOREIGN KEY (run_id, case_id)
        REFERENCES run_entries (run_id, case_id) ON DELETE CASCADE,
    CONSTRAINT result_records_comment_check
        CHECK (source = 'AUTOMATED' OR result NOT IN ('FAILED', 'BLOCKED') OR comment IS NOT NULL)
);

-- A report adds at most one record per entry, so importing it again records nothing twice.
CREATE UNIQUE INDEX result_records_report_key ON result_records (run_id, case_id, report_id)
    WHERE report_id IS NOT NULL;
CREATE INDEX result_records_run_case_recorded_at_idx ON result_records (run_id, case_id, recorded_at, id);
CREATE INDEX result_records_recorded_by_idx ON result_records (recorded_by);
