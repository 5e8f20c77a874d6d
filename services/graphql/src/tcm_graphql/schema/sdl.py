"""The contract's SDL: a package resource of libs/contracts, the file the SPA's code generator reads too."""

from tcm_contracts.graphql import read_sdl

__all__ = ["read_sdl"]
