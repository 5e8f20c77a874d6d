"""Parse (token limit) and validate (the GraphQL specification's rules, depth, aliases, introspection
policy) a query once; the document cache remembers the outcome."""

from __future__ import annotations

from graphql import (
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    NoSchemaIntrospectionCustomRule,
    parse,
    specified_rules,
    validate,
)

from tcm_graphql.execution.document_cache import DocumentCache, PreparedDocument
from tcm_graphql.execution.exposure import Exposure
from tcm_graphql.protection.aliases import MaxAliasesRule
from tcm_graphql.protection.depth import MaxDepthRule
from tcm_graphql.protection.limits import DOCUMENT_CACHE_SIZE, MAX_TOKENS


class DocumentPreparer:
    def __init__(self, schema: GraphQLSchema, exposure: Exposure) -> None:
        self._schema = schema
        self._hide_suggestions = not exposure.suggestions
        hidden = () if exposure.introspection else (NoSchemaIntrospectionCustomRule,)
        self._rules = (*specified_rules, MaxDepthRule, MaxAliasesRule, *hidden)
        self._cache = DocumentCache(DOCUMENT_CACHE_SIZE)

    def prepare(self, query: str) -> PreparedDocument:
        prepared = self._cache.get(query)
        if prepared is None:
            prepared = self._prepare(query)
            self._cache.put(query, prepared)
        return prepared

    def _prepare(self, query: str) -> PreparedDocument:
        try:
            document = parse(query, max_tokens=MAX_TOKENS)
        except GraphQLError as error:
            return PreparedDocument(None, (error,))
        errors = validate(self._schema, document, self._rules, hide_suggestions=self._hide_suggestions)
        if errors:
            return PreparedDocument(None, tuple(errors))
        fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        return PreparedDocument(document, (), fragments)
