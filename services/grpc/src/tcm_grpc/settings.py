"""The gRPC service's configuration: tcm_common's settings, where to listen, and its own switches.

TCM_GRPC_REFLECTION   false (default) | true: serve grpc.reflection.v1alpha, which lets grpcurl and
                      other tools list and describe the services. Off unless turned on (./dev turns
                      it on), so a deployed API does not describe itself to anyone who can reach it.
TCM_HOST / TCM_PORT   where to listen (tcm_common.listen_address; default 127.0.0.1:50051)

`load_service_config` reports every problem at once, naming the variables to set.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from tcm_common.listen_address import ListenAddress
from tcm_common.settings import Settings, SettingsError, load_settings
from tcm_common.settings.reader import SettingsReader

DEFAULT_PORT = 50051


@dataclass(frozen=True, slots=True)
class GrpcSettings:
    reflection: bool = False


@dataclass(frozen=True, slots=True)
class ServiceConfig:
    settings: Settings
    grpc: GrpcSettings
    address: ListenAddress


def load_grpc_settings(environ: Mapping[str, str]) -> GrpcSettings:
    reader = SettingsReader(environ)
    return reader.finish(GrpcSettings(reflection=reader.boolean("TCM_GRPC_REFLECTION", default=False)))


def load_service_config(environ: Mapping[str, str] | None = None) -> ServiceConfig:
    env = os.environ if environ is None else environ
    problems: list[str] = []
    settings = grpc_settings = address = None
    try:
        settings = load_settings(env)
    except SettingsError as error:
        problems.extend(error.problems)
    try:
        grpc_settings = load_grpc_settings(env)
    except SettingsError as error:
        problems.extend(error.problems)
    try:
        address = ListenAddress.from_env(DEFAULT_PORT, env)
    except SettingsError as error:
        problems.extend(error.problems)
    if settings is None or grpc_settings is None or address is None:
        raise SettingsError(problems)
    return ServiceConfig(settings=settings, grpc=grpc_settings, address=address)
