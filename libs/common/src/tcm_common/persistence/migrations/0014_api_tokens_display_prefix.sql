-- The recognisable start of each API token, shown in lists so owners can tell their tokens apart:
-- "tcm_" and the first 4 characters of the random part (24 of its 256 bits, no help guessing the rest).
-- Tokens created before this migration keep just "tcm_": their start was never stored and is unknown.
-- The check keeps any more of the secret out of this column.
ALTER TABLE api_tokens
    ADD COLUMN display_prefix text NOT NULL DEFAULT 'tcm_'
        CHECK (display_prefix ~ '^tcm_([A-Za-z0-9_-]{4})?$');
-- New tokens must state their prefix: the default was only for the rows that existed.
ALTER TABLE api_tokens ALTER COLUMN display_prefix DROP DEFAULT;
