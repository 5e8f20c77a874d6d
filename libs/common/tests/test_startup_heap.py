"""freeze_startup_objects: what exists at start leaves the collected generations; later objects don't."""

import gc
from collections.abc import Iterator

import pytest

from tcm_common.startup_heap import freeze_startup_objects


@pytest.fixture
def unfrozen_afterwards() -> Iterator[None]:
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("unfrozen_afterwards")
def test_objects_of_the_start_are_frozen_and_new_ones_are_not() -> None:
    started = [[n] for n in range(1_000)]
    freeze_startup_objects()
    assert gc.get_freeze_count() >= len(started)
    assert not any(gc.is_tracked(item) and _in_collected_generations(item) for item in started[:10])
    later = [[n] for n in range(10)]
    assert all(_in_collected_generations(item) for item in later)


def _in_collected_generations(item: object) -> bool:
    return any(candidate is item for candidate in gc.get_objects())
