-- Login throttling per username-and-address pair (exponential backoff), besides the per-username and
-- per-address ceilings: failures from one address no longer lock the user out everywhere.
ALTER TABLE login_throttle DROP CONSTRAINT login_throttle_scope_check;
ALTER TABLE login_throttle ADD CONSTRAINT login_throttle_scope_check
    CHECK (scope IN ('USERNAME', 'ADDRESS', 'PAIR'));
