"""The local stack's ports: flags, else TCM_DEV_*_PORT variables, else the production defaults."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Ports:
    edge: int
    rest: int
    graphql: int
    grpc: int


_DEFAULTS = {"edge": 8080, "rest": 8000, "graphql": 8001, "grpc": 50051}


def parse_ports(argv: list[str] | None = None) -> Ports:
    parser = argparse.ArgumentParser(
        prog="./dev", description="Run the whole platform locally."
    )
    for name, default in _DEFAULTS.items():
        variable = f"TCM_DEV_{name.upper()}_PORT"
        default_port = int(os.environ.get(variable, default))
        parser.add_argument(f"--{name}-port", type=int, default=default_port, help=f"(env {variable})")
    arguments = parser.parse_args(argv)
    return Ports(**{name: getattr(arguments, f"{name}_port") for name in _DEFAULTS})
