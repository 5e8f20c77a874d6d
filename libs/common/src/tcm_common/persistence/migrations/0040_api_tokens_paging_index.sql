-- An owner's unrevoked API tokens are listed newest first, a page at a time (docs/paging.md): this index
-- serves each page from the keyset position on, without sorting the owner's tokens.
CREATE INDEX api_tokens_unrevoked_owner_created_idx
    ON api_tokens (user_id, created_at DESC, id DESC) WHERE revoked_at IS NULL;
