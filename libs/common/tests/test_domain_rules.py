from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tcm_common.domain.case import CaseFields, CasePatch, TestCase
from tcm_common.domain.case_status import COMPLETION_RATE, CaseStatus
from tcm_common.domain.delay import delay_of
from tcm_common.domain.effort import EffortFields, EffortRecord
from tcm_common.domain.errors import ValidationFailed, VersionConflict
from tcm_common.domain.group import GroupFields, TestGroup, reorder
from tcm_common.domain.priority import WEIGHT, Priority
from tcm_common.domain.progress import RATE_IN_QUARTERS, CaseTally, progress_percent
from tcm_common.domain.suite import SuiteFields, SuitePatch, TestSuite
from tcm_common.domain.versioning import ensure_version

NOW = datetime(2026, 11, 10, 12, tzinfo=UTC)
START, END = date(2026, 11, 1), date(2026, 11, 30)


def fields_of(error: ValidationFailed) -> list[str]:
    return [detail.field for detail in error.details]


def test_suite_is_trimmed_and_starts_in_preparation() -> None:
    suite = TestSuite.create(uuid4(), SuiteFields("  Release 1.0  ", START, END, description="   "), NOW)
    assert (suite.name, suite.description, suite.status.value, suite.version) == (
        "Release 1.0",
        None,
        "PREPARATION",
        1,
    )


def test_suite_reports_every_broken_rule_at_once() -> None:
    with pytest.raises(ValidationFailed) as caught:
        TestSuite.create(uuid4(), SuiteFields("x" * 101, END, START, description="d" * 10_001), NOW)
    assert fields_of(caught.value) == ["name", "description", "estimatedEndDate"]


@pytest.mark.parametrize(
    ("name", "ok"), [("", False), ("   ", False), ("a", True), ("a" * 100, True), ("a" * 101, False)]
)
def test_suite_name_limits(name: str, ok: bool) -> None:
    if ok:
        assert TestSuite.create(uuid4(), SuiteFields(name, START, START), NOW).name == name
    else:
        with pytest.raises(ValidationFailed):
            TestSuite.create(uuid4(), SuiteFields(name, START, START), NOW)


def test_patch_changes_only_what_it_names_and_bumps_the_version() -> None:
    suite = TestSuite.create(uuid4(), SuiteFields("Release", START, END, description="old"), NOW)
    later = datetime(2026, 11, 11, tzinfo=UTC)
    changed = suite.apply(SuitePatch(description=None, require_effort_comment=True), later)
    assert (changed.name, changed.description, changed.require_effort_comment) == ("Release", None, True)
    assert (changed.version, changed.updated_at, changed.created_at) == (2, later, NOW)
    with pytest.raises(ValidationFailed) as caught:
        suite.apply(SuitePatch(estimated_end_date=date(2026, 10, 1)), later)
    assert fields_of(caught.value) == ["estimatedEndDate"]


def test_case_defaults_and_title_limit() -> None:
    case = TestCase.create(uuid4(), uuid4(), CaseFields(" Title "), NOW)
    assert (case.title, case.priority, case.status, case.planned_effort) == (
        "Title",
        Priority.MEDIUM,
        CaseStatus.CREATED,
        None,
    )
    with pytest.raises(ValidationFailed):
        TestCase.create(uuid4(), uuid4(), CaseFields("t" * 201), NOW)
    assert case.apply(CasePatch(title="t" * 200), NOW).title == "t" * 200


@pytest.mark.parametrize("effort", [Decimal("-0.5"), Decimal("0.125"), Decimal("100000"), Decimal("NaN")])
def test_case_planned_effort_rules(effort: Decimal) -> None:
    with pytest.raises(ValidationFailed) as caught:
        TestCase.create(uuid4(), uuid4(), CaseFields("t", planned_effort=effort), NOW)
    assert fields_of(caught.value) == ["plannedEffort"]


def test_zero_planned_effort_is_allowed() -> None:
    assert (
        TestCase.create(uuid4(), uuid4(), CaseFields("t", planned_effort=Decimal(0)), NOW).planned_effort == 0
    )


def record(
    hours: str, comment: str | None = None, *, required: bool = False, day: date = START
) -> EffortRecord:
    fields = EffortFields(day, Decimal(hours), comment)
    return EffortRecord.record(
        uuid4(), uuid4(), fields, comment_required=required, recorded_by=uuid4(), now=NOW, today=NOW.date()
    )


@pytest.mark.parametrize("hours", ["0.01", "1", "7.5", "24"])
def test_effort_hours_within_bounds(hours: str) -> None:
    assert record(hours).hours == Decimal(hours)


@pytest.mark.parametrize("hours", ["0", "-1", "24.01", "25", "1.005"])
def test_effort_hours_out_of_bounds(hours: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        record(hours)
    assert fields_of(caught.value) == ["hours"]


def test_effort_comment_required_when_the_suite_says_so() -> None:
    with pytest.raises(ValidationFailed) as caught:
        record("2", "   ", required=True)
    assert fields_of(caught.value) == ["comment"]
    assert record("2", " ran the suite ", required=True).comment == "ran the suite"
    assert record("2").comment is None


def test_effort_cannot_be_logged_for_tomorrow() -> None:
    with pytest.raises(ValidationFailed) as caught:
        record("1", day=date(2026, 11, 11))
    assert fields_of(caught.value) == ["date"]


def test_progress_weights_priorities() -> None:
    assert progress_percent([]) == 0.0
    assert progress_percent([(CaseStatus.COMPLETED, Priority.LOW, 3)]) == 100.0
    # CRITICAL completed (4 x 1.0) + LOW created (1 x 0): 4 / 5 = 80 %.
    assert (
        progress_percent(
            [(CaseStatus.COMPLETED, Priority.CRITICAL, 1), (CaseStatus.CREATED, Priority.LOW, 1)]
        )
        == 80.0
    )
    # HIGH reviewing (3 x 0.75) + MEDIUM testing (2 x 0.25) + LOW retesting (1 x 0.5): 3.25 / 6 = 54.1666.
    tallies = [
        (CaseStatus.REVIEWING, Priority.HIGH, 1),
        (CaseStatus.TESTING, Priority.MEDIUM, 1),
        (CaseStatus.RETESTING, Priority.LOW, 1),
    ]
    assert progress_percent(tallies) == 54.2


def test_progress_rounds_half_up_to_one_decimal() -> None:
    # 1 MEDIUM testing of 8 MEDIUM: 0.25 / 8 = 3.125 % -> 3.1; 3 of 8 reviewing: 28.125 -> 28.1.
    assert (
        progress_percent([(CaseStatus.TESTING, Priority.MEDIUM, 1), (CaseStatus.CREATED, Priority.MEDIUM, 7)])
        == 3.1
    )
    # LOW reviewing alone with 39 LOW created: 0.75 / 40 = 1.875 -> 1.9.
    assert (
        progress_percent([(CaseStatus.REVIEWING, Priority.LOW, 1), (CaseStatus.CREATED, Priority.LOW, 39)])
        == 1.9
    )


@pytest.mark.parametrize(
    ("today", "status", "days"),
    [
        (date(2026, 11, 29), CaseStatus.TESTING, 0),
        (date(2026, 11, 30), CaseStatus.TESTING, 0),
        (date(2026, 12, 1), CaseStatus.TESTING, 1),
        (date(2026, 12, 31), CaseStatus.CREATED, 31),
        (date(2026, 12, 31), CaseStatus.COMPLETED, 0),
    ],
)
def test_delay_across_the_end_date(today: date, status: CaseStatus, days: int) -> None:
    delay = delay_of(status, END, today)
    assert (delay.days, delay.is_delayed) == (days, days > 0)


def test_stale_version_is_refused() -> None:
    suite = TestSuite.create(uuid4(), SuiteFields("Release", START, END), NOW)
    ensure_version("test suite", suite, 1)
    ensure_version("test suite", suite, None)
    with pytest.raises(VersionConflict) as caught:
        ensure_version("test suite", suite, 0)
    assert caught.value.expected_version == 0


def test_reorder_needs_a_permutation_and_moves_only_what_changed() -> None:
    suite_id = uuid4()
    groups = [TestGroup.create(uuid4(), suite_id, GroupFields(f"G{i}"), i, NOW) for i in range(3)]
    moved = reorder(groups, [groups[0].id, groups[2].id, groups[1].id], NOW)
    assert {(group.name, group.display_order, group.version) for group in moved} == {
        ("G2", 1, 2),
        ("G1", 2, 2),
    }
    for wrong in (
        [groups[0].id, groups[1].id],
        [groups[0].id, groups[0].id, groups[1].id],
        [*map(lambda g: g.id, groups), uuid4()],
    ):
        with pytest.raises(ValidationFailed):
            reorder(groups, wrong, NOW)


def test_every_completion_rate_is_a_whole_number_of_quarters() -> None:
    for status, rate in COMPLETION_RATE.items():
        assert Decimal(RATE_IN_QUARTERS[status]) / 4 == rate


def _progress_in_decimal(tallies: list[CaseTally]) -> float:
    """The formula as docs/domain.md states it, in Decimal throughout."""
    weighted = sum(
        (COMPLETION_RATE[status] * WEIGHT[priority] * count for status, priority, count in tallies), Decimal(0)
    )
    total = sum(WEIGHT[priority] * count for _, priority, count in tallies)
    if total == 0:
        return 0.0
    return float((weighted * 100 / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@given(
    st.lists(
        st.tuples(st.sampled_from(CaseStatus), st.sampled_from(Priority), st.integers(min_value=0, max_value=10_000)),
        max_size=28,
    )
)
def test_progress_is_the_decimal_formula(tallies: list[CaseTally]) -> None:
    assert progress_percent(tallies) == _progress_in_decimal(tallies)
