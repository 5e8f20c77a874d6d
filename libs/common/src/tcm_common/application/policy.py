"""The permission matrix of the spec, in one place every protocol goes through.

    principal = authorize(principal_or_none, Action.MANAGE_SUITES)

raises Unauthenticated when nobody is signed in and PermissionDenied when the role may not act.
"""

from __future__ import annotations

import enum

from tcm_common.domain.errors import PermissionDenied, Unauthenticated
from tcm_common.domain.principal import Principal, Role


class Action(enum.StrEnum):
    READ = "READ"
    CHANGE_CASE_STATUS = "CHANGE_CASE_STATUS"
    RECORD_EFFORT = "RECORD_EFFORT"
    MANAGE_SUITES = "MANAGE_SUITES"
    MANAGE_GROUPS = "MANAGE_GROUPS"
    MANAGE_CASES = "MANAGE_CASES"
    CHANGE_SUITE_STATUS = "CHANGE_SUITE_STATUS"
    REORDER_GROUPS = "REORDER_GROUPS"
    MANAGE_USERS = "MANAGE_USERS"
    # Create, edit, assign, abort, reopen and delete runs.
    MANAGE_RUNS = "MANAGE_RUNS"
    # Start and complete runs, record results, import reports: the daily work of every role.
    EXECUTE_RUNS = "EXECUTE_RUNS"


_EVERYONE = frozenset(Role)
_MANAGERS = frozenset({Role.MANAGER, Role.ADMIN})

ALLOWED_ROLES: dict[Action, frozenset[Role]] = {
    Action.READ: _EVERYONE,
    Action.CHANGE_CASE_STATUS: _EVERYONE,
    Action.RECORD_EFFORT: _EVERYONE,
    Action.MANAGE_SUITES: _MANAGERS,
    Action.MANAGE_GROUPS: _MANAGERS,
    Action.MANAGE_CASES: _MANAGERS,
    Action.CHANGE_SUITE_STATUS: _MANAGERS,
    Action.REORDER_GROUPS: _MANAGERS,
    Action.MANAGE_USERS: frozenset({Role.ADMIN}),
    Action.MANAGE_RUNS: _MANAGERS,
    Action.EXECUTE_RUNS: _EVERYONE,
}


def is_allowed(role: Role, action: Action) -> bool:
    return role in ALLOWED_ROLES[action]


def authorize(principal: Principal | None, action: Action) -> Principal:
    if principal is None:
        raise Unauthenticated()
    if not is_allowed(principal.role, action):
        raise PermissionDenied(f"role {principal.role} may not {action.value.lower().replace('_', ' ')}")
    return principal
