"""Each person's local day and clock (heartwork.core.timezones): pure, no database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from heartwork.core.timezones import day_bounds, is_zone, local_day, zone, zone_names

DUBLIN = zone("Europe/Dublin")
AUCKLAND = zone("Pacific/Auckland")


def test_a_late_evening_in_new_york_is_the_next_day_in_utc_but_not_for_them() -> None:
    moment = datetime(2026, 3, 1, 3, 30, tzinfo=UTC)  # 22:30 on 28 February in New York
    assert local_day(moment, zone("America/New_York")) == date(2026, 2, 28)
    assert local_day(moment, AUCKLAND) == date(2026, 3, 1)


def test_the_day_the_clocks_go_forward_is_23_hours_long_and_back_25() -> None:
    start, end = day_bounds(date(2026, 3, 29), DUBLIN)  # clocks go forward in Ireland
    assert end - start == timedelta(hours=23)
    start, end = day_bounds(date(2026, 10, 25), DUBLIN)  # and back
    assert end - start == timedelta(hours=25)


def test_a_blank_or_unknown_zone_falls_back_to_the_default() -> None:
    assert zone("", "Europe/Dublin") == DUBLIN
    assert zone("Mars/Olympus_Mons", "Europe/Dublin") == DUBLIN
    assert zone("", "") == zone("UTC")
    assert is_zone("America/Chicago") and not is_zone("Mars/Olympus_Mons")
    assert "UTC" in zone_names()


@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1)),
    st.sampled_from(["Europe/Dublin", "Pacific/Auckland", "America/Chicago", "Asia/Kolkata"]),
)
def test_every_moment_falls_inside_the_bounds_of_its_local_day(naive: datetime, name: str) -> None:
    tz = zone(name)
    moment = naive.replace(tzinfo=UTC)
    start, end = day_bounds(local_day(moment, tz), tz)
    assert start <= moment < end
