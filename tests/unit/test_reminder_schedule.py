"""The reminder schedule (heartwork.reminders.schedule): pure, checked with hypothesis over
time zones with and without changes of the clocks, and with any quiet hours."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heartwork.reminders.schedule import Quiet, Rule, in_quiet, next_fire, out_of_quiet, parse_quiet

ZONES = [
    "UTC",
    "Europe/London",
    "America/New_York",
    "Australia/Lord_Howe",  # clocks move by half an hour
    "Pacific/Chatham",  # +12:45 / +13:45
    "America/St_Johns",  # -03:30 / -02:30
    "Asia/Kolkata",  # no changes, half-hour offset
    "Pacific/Apia",  # skipped a whole day in 2011
]
NO_QUIET = Quiet(time(0, 0), time(0, 0))

zones = st.sampled_from(ZONES).map(ZoneInfo)
walls = st.times().map(lambda t: t.replace(second=0, microsecond=0))
moments = st.datetimes(
    min_value=datetime(2010, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
)
quiets = st.builds(Quiet, walls, walls)
repeating = st.one_of(
    st.builds(Rule, st.just("daily"), walls),
    st.builds(Rule, st.just("weekly"), walls, st.integers(0, 6)),
)


def _exists(day_moment: datetime, wall: time, zone: ZoneInfo) -> bool:
    """Whether ``wall`` happens on that local day (it does not in the hour the clocks skip)."""
    naive = datetime.combine(day_moment.date(), wall)
    there_and_back = naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)
    return there_and_back.replace(tzinfo=None) == naive


@settings(max_examples=400, deadline=None)
@given(rule=repeating, zone=zones, quiet=quiets, after=moments)
def test_the_next_fire_is_always_in_the_future_and_never_in_quiet_hours(
    rule: Rule, zone: ZoneInfo, quiet: Quiet, after: datetime
) -> None:
    fire = next_fire(rule, zone, quiet, after=after)
    assert fire is not None
    assert fire > after
    assert fire.tzinfo is UTC
    assert not in_quiet(fire, quiet, zone)
    # Never further than a week and the longest quiet hours (and a skipped day) away.
    assert fire - after < timedelta(days=9)


@settings(max_examples=400, deadline=None)
@given(rule=repeating, zone=zones, after=moments)
def test_without_quiet_hours_it_fires_at_the_wanted_local_time_when_that_time_exists(
    rule: Rule, zone: ZoneInfo, after: datetime
) -> None:
    fire = next_fire(rule, zone, NO_QUIET, after=after)
    assert fire is not None
    local = fire.astimezone(zone)
    if _exists(local, rule.at, zone):
        assert local.time() == rule.at
    else:  # skipped by the clocks: it fires just after, the same day
        assert local.time() > rule.at
    if rule.repeat == "weekly" and _exists(local, rule.at, zone):
        assert local.weekday() == rule.weekday


@settings(max_examples=300, deadline=None)
@given(rule=repeating, zone=zones, after=moments)
def test_no_occurrence_is_skipped_between_two_fires(
    rule: Rule, zone: ZoneInfo, after: datetime
) -> None:
    first = next_fire(rule, zone, NO_QUIET, after=after)
    assert first is not None
    second = next_fire(rule, zone, NO_QUIET, after=first)
    assert second is not None
    gap = second - first
    if rule.repeat == "daily":
        assert timedelta(hours=20) <= gap <= timedelta(hours=28) or zone.key == "Pacific/Apia"
    else:
        assert timedelta(days=6, hours=20) <= gap <= timedelta(days=7, hours=4) or (
            zone.key == "Pacific/Apia"
        )


@settings(max_examples=300, deadline=None)
@given(moment=moments, zone=zones, quiet=quiets)
def test_moving_out_of_quiet_hours_only_ever_moves_later(
    moment: datetime, zone: ZoneInfo, quiet: Quiet
) -> None:
    moved = out_of_quiet(moment, quiet, zone)
    assert moved >= moment
    assert not in_quiet(moved, quiet, zone)
    if not in_quiet(moment, quiet, zone):
        assert moved == moment


def test_a_daily_reminder_keeps_its_wall_time_across_the_spring_change_in_new_york() -> None:
    zone = ZoneInfo("America/New_York")
    rule = Rule("daily", time(7, 30))
    before = next_fire(rule, zone, NO_QUIET, after=datetime(2026, 3, 7, 13, 0, tzinfo=UTC))
    after = next_fire(rule, zone, NO_QUIET, after=before)  # type: ignore[arg-type]
    assert before == datetime(2026, 3, 8, 11, 30, tzinfo=UTC)  # 07:30 EDT, the change day
    assert after == datetime(2026, 3, 9, 11, 30, tzinfo=UTC)
    assert before is not None and before.astimezone(zone).time() == time(7, 30)


def test_a_time_the_clocks_skip_fires_just_after_the_change() -> None:
    zone = ZoneInfo("Europe/London")
    rule = Rule("daily", time(1, 30))  # 01:00-02:00 does not exist on 29 March 2026
    fire = next_fire(rule, zone, NO_QUIET, after=datetime(2026, 3, 28, 12, 0, tzinfo=UTC))
    assert fire == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 02:30 BST


def test_a_time_that_happens_twice_fires_once_when_the_clocks_go_back() -> None:
    zone = ZoneInfo("Europe/London")
    rule = Rule("daily", time(1, 30))  # 01:30 happens twice on 25 October 2026
    first = next_fire(rule, zone, NO_QUIET, after=datetime(2026, 10, 24, 12, 0, tzinfo=UTC))
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    second = next_fire(rule, zone, NO_QUIET, after=first)
    assert second == datetime(2026, 10, 26, 1, 30, tzinfo=UTC)


def test_a_reminder_inside_quiet_hours_moves_to_their_end_the_next_morning() -> None:
    zone = ZoneInfo("Europe/Dublin")
    quiet = Quiet(time(22, 0), time(8, 0))
    rule = Rule("daily", time(23, 15))
    fire = next_fire(rule, zone, quiet, after=datetime(2026, 7, 1, 12, 0, tzinfo=UTC))
    assert fire is not None
    assert fire.astimezone(zone) == datetime(2026, 7, 2, 8, 0, tzinfo=zone)


def test_quiet_hours_within_one_day_are_respected_too() -> None:
    zone = ZoneInfo("UTC")
    quiet = Quiet(time(13, 0), time(14, 30))
    fire = next_fire(
        Rule("weekly", time(13, 45), 2), zone, quiet, after=datetime(2026, 7, 1, tzinfo=UTC)
    )
    assert fire == datetime(2026, 7, 1, 14, 30, tzinfo=UTC)  # a Wednesday


def test_a_one_off_reminder_fires_once_and_then_never() -> None:
    zone = ZoneInfo("Asia/Tokyo")
    at = datetime(2026, 5, 1, 3, 0, tzinfo=UTC)  # 12:00 in Tokyo
    rule = Rule("once", time(12, 0), once_at=at)
    assert next_fire(rule, zone, NO_QUIET, after=at - timedelta(hours=1)) == at
    assert next_fire(rule, zone, NO_QUIET, after=at) is None


def test_a_one_off_reminder_at_night_waits_for_the_morning() -> None:
    zone = ZoneInfo("Asia/Tokyo")
    at = datetime(2026, 5, 1, 14, 0, tzinfo=UTC)  # 23:00 in Tokyo
    quiet = Quiet(time(22, 0), time(7, 0))
    fire = next_fire(Rule("once", time(23, 0), once_at=at), zone, quiet, after=at - timedelta(1))
    assert fire == datetime(2026, 5, 1, 22, 0, tzinfo=UTC)  # 07:00 the next day in Tokyo


@pytest.mark.parametrize(
    ("text", "expected"),
    [("22:00-08:00", Quiet(time(22), time(8))), (" 9:30 - 10:00 ", Quiet(time(9, 30), time(10)))],
)
def test_quiet_hours_are_read_from_text(text: str, expected: Quiet) -> None:
    assert parse_quiet(text) == expected


@pytest.mark.parametrize("text", ["", "22:00", "22-08", "25:00-08:00", "22:00-08:0", "a:bc-d:ef"])
def test_quiet_hours_in_any_other_form_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_quiet(text)


def test_an_unknown_repeat_is_refused() -> None:
    with pytest.raises(ValueError):
        next_fire(Rule("monthly", time(8)), ZoneInfo("UTC"), NO_QUIET, after=datetime.now(UTC))


@pytest.mark.parametrize("module", ["heartwork.reminders.schedule", "heartwork.reminders.config"])
def test_the_schedule_and_its_settings_import_without_loading_django(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={}
    )
    assert result.stdout.strip() == "[]"
