"""The caller's own account: profile, password, browser sessions."""
