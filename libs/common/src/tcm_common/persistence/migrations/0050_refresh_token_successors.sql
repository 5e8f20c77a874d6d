-- The token a refresh token was exchanged for, sealed with the exchanged token itself (XOR with a key
-- stream derived from it: tcm_common.auth.opaque_tokens). During the short grace period after a
-- rotation, a second tab presenting the old token gets the same new token back instead of ending the
-- session; only someone holding the old token can unseal it, and nobody reading this table can.
ALTER TABLE refresh_tokens ADD COLUMN successor_sealed bytea;
