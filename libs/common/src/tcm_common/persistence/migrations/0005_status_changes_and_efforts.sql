-- History and effort keep who acted: a user with such records cannot be deleted (disable them instead).
CREATE TABLE status_changes (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id     uuid NOT NULL REFERENCES test_cases (id) ON DELETE CASCADE,
    from_status text NOT NULL,
    to_status   text NOT NULL,
    reason      text,
    changed_by  uuid NOT NULL REFERENCES users (id),
    changed_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX status_changes_case_id_changed_at_idx ON status_changes (case_id, changed_at, id);
CREATE INDEX status_changes_changed_by_idx ON status_changes (changed_by);

CREATE TABLE effort_records (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    case_id     uuid NOT NULL REFERENCES test_cases (id) ON DELETE CASCADE,
    work_date   date NOT NULL,
    hours       numeric(4, 2) NOT NULL CHECK (hours > 0 AND hours <= 24),
    comment     text,
    recorded_by uuid NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX effort_records_case_id_work_date_idx ON effort_records (case_id, work_date, created_at, id);
CREATE INDEX effort_records_recorded_by_idx ON effort_records (recorded_by);
