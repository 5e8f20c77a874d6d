from datetime import UTC, date, datetime
from itertools import pairwise, product
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tcm_common.domain.case import CaseFields, TestCase
from tcm_common.domain.case_status import CASE_TRANSITIONS, CaseStatus, check_case_transition
from tcm_common.domain.errors import InvalidTransition
from tcm_common.domain.suite import SuiteFields, TestSuite
from tcm_common.domain.suite_status import SUITE_TRANSITIONS, SuiteStatus, check_suite_transition

NOW = datetime(2026, 11, 1, 9, tzinfo=UTC)
S = SuiteStatus
C = CaseStatus

# The tables of docs/domain.md, written out pair by pair so that a change to the code's table shows up here.
LEGAL_SUITE_MOVES = {
    (S.PREPARATION, S.IN_PROGRESS),
    (S.PREPARATION, S.SUSPENDED),
    (S.IN_PROGRESS, S.COMPLETED),
    (S.IN_PROGRESS, S.SUSPENDED),
    (S.SUSPENDED, S.IN_PROGRESS),
    (S.COMPLETED, S.IN_PROGRESS),
}
LEGAL_CASE_MOVES = {
    (C.CREATED, C.TESTING),
    (C.TESTING, C.FIXING),
    (C.TESTING, C.REVIEW_WAITING),
    (C.FIXING, C.RETESTING),
    (C.RETESTING, C.FIXING),
    (C.RETESTING, C.REVIEW_WAITING),
    (C.REVIEW_WAITING, C.REVIEWING),
    (C.REVIEWING, C.COMPLETED),
    (C.REVIEWING, C.FIXING),
    (C.COMPLETED, C.RETESTING),
}


@pytest.mark.parametrize(("current", "target"), list(product(SuiteStatus, SuiteStatus)))
def test_every_suite_transition(current: SuiteStatus, target: SuiteStatus) -> None:
    if (current, target) in LEGAL_SUITE_MOVES:
        check_suite_transition(current, target)
    else:
        with pytest.raises(InvalidTransition) as caught:
            check_suite_transition(current, target)
        assert (caught.value.from_status, caught.value.to_status) == (current, target)


@pytest.mark.parametrize(("current", "target"), list(product(CaseStatus, CaseStatus)))
def test_every_case_transition(current: CaseStatus, target: CaseStatus) -> None:
    if (current, target) in LEGAL_CASE_MOVES:
        check_case_transition(current, target)
    else:
        with pytest.raises(InvalidTransition):
            check_case_transition(current, target)


def _suite() -> TestSuite:
    return TestSuite.create(uuid4(), SuiteFields("Release", date(2026, 11, 1), date(2026, 11, 30)), NOW)


@given(st.lists(st.sampled_from(list(SuiteStatus)), max_size=40))
def test_random_suite_requests_never_leave_the_table(requests: list[SuiteStatus]) -> None:
    suite = _suite()
    applied = 0
    for target in requests:
        before = suite
        try:
            suite = suite.change_status(target, NOW)
        except InvalidTransition:
            assert target not in SUITE_TRANSITIONS[before.status]
            assert suite is before
            continue
        assert (before.status, suite.status) in LEGAL_SUITE_MOVES
        assert suite.version == before.version + 1
        applied += 1
    assert suite.version == 1 + applied


@given(st.lists(st.sampled_from(list(CaseStatus)), max_size=60))
def test_random_case_requests_keep_exactly_the_applied_history(requests: list[CaseStatus]) -> None:
    case = TestCase.create(uuid4(), uuid4(), CaseFields("Login works"), NOW)
    actor = uuid4()
    history = []
    expected = []
    for target in requests:
        before = case
        try:
            case, change = case.change_status(target, "why", actor, uuid4(), NOW)
        except InvalidTransition:
            assert target not in CASE_TRANSITIONS[before.status]
            assert case is before
            continue
        expected.append((before.status, target))
        history.append(change)
    assert [(change.from_status, change.to_status) for change in history] == expected
    assert all(move in LEGAL_CASE_MOVES for move in expected)
    # The history is a chain: each step starts where the previous one ended, and ends at the case.
    assert all(a.to_status == b.from_status for a, b in pairwise(history))
    assert case.status == (history[-1].to_status if history else CaseStatus.CREATED)
    assert case.version == 1 + len(history)
    assert all(change.changed_by == actor and change.case_id == case.id for change in history)


def test_next_statuses_are_the_legal_targets_in_workflow_order() -> None:
    assert CaseStatus.TESTING.allowed_transitions() == [CaseStatus.FIXING, CaseStatus.REVIEW_WAITING]
    assert CaseStatus.REVIEWING.allowed_transitions() == [CaseStatus.FIXING, CaseStatus.COMPLETED]
    assert SuiteStatus.PREPARATION.allowed_transitions() == [SuiteStatus.IN_PROGRESS, SuiteStatus.SUSPENDED]
    for case_status in CaseStatus:
        assert set(case_status.allowed_transitions()) == CASE_TRANSITIONS[case_status]
    for suite_status in SuiteStatus:
        assert set(suite_status.allowed_transitions()) == SUITE_TRANSITIONS[suite_status]


def test_each_caller_gets_its_own_list_of_next_statuses() -> None:
    mine = CaseStatus.CREATED.allowed_transitions()
    mine.append(CaseStatus.COMPLETED)
    assert CaseStatus.CREATED.allowed_transitions() == [CaseStatus.TESTING]
