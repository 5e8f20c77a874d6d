"""Query.organisation.timeZone: the organisation's time zone (TCM_TIME_ZONE) that the SPA shows where
dates are judged (effort dates, delay)."""

from zoneinfo import ZoneInfo

import msgspec
from graphql_harness import browser, error_codes, running_service

from tcm_common.domain.user import User
from tcm_common.settings import Settings

QUERY = "{ organisation { timeZone } }"


async def test_the_organisation_time_zone_is_what_the_settings_name(settings: Settings, tester: User) -> None:
    in_tokyo = msgspec.structs.replace(settings, time_zone=ZoneInfo("Asia/Tokyo"))
    async with running_service(in_tokyo) as base_url, browser(base_url) as client:
        assert error_codes(await client.post(QUERY)) == ["UNAUTHENTICATED"]
        await client.login(tester.username)
        assert await client.data(QUERY) == {"organisation": {"timeZone": "Asia/Tokyo"}}


async def test_the_default_time_zone_is_utc(service: str, tester: User) -> None:
    async with browser(service) as client:
        await client.login(tester.username)
        assert await client.data(QUERY) == {"organisation": {"timeZone": "UTC"}}
