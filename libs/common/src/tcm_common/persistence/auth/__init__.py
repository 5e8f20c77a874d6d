"""PostgreSQL adapters of the auth ports (tcm_common.auth.ports)."""
