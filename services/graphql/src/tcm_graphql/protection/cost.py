"""The cost of an operation, known before it runs: every object the response could hold counts 1,
times the size of each list it sits in.

A list's size is the `first` of its connection (what the client asked for, at most 100), else its
size in ASSUMED_SIZES, else ASSUMED_LIST_SIZE. Every field below a list is batched by a DataLoader, so
none costs more than its objects. Variables are read, so `first: $n` counts what $n is; the result
depends on them and is not cached.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    value_from_ast_untyped,
)

from tcm_common.application.chart_loaders import MAX_RUNS_CHARTED
from tcm_common.application.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from tcm_common.domain.burn_up import MAX_DAYS

ASSUMED_LIST_SIZE = 10
# Unpaged lists whose usual size is far from ASSUMED_LIST_SIZE: a run's entries are every case it covers
# (docs/domain-runs.md), and an entry has a record per recorded result (a few; reruns add more).
# A suite's chart series are counted at their largest (docs/charts.md).
ASSUMED_SIZES: dict[tuple[str, str], int] = {
    ("TestRun", "entries"): 100,
    ("RunEntry", "results"): 5,
    ("TestSuite", "progressHistory"): MAX_DAYS,
    ("TestSuite", "runPassRates"): MAX_RUNS_CHARTED,
}


class _Walk:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
    ) -> None:
        self._schema = schema
        self._fragments = fragments
        self._variables = dict(variables)

    def selections(
        self,
        parent: GraphQLNamedType,
        selection_set: SelectionSetNode,
        page_size: int | None,
        seen: frozenset[str],
    ) -> int:
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(parent, selection, page_size, seen)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self._schema.get_type(condition.name.value) if condition else parent
                total += self.selections(target or parent, selection.selection_set, page_size, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self._fragments.get(name)
                if fragment is not None and name not in seen:
                    target = self._schema.get_type(fragment.type_condition.name.value) or parent
                    total += self.selections(target, fragment.selection_set, page_size, seen | {name})
        return total

    def field(self, parent: GraphQLNamedType, node: FieldNode, page_size: int | None, seen: frozenset[str]) -> int:
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType) or node.selection_set is None:
            return 0  # scalars and enums come with their parent
        definition = parent.fields.get(node.name.value)
        if definition is None:
            return 0  # introspection and unknown fields (validation reports the latter)
        first = self._first(definition, node)
        children = self.selections(get_named_type(definition.type), node.selection_set, first, seen)
        assumed = ASSUMED_SIZES.get((parent.name, node.name.value), ASSUMED_LIST_SIZE)
        size = (page_size or assumed) if _is_list(definition) else 1
        return size * (1 + children)

    def _first(self, definition: GraphQLField, node: FieldNode) -> int | None:
        if "first" not in definition.args:
            return None
        given = next((argument.value for argument in node.arguments or () if argument.name.value == "first"), None)
        value = value_from_ast_untyped(given, self._variables) if given is not None else DEFAULT_PAGE_SIZE
        # Anything but a sensible number fails coercion later; until then it counts as the most.
        return min(value, MAX_PAGE_SIZE) if isinstance(value, int) and value >= 0 else MAX_PAGE_SIZE


def _is_list(definition: GraphQLField) -> bool:
    field_type = definition.type
    if isinstance(field_type, GraphQLNonNull):
        field_type = field_type.of_type
    return isinstance(field_type, GraphQLList)


def operation_cost(
    schema: GraphQLSchema,
    fragments: Mapping[str, FragmentDefinitionNode],
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any],
) -> int:
    root = schema.get_root_type(operation.operation)
    if root is None:
        return 0
    return _Walk(schema, fragments, variables).selections(root, operation.selection_set, None, frozenset())
