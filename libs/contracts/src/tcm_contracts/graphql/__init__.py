"""The GraphQL contract: `schema.graphql`, read by the GraphQL service and by the SPA's code generator."""

from importlib.resources import files


def read_sdl() -> str:
    return files(__name__).joinpath("schema.graphql").read_text(encoding="utf-8")
