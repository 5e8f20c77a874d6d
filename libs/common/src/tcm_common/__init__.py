"""Shared domain, use cases, persistence, auth, settings and telemetry of the platform.

Services build one `tcm_common.platform.Platform` at start and call its use cases, grouped by resource
(`suites`, `groups`, `cases`, `efforts`, `changes`, `loaders(principal)`, `suite_tree`); every use case
takes the acting Principal and raises only the errors of `tcm_common.domain.errors`.

    settings        tcm_common.settings (load_settings, SettingsError)
    domain          tcm_common.domain.* (entities, statuses, *Fields inputs, *Patch with UNSET, errors)
    use cases       tcm_common.application.* (policy, pagination, filters, read_models)
    storage         tcm_common.persistence.* (migrator, unit of work, batch reads, change feed)
    operator CLI    python -m tcm_common.cli migrate | seed-demo
    telemetry       tcm_common.telemetry.configure_telemetry (traces, metrics), tcm_common.rpc (gRPC calls)
"""
