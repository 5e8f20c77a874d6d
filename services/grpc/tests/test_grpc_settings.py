"""The service's configuration: tcm_common's settings, the listen address and TCM_GRPC_REFLECTION."""

import pytest

from tcm_common.auth.keys import key_environment
from tcm_common.settings import SettingsError
from tcm_grpc.settings import DEFAULT_PORT, load_service_config

COMPLETE = {
    "TCM_ENVIRONMENT": "test",
    "TCM_DATABASE_URL": "postgresql://tcm@db.internal:5432/tcm",
    **key_environment("settings-test"),
}


def test_a_complete_environment_serves_without_reflection_on_the_default_port() -> None:
    config = load_service_config(COMPLETE)

    assert config.grpc.reflection is False
    assert (config.address.host, config.address.port) == ("127.0.0.1", DEFAULT_PORT)
    assert config.settings.database.dsn == "postgresql://tcm@db.internal:5432/tcm"


def test_reflection_is_on_only_when_a_setting_turns_it_on() -> None:
    assert load_service_config({**COMPLETE, "TCM_GRPC_REFLECTION": "true"}).grpc.reflection is True
    assert load_service_config({**COMPLETE, "TCM_GRPC_REFLECTION": "false"}).grpc.reflection is False


def test_an_invalid_time_zone_stops_the_service_naming_the_variable() -> None:
    with pytest.raises(SettingsError, match="TCM_TIME_ZONE='Asia/Atlantis' is not an IANA time zone name"):
        load_service_config({**COMPLETE, "TCM_TIME_ZONE": "Asia/Atlantis"})
    assert str(load_service_config({**COMPLETE, "TCM_TIME_ZONE": "Asia/Tokyo"}).settings.time_zone) == "Asia/Tokyo"


def test_every_problem_is_reported_at_once_naming_its_variable() -> None:
    environ = {**COMPLETE, "TCM_GRPC_REFLECTION": "sometimes", "TCM_PORT": "grpc"}
    del environ["TCM_JWT_PUBLIC_KEYS"]

    with pytest.raises(SettingsError) as refused:
        load_service_config(environ)

    problems = "\n".join(refused.value.problems)
    for variable in ("TCM_JWT_PUBLIC_KEYS", "TCM_GRPC_REFLECTION", "TCM_PORT"):
        assert variable in problems
    assert len(refused.value.problems) == 3
