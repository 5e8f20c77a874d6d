-- Sessions are checked on every request (tcm_common.auth), so a per-user "valid after" time is not needed.
ALTER TABLE users DROP COLUMN sessions_valid_after;
