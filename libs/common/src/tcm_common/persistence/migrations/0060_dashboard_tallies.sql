-- The dashboard's counts, kept by the writes in their own transactions (docs/decisions/0017): reading them
-- costs the same whatever the number of suites and cases. Every change goes through the triggers below,
-- whoever writes (repositories, seeding, cascades), and a tally row is only ever changed by adding to it.
--
-- Locks: a trigger that counts a suite's or a group's cases first locks what a concurrent writer of those
-- cases would lock (the groups, then the cases), so that every case is counted off or moved exactly once;
-- the tally rows of one statement are changed in key order. No CHECK (n >= 0): PostgreSQL checks the row
-- proposed by INSERT ... ON CONFLICT (here a negative change) before it finds the conflict.

CREATE TABLE dashboard_suite_tallies (
    status text PRIMARY KEY,
    n      bigint NOT NULL
);

-- The cases by their suite's estimated end date (for delays), their status and their priority.
CREATE TABLE dashboard_case_tallies (
    suite_end_date date NOT NULL,
    status         text NOT NULL,
    priority       text NOT NULL,
    n              bigint NOT NULL,
    PRIMARY KEY (suite_end_date, status, priority)
);

CREATE TYPE dashboard_case_change AS (suite_end_date date, status text, priority text, n bigint);

CREATE FUNCTION dashboard_add_case_tallies(changes dashboard_case_change[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO dashboard_case_tallies AS t (suite_end_date, status, priority, n)
    SELECT c.suite_end_date, c.status, c.priority, sum(c.n)::bigint
      FROM unnest(changes) AS c
     GROUP BY c.suite_end_date, c.status, c.priority
    HAVING sum(c.n) <> 0
     ORDER BY c.suite_end_date, c.status, c.priority
        ON CONFLICT (suite_end_date, status, priority) DO UPDATE SET n = t.n + EXCLUDED.n
$$;

-- Cases inserted, updated (status, priority, or group) or deleted. A case whose group is no longer there
-- was counted off by its group's or suite's deletion (the triggers before them).
CREATE FUNCTION dashboard_tally_case_writes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM dashboard_add_case_tallies(ARRAY(
            SELECT ROW(s.estimated_end_date, c.status, c.priority, 1)::dashboard_case_change
              FROM new_cases c
              JOIN test_groups g ON g.id = c.group_id
              JOIN test_suites s ON s.id = g.suite_id));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM dashboard_add_case_tallies(ARRAY(
            SELECT ROW(s.estimated_end_date, c.status, c.priority, -1)::dashboard_case_change
              FROM old_cases c
              JOIN test_groups g ON g.id = c.group_id
              JOIN test_suites s ON s.id = g.suite_id));
    ELSE
        PERFORM dashboard_add_case_tallies(ARRAY(
            SELECT ROW(s.estimated_end_date, c.status, c.priority, c.n)::dashboard_case_change
              FROM (SELECT o.group_id, o.status, o.priority, -1 AS n
                      FROM old_cases o JOIN new_cases n USING (id)
                     WHERE (o.group_id, o.status, o.priority) IS DISTINCT FROM (n.group_id, n.status, n.priority)
                    UNION ALL
                    SELECT n.group_id, n.status, n.priority, 1
                      FROM old_cases o JOIN new_cases n USING (id)
                     WHERE (o.group_id, o.status, o.priority) IS DISTINCT FROM (n.group_id, n.status, n.priority)
                   ) c
              JOIN test_groups g ON g.id = c.group_id
              JOIN test_suites s ON s.id = g.suite_id));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER dashboard_tally_case_inserts AFTER INSERT ON test_cases
    REFERENCING NEW TABLE AS new_cases FOR EACH STATEMENT EXECUTE FUNCTION dashboard_tally_case_writes();
CREATE TRIGGER dashboard_tally_case_updates AFTER UPDATE ON test_cases
    REFERENCING OLD TABLE AS old_cases NEW TABLE AS new_cases
    FOR EACH STATEMENT EXECUTE FUNCTION dashboard_tally_case_writes();
CREATE TRIGGER dashboard_tally_case_deletes AFTER DELETE ON test_cases
    REFERENCING OLD TABLE AS old_cases FOR EACH STATEMENT EXECUTE FUNCTION dashboard_tally_case_writes();

-- A group about to be deleted counts off its cases (its deletion cascades to them). The group row is
-- locked by then, so no case can be added to it; its cases are locked so that one being written is
-- counted as committed. Nothing when its suite is being deleted: the suite counted them off.
CREATE FUNCTION dashboard_untally_group() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM dashboard_add_case_tallies(ARRAY(
        SELECT ROW(s.estimated_end_date, c.status, c.priority, -1)::dashboard_case_change
          FROM (SELECT c.status, c.priority FROM test_cases c
                 WHERE c.group_id = OLD.id ORDER BY c.id FOR UPDATE) AS c
          JOIN test_suites s ON s.id = OLD.suite_id));
    RETURN OLD;
END
$$;

CREATE TRIGGER dashboard_untally_group BEFORE DELETE ON test_groups
    FOR EACH ROW EXECUTE FUNCTION dashboard_untally_group();

-- A suite about to be deleted counts off its cases: its groups are locked first (no case can be added
-- to them), then its cases.
CREATE FUNCTION dashboard_untally_suite() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM test_groups g WHERE g.suite_id = OLD.id ORDER BY g.id FOR UPDATE;
    PERFORM dashboard_add_case_tallies(ARRAY(
        SELECT ROW(OLD.estimated_end_date, c.status, c.priority, -1)::dashboard_case_change
          FROM (SELECT c.status, c.priority FROM test_cases c JOIN test_groups g ON g.id = c.group_id
                 WHERE g.suite_id = OLD.id ORDER BY c.id FOR UPDATE OF c) AS c));
    RETURN OLD;
END
$$;

CREATE TRIGGER dashboard_untally_suite BEFORE DELETE ON test_suites
    FOR EACH ROW EXECUTE FUNCTION dashboard_untally_suite();

-- A suite's new end date moves its cases' counts; a group moved to another suite moves its cases' counts
-- to that suite's end date. The groups are locked first (no case is added meanwhile), then the cases
-- shared (none changes meanwhile); a case written before counts as committed.
CREATE FUNCTION dashboard_move_suite_cases() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM test_groups g WHERE g.suite_id = NEW.id ORDER BY g.id FOR UPDATE;
    PERFORM dashboard_add_case_tallies(ARRAY(
        SELECT ROW(d.suite_end_date, c.status, c.priority, d.n)::dashboard_case_change
          FROM (SELECT c.status, c.priority FROM test_cases c JOIN test_groups g ON g.id = c.group_id
                 WHERE g.suite_id = NEW.id ORDER BY c.id FOR SHARE OF c) AS c
         CROSS JOIN (VALUES (OLD.estimated_end_date, -1), (NEW.estimated_end_date, 1)) AS d(suite_end_date, n)));
    RETURN NULL;
END
$$;

CREATE TRIGGER dashboard_move_suite_cases AFTER UPDATE OF estimated_end_date ON test_suites
    FOR EACH ROW WHEN (OLD.estimated_end_date IS DISTINCT FROM NEW.estimated_end_date)
    EXECUTE FUNCTION dashboard_move_suite_cases();

CREATE FUNCTION dashboard_move_group_cases() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM dashboard_add_case_tallies(ARRAY(
        SELECT ROW(s.estimated_end_date, c.status, c.priority, d.n)::dashboard_case_change
          FROM (SELECT c.status, c.priority FROM test_cases c
                 WHERE c.group_id = NEW.id ORDER BY c.id FOR SHARE) AS c
         CROSS JOIN (VALUES (OLD.suite_id, -1), (NEW.suite_id, 1)) AS d(suite_id, n)
          JOIN test_suites s ON s.id = d.suite_id));
    RETURN NULL;
END
$$;

CREATE TRIGGER dashboard_move_group_cases AFTER UPDATE OF suite_id ON test_groups
    FOR EACH ROW WHEN (OLD.suite_id IS DISTINCT FROM NEW.suite_id)
    EXECUTE FUNCTION dashboard_move_group_cases();

-- Suites inserted, deleted, or with a new status.
CREATE TYPE dashboard_suite_change AS (status text, n bigint);

CREATE FUNCTION dashboard_add_suite_tallies(changes dashboard_suite_change[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO dashboard_suite_tallies AS t (status, n)
    SELECT c.status, sum(c.n)::bigint
      FROM unnest(changes) AS c
     GROUP BY c.status
    HAVING sum(c.n) <> 0
     ORDER BY c.status
        ON CONFLICT (status) DO UPDATE SET n = t.n + EXCLUDED.n
$$;

-- A statement-level trigger sees only the transition tables its event has: a branch for each.
CREATE FUNCTION dashboard_tally_suite_writes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM dashboard_add_suite_tallies(ARRAY(
            SELECT ROW(s.status, 1)::dashboard_suite_change FROM new_suites s));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM dashboard_add_suite_tallies(ARRAY(
            SELECT ROW(s.status, -1)::dashboard_suite_change FROM old_suites s));
    ELSE
        PERFORM dashboard_add_suite_tallies(ARRAY(
            SELECT ROW(o.status, -1)::dashboard_suite_change
              FROM old_suites o JOIN new_suites n USING (id) WHERE o.status <> n.status
            UNION ALL
            SELECT ROW(n.status, 1)::dashboard_suite_change
              FROM old_suites o JOIN new_suites n USING (id) WHERE o.status <> n.status));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER dashboard_tally_suite_inserts AFTER INSERT ON test_suites
    REFERENCING NEW TABLE AS new_suites FOR EACH STATEMENT EXECUTE FUNCTION dashboard_tally_suite_writes();
CREATE TRIGGER dashboard_tally_suite_updates AFTER UPDATE ON test_suites
    REFERENCING OLD TABLE AS old_suites NEW TABLE AS new_suites
    FOR EACH STATEMENT EXECUTE FUNCTION dashboard_tally_suite_writes();
CREATE TRIGGER dashboard_tally_suite_deletes AFTER DELETE ON test_suites
    REFERENCING OLD TABLE AS old_suites FOR EACH STATEMENT EXECUTE FUNCTION dashboard_tally_suite_writes();

-- The tallies counted again from the tables: what there is when this migration runs, and for a bulk load
-- that bypasses triggers (session_replication_role = replica, as bench/ grows its data). Takes the locks
-- that keep writers out until the caller's transaction ends.
CREATE FUNCTION dashboard_recount_tallies() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE test_suites, test_groups, test_cases IN SHARE MODE;
    DELETE FROM dashboard_suite_tallies;
    INSERT INTO dashboard_suite_tallies (status, n)
    SELECT s.status, count(*) FROM test_suites s GROUP BY s.status;
    DELETE FROM dashboard_case_tallies;
    INSERT INTO dashboard_case_tallies (suite_end_date, status, priority, n)
    SELECT s.estimated_end_date, c.status, c.priority, count(*)
      FROM test_cases c
      JOIN test_groups g ON g.id = c.group_id
      JOIN test_suites s ON s.id = g.suite_id
     GROUP BY s.estimated_end_date, c.status, c.priority;
END
$$;

SELECT dashboard_recount_tallies();
