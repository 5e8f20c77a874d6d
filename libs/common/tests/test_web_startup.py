import logging

import pytest
from litestar.testing import AsyncTestClient
from web_harness import web_app

from tcm_common.settings import SettingsError
from tcm_common.web.runtime import runtime_from_environment


async def test_a_missing_setting_stops_start_up_with_a_line_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    for name in ("TCM_ENVIRONMENT", "TCM_DATABASE_URL", "TCM_DATABASE_HOST", "TCM_JWT_PUBLIC_KEYS"):
        monkeypatch.delenv(name, raising=False)
    app = web_app(lambda: runtime_from_environment("web-test", "0.0.0"))
    refused = False
    with caplog.at_level(logging.CRITICAL, "tcm_common.web.lifespan"):
        try:
            async with AsyncTestClient(app=app):
                pass
        except* SettingsError:  # the test client's task group wraps what the lifespan raised
            refused = True
    assert refused
    [line] = [record.getMessage() for record in caplog.records if record.levelno == logging.CRITICAL]
    assert line.startswith("web-test refuses to start")
    for variable in ("TCM_ENVIRONMENT", "TCM_DATABASE_HOST", "TCM_JWT_PUBLIC_KEYS"):
        assert variable in line


@pytest.mark.usefixtures("migrated_pool")
async def test_a_service_that_signs_users_in_refuses_to_start_without_its_private_key(
    monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    from tcm_common.auth.keys import key_environment

    keys = key_environment("k1")
    monkeypatch.setenv("TCM_ENVIRONMENT", "test")
    monkeypatch.setenv("TCM_DATABASE_URL", database_url)
    monkeypatch.setenv("TCM_ALLOWED_ORIGINS", "https://tcm.example.test")
    monkeypatch.setenv("TCM_JWT_PUBLIC_KEYS", keys["TCM_JWT_PUBLIC_KEYS"])
    monkeypatch.delenv("TCM_JWT_PRIVATE_KEY", raising=False)
    with pytest.raises(SettingsError, match="TCM_JWT_PRIVATE_KEY"):
        async with runtime_from_environment("web-test", "0.0.0"):
            pass
