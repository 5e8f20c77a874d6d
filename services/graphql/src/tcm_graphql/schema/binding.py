"""Binds resolver functions to the fields of the SDL, refusing names the SDL does not have.

Python spells names in snake_case and the SDL in camelCase, so resolvers receive their arguments in
snake_case (`groupIds` -> `group_ids`), and fields without a resolver read the attribute of the same
name in snake_case (`createdAt` -> `created_at`), which is how the domain objects spell them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

from graphql import GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema

Resolver = Callable[..., Any]

_CAMEL_HUMP = re.compile(r"(?<!^)(?=[A-Z])")


def snake_case(name: str) -> str:
    return _CAMEL_HUMP.sub("_", name).lower()


def attribute_resolver(source: Any, info: GraphQLResolveInfo[Any], **_arguments: Any) -> Any:
    return getattr(source, snake_case(info.field_name), None)


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
        _field(object_type, name).resolve = _snake_case_arguments(resolver)
    for name, subscriber in (subscribers or {}).items():
        _field(object_type, name).subscribe = _snake_case_arguments(subscriber)


def _snake_case_arguments(resolver: Resolver) -> Resolver:
    @functools.wraps(resolver)
    def resolve(source: Any, info: GraphQLResolveInfo[Any], **arguments: Any) -> Any:
        return resolver(source, info, **{snake_case(name): value for name, value in arguments.items()})

    return resolve


def _field(object_type: GraphQLObjectType, name: str) -> Any:
    if name not in object_type.fields:
        raise LookupError(f"the SDL has no field {object_type.name}.{name}")
    return object_type.fields[name]
