from uuid import uuid4

import pytest

from tcm_common.application.policy import Action, authorize
from tcm_common.domain.errors import PermissionDenied, Unauthenticated
from tcm_common.domain.principal import Principal, Role

EVERYONE = {Action.READ, Action.CHANGE_CASE_STATUS, Action.RECORD_EFFORT, Action.EXECUTE_RUNS}
MANAGERS = {
    Action.MANAGE_SUITES,
    Action.MANAGE_GROUPS,
    Action.MANAGE_CASES,
    Action.CHANGE_SUITE_STATUS,
    Action.REORDER_GROUPS,
    Action.MANAGE_RUNS,
}
EXPECTED = {
    Role.TESTER: EVERYONE,
    Role.MANAGER: EVERYONE | MANAGERS,
    Role.ADMIN: EVERYONE | MANAGERS | {Action.MANAGE_USERS},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
def test_matrix_of_the_spec(role: Role, action: Action) -> None:
    principal = Principal(uuid4(), "someone", role)
    if action in EXPECTED[role]:
        assert authorize(principal, action) is principal
    else:
        with pytest.raises(PermissionDenied):
            authorize(principal, action)


@pytest.mark.parametrize("action", list(Action))
def test_anonymous_gets_nothing(action: Action) -> None:
    with pytest.raises(Unauthenticated):
        authorize(None, action)
