"""The shortest legal path of statuses from where new things start to where the demo wants them."""

from __future__ import annotations

from collections import deque
from typing import TypeVar

_S = TypeVar("_S")


def path_to(start: _S, goal: _S, transitions: dict[_S, frozenset[_S]]) -> list[_S]:
    """Statuses to apply in order (empty when already there); breadth-first, so always a legal walk."""
    previous: dict[_S, _S | None] = {start: None}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        if current == goal:
            break
        for following in sorted(transitions[current], key=str):
            if following not in previous:
                previous[following] = current
                queue.append(following)
    if goal not in previous:
        raise ValueError(f"{goal} cannot be reached from {start}")
    steps: list[_S] = []
    node: _S | None = goal
    while node is not None and node != start:
        steps.append(node)
        node = previous[node]
    return steps[::-1]
