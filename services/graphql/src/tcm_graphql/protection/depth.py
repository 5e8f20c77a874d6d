"""Validation rule: operations nest at most MAX_DEPTH fields deep, fragments included.

Introspection fields are not counted: introspection is off outside development, and GraphiQL's own
introspection query is deep by nature (graphql-core's MaxIntrospectionDepthRule bounds it).
"""

from __future__ import annotations

from typing import Any

from graphql import (
    SKIP,
    ASTValidationRule,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VisitorAction,
)

from tcm_graphql.protection.limits import MAX_DEPTH


class MaxDepthRule(ASTValidationRule):
    def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> VisitorAction:
        depth = self._depth(node.selection_set, frozenset())
        if depth > MAX_DEPTH:
            self.report_error(
                GraphQLError(f"the operation nests {depth} levels deep; at most {MAX_DEPTH} are allowed", node)
            )
        return SKIP

    def _depth(self, selection_set: SelectionSetNode | None, fragments_seen: frozenset[str]) -> int:
        deepest = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                if selection.name.value.startswith("__"):
                    continue
                depth = 1 + self._depth(selection.selection_set, fragments_seen)
            elif isinstance(selection, InlineFragmentNode):
                depth = self._depth(selection.selection_set, fragments_seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.context.get_fragment(name)
                # A cycle is reported by NoFragmentCyclesRule; here it just stops counting.
                if fragment is None or name in fragments_seen:
                    continue
                depth = self._depth(fragment.selection_set, fragments_seen | {name})
            deepest = max(deepest, depth)
        return deepest
