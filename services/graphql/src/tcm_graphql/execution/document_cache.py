"""Bounded LRU of prepared documents keyed by the query text: a repeated query skips parsing and
validation (the verdict, good or bad, is what is cached)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field

from graphql import DocumentNode, FragmentDefinitionNode, GraphQLError


@dataclass(frozen=True, slots=True)
class PreparedDocument:
    document: DocumentNode | None
    errors: tuple[GraphQLError, ...] = ()
    fragments: Mapping[str, FragmentDefinitionNode] = field(default_factory=dict)


class DocumentCache:
    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._entries: OrderedDict[str, PreparedDocument] = OrderedDict()

    def get(self, query: str) -> PreparedDocument | None:
        prepared = self._entries.get(query)
        if prepared is not None:
            self._entries.move_to_end(query)
        return prepared

    def put(self, query: str, prepared: PreparedDocument) -> None:
        self._entries[query] = prepared
        self._entries.move_to_end(query)
        while len(self._entries) > self._capacity:
            self._entries.popitem(last=False)
