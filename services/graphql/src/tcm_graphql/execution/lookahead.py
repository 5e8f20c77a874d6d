"""What else the query asks of the object a field belongs to: a field can then answer from rows that a
sibling field loads anyway (a group's progress from the cases the query lists under it) instead of
reading them again. The answer only picks the statements, never the result: either way is correct."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLResolveInfo,
    InlineFragmentNode,
    SelectionSetNode,
)

Fragments = Mapping[str, FragmentDefinitionNode]


def parent_selects(info: GraphQLResolveInfo[Any], *names: str) -> bool:
    """Whether the object of the field being resolved is asked for the object field `names[0]`, with
    `names[1]` inside it, and so on (`parent_selects(info, "groups", "cases")`); aliases, fragments and list levels
    followed, directives ignored."""
    selection_sets: list[SelectionSetNode] = [info.operation.selection_set]
    for key in info.path.as_list()[:-1]:
        if isinstance(key, str):
            selection_sets = _nested(selection_sets, info.fragments, _response_key, key)
    for name in names:
        selection_sets = _nested(selection_sets, info.fragments, _field_name, name)
        if not selection_sets:
            return False
    return True


def _nested(
    selection_sets: Iterable[SelectionSetNode], fragments: Fragments, key_of: Callable[[FieldNode], str], key: str
) -> list[SelectionSetNode]:
    """The selections of the object fields among `selection_sets` whose `key_of` is `key`."""
    return [
        field.selection_set
        for field in _fields(selection_sets, fragments)
        if field.selection_set is not None and key_of(field) == key
    ]


def _fields(selection_sets: Iterable[SelectionSetNode], fragments: Fragments) -> Iterator[FieldNode]:
    for selection_set in selection_sets:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                yield from _fields([selection.selection_set], fragments)
            elif isinstance(selection, FragmentSpreadNode) and selection.name.value in fragments:
                yield from _fields([fragments[selection.name.value].selection_set], fragments)


def _field_name(field: FieldNode) -> str:
    return field.name.value


def _response_key(field: FieldNode) -> str:
    return field.alias.value if field.alias else field.name.value
