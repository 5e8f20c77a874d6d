"""`python -m tcm_bench.wire_codec [--quick]`: the gRPC wire codec on the suite tree, old against new.

One GetTestSuiteResponse as the gRPC service answers GetTestSuite(include_cases=true) on the seeded data
(5 groups x 20 cases, every field a case has set), encoded and decoded by betterproto2's pure-Python
codec (`bytes(message)`, `Type.FromString`) and by `tcm_contracts.wire` (the same messages through upb),
with the standard protobuf classes alone as the floor. Figures are the best of several rounds, in ms
per message; see docs/decisions/0009-grpc-wire-through-upb.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import timeit
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from google.protobuf import message_factory
from google.protobuf.message import Message as UpbMessage

from tcm_contracts import wire
from tcm_contracts.generated.testsuite import v1

GROUPS = 5
CASES_PER_GROUP = 20
_MOMENT = dt.datetime(2026, 3, 14, 12, 30, 45, 123_456, tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class Figure:
    name: str
    milliseconds: float


def suite_tree() -> v1.GetTestSuiteResponse:
    """The answer to GetTestSuite(include_cases=true) for a suite of 5 groups x 20 cases."""
    suite_id = str(uuid.UUID(int=1))
    groups = [
        v1.TestGroupWithCases(
            test_group=v1.TestGroup(
                id=str(uuid.UUID(int=100 + group)),
                version=1,
                suite_id=suite_id,
                name=f"Group {group}",
                description="Checks of one area",
                display_order=group,
                created_at=_MOMENT,
                updated_at=_MOMENT,
                progress=50.0,
                case_count=CASES_PER_GROUP,
            ),
            test_cases=[_case(group, index) for index in range(CASES_PER_GROUP)],
        )
        for group in range(GROUPS)
    ]
    suite = v1.TestSuite(id=suite_id, version=1, name="Suite", created_at=_MOMENT, updated_at=_MOMENT, progress=1.0)
    return v1.GetTestSuiteResponse(test_suite=suite, groups=groups)


def _case(group: int, index: int) -> v1.TestCase:
    return v1.TestCase(
        id=str(uuid.UUID(int=10_000 + group * 100 + index)),
        version=3,
        group_id=str(uuid.UUID(int=100 + group)),
        title=f"Case {index}",
        description="d" * 40,
        status=v1.TestCaseStatus.TESTING,
        priority=v1.TestCasePriority.HIGH,
        planned_effort=1.5,
        actual_effort=2.0,
        is_delayed=True,
        delay_days=3,
        created_at=_MOMENT,
        updated_at=_MOMENT,
    )


def measure(*, number: int, rounds: int) -> list[Figure]:
    """Every figure of the comparison, each the best of `rounds` rounds of `number` calls."""
    message = suite_tree()
    encoded = bytes(message)
    upb_type = message_factory.GetMessageClass(v1.GetTestSuiteResponse.DESCRIPTOR)
    upb_message = upb_type.FromString(encoded)
    parse = wire.parser(v1.GetTestSuiteResponse)
    if parse(encoded) != message or v1.GetTestSuiteResponse.FromString(wire.serialize(message)) != message:
        raise AssertionError("tcm_contracts.wire does not round-trip the suite tree")
    work: list[tuple[str, Callable[[], object]]] = [
        ("build (betterproto2 messages)", suite_tree),
        ("serialise: betterproto2 bytes()", lambda: bytes(message)),
        ("serialise: tcm_contracts.wire", lambda: wire.serialize(message)),
        ("serialise: upb alone (floor)", upb_message.SerializeToString),
        ("parse: betterproto2 FromString", lambda: v1.GetTestSuiteResponse.FromString(encoded)),
        ("parse: tcm_contracts.wire", lambda: parse(encoded)),
        ("parse: upb alone (floor)", lambda: _upb_parse(upb_type, encoded)),
    ]
    return [Figure(name, min(timeit.repeat(call, number=number, repeat=rounds)) / number * 1e3) for name, call in work]


def _upb_parse(upb_type: type[UpbMessage], encoded: bytes) -> UpbMessage:
    return upb_type.FromString(encoded)


def report(figures: Sequence[Figure], load_before: float, load_after: float) -> str:
    """The figures as a table, with the speed-ups of the wire codec and the machine's load."""
    by_name = {figure.name: figure.milliseconds for figure in figures}
    lines = [f"{'step':36s} {'ms':>9s}", *(f"{figure.name:36s} {figure.milliseconds:9.3f}" for figure in figures)]
    for step in ("serialise", "parse"):
        old = by_name[f"{step}: betterproto2 {'bytes()' if step == 'serialise' else 'FromString'}"]
        new = by_name[f"{step}: tcm_contracts.wire"]
        lines.append(f"{step} speed-up (betterproto2 / wire): {old / new:.1f}x")
    lines.append(f"load average (1 min) before / after: {load_before:.2f} / {load_after:.2f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    arguments.add_argument("--quick", action="store_true", help="a few calls only (a smoke run)")
    options = arguments.parse_args(argv)
    number, rounds = (2, 2) if options.quick else (50, 7)
    load_before = os.getloadavg()[0]
    figures = measure(number=number, rounds=rounds)
    sys.stdout.write(report(figures, load_before, os.getloadavg()[0]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
