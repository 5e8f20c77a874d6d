"""Validation rule: at most MAX_ALIASES aliases per document (aliases multiply work without nesting)."""

from __future__ import annotations

from typing import Any

from graphql import ASTValidationRule, DocumentNode, FieldNode, GraphQLError
from graphql.validation import ASTValidationContext

from tcm_graphql.protection.limits import MAX_ALIASES


class MaxAliasesRule(ASTValidationRule):
    def __init__(self, context: ASTValidationContext) -> None:
        super().__init__(context)
        self._aliases = 0

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        if node.alias is not None:
            self._aliases += 1

    def leave_document(self, node: DocumentNode, *_args: Any) -> None:
        if self._aliases > MAX_ALIASES:
            self.report_error(
                GraphQLError(f"the document uses {self._aliases} aliases; at most {MAX_ALIASES} are allowed", node)
            )
