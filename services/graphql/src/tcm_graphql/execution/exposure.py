"""What the environment lets clients see of the schema: introspection and GraphiQL only in development,
"did you mean" suggestions everywhere but production (they reveal field names one guess at a time)."""

from __future__ import annotations

from dataclasses import dataclass

from tcm_common.settings import Environment


@dataclass(frozen=True, slots=True)
class Exposure:
    introspection: bool
    suggestions: bool

    @classmethod
    def of(cls, environment: Environment) -> Exposure:
        return cls(
            introspection=environment is Environment.DEVELOPMENT,
            suggestions=environment is not Environment.PRODUCTION,
        )
