"""Binds resolver functions to the fields of the SDL, refusing names the SDL does not have.

Python spells names in snake_case and the SDL in camelCase, so resolvers receive their arguments in
snake_case (`groupIds` -> `group_ids`), and fields without a resolver read the attribute of the same
name in snake_case (`createdAt` -> `created_at`), which is how the domain objects spell them.
Names are translated once, when binding: a field costs one plain call per object it is resolved on.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

from graphql import GraphQLField, GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema

Resolver = Callable[..., Any]

_CAMEL_HUMP = re.compile(r"(?<!^)(?=[A-Z])")


def snake_case(name: str) -> str:
    return _CAMEL_HUMP.sub("_", name).lower()


def bind_attributes(schema: GraphQLSchema) -> None:
    """Every field of every object type left without a resolver reads its attribute in snake_case."""
    for object_type in schema.type_map.values():
        if isinstance(object_type, GraphQLObjectType) and not object_type.name.startswith("__"):
            for name, field in object_type.fields.items():
                if field.resolve is None:
                    field.resolve = _attribute(snake_case(name))


def _attribute(name: str) -> Resolver:
    def resolve(source: Any, _info: GraphQLResolveInfo[Any], **_arguments: Any) -> Any:
        return getattr(source, name, None)

    return resolve


def bind(
    schema: GraphQLSchema,
    type_name: str,
    resolvers: Mapping[str, Resolver],
    *,
    subscribers: Mapping[str, Resolver] | None = None,
) -> None:
    object_type = schema.get_type(type_name)
    if not isinstance(object_type, GraphQLObjectType):
        raise LookupError(f"the SDL has no object type {type_name}")
    for name, resolver in resolvers.items():
        field = _field(object_type, name)
        field.resolve = _snake_case_arguments(resolver, field)
    for name, subscriber in (subscribers or {}).items():
        field = _field(object_type, name)
        field.subscribe = _snake_case_arguments(subscriber, field)


def _snake_case_arguments(resolver: Resolver, field: GraphQLField) -> Resolver:
    """The resolver itself when no argument of the field needs renaming."""
    renamed = {name: snake_case(name) for name in field.args if snake_case(name) != name}
    if not renamed:
        return resolver

    @functools.wraps(resolver)
    def resolve(source: Any, info: GraphQLResolveInfo[Any], **arguments: Any) -> Any:
        return resolver(source, info, **{renamed.get(name, name): value for name, value in arguments.items()})

    return resolve


def _field(object_type: GraphQLObjectType, name: str) -> GraphQLField:
    if name not in object_type.fields:
        raise LookupError(f"the SDL has no field {object_type.name}.{name}")
    field: GraphQLField = object_type.fields[name]
    return field
