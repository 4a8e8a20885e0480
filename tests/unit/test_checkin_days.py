"""A check-in belongs to the person's own calendar day: time zones, midnight and clock changes.

The clock is passed in (``now``), so each test stands at an exact moment.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from heartwork.checkin.models import CheckIn
from heartwork.checkin.selectors import overview, summary, today_of
from heartwork.checkin.services import CheckinError, save_checkin
from tests.conftest import Persona


def in_zone(persona: Persona, name: str) -> None:
    persona.user.time_zone = name
    persona.user.save(update_fields=["time_zone"])


def utc(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def days_saved(persona: Persona) -> list[date]:
    return sorted(CheckIn.objects.filter(user=persona.user).values_list("day", flat=True))


def test_just_before_and_just_after_local_midnight_are_two_days(alex: Persona) -> None:
    in_zone(alex, "America/New_York")  # UTC-5 in January
    late = utc(2025, 1, 11, 4, 30)  # 23:30 on the 10th in New York
    early = utc(2025, 1, 11, 5, 30)  # 00:30 on the 11th: the same UTC date

    first = save_checkin(user=alex.user, values={"mood": 2}, now=late)
    second = save_checkin(user=alex.user, values={"mood": 4}, now=early)

    assert first.created and second.created
    assert days_saved(alex) == [date(2025, 1, 10), date(2025, 1, 11)]


def test_morning_and_evening_of_one_local_day_are_one_check_in(alex: Persona) -> None:
    in_zone(alex, "Pacific/Auckland")  # UTC+13 in January
    morning = utc(2025, 1, 9, 19, 0)  # 08:00 on the 10th in Auckland
    evening = utc(2025, 1, 10, 7, 0)  # 20:00 on the 10th: another UTC date

    save_checkin(user=alex.user, values={"mood": 2}, now=morning)
    again = save_checkin(user=alex.user, values={"mood": 5}, now=evening)

    assert not again.created
    assert days_saved(alex) == [date(2025, 1, 10)]
    assert CheckIn.objects.get(user=alex.user).answers.mood == 5


@pytest.mark.parametrize(
    ("zone", "start", "end", "day"),
    [
        # Dublin springs forward on 30 March 2025: a day of 23 hours.
        ("Europe/Dublin", utc(2025, 3, 30, 0, 30), utc(2025, 3, 30, 22, 30), date(2025, 3, 30)),
        # New York falls back on 2 November 2025: a day of 25 hours.
        ("America/New_York", utc(2025, 11, 2, 4, 30), utc(2025, 11, 3, 4, 30), date(2025, 11, 2)),
    ],
)
def test_a_day_when_the_clocks_change_is_still_one_day(
    alex: Persona, zone: str, start: datetime, end: datetime, day: date
) -> None:
    in_zone(alex, zone)

    save_checkin(user=alex.user, values={"mood": 3}, now=start)
    again = save_checkin(user=alex.user, values={"mood": 4}, now=end)

    assert not again.created
    assert days_saved(alex) == [day]


def test_streaks_count_local_days_across_a_clock_change(alex: Persona) -> None:
    in_zone(alex, "Europe/Dublin")
    # 28, 29 and 31 March (missed the 30th, the short day), seen on 31 March at 23:30.
    for moment in (utc(2025, 3, 28, 23, 30), utc(2025, 3, 29, 23, 30), utc(2025, 3, 31, 8, 0)):
        save_checkin(user=alex.user, values={"mood": 3}, now=moment)

    found = summary(alex.user, now=utc(2025, 3, 31, 22, 30))

    assert found.today == date(2025, 3, 31)
    assert found.checked_in_today is True
    assert found.current_streak == 4
    assert found.forgiven_days == 1


def test_late_at_night_yesterday_still_counts_as_yesterday(alex: Persona) -> None:
    in_zone(alex, "America/Los_Angeles")  # UTC-8 in January
    save_checkin(user=alex.user, values={"mood": 3}, now=utc(2025, 1, 10, 18, 0))  # 10th
    save_checkin(user=alex.user, values={"mood": 3}, now=utc(2025, 1, 12, 7, 0))  # 23:00, 11th

    # 07:59 UTC on the 12th is 23:59 on the 11th there: today is still the 11th.
    found = summary(alex.user, now=utc(2025, 1, 12, 7, 59))

    assert found.today == date(2025, 1, 11)
    assert found.checked_in_today is True
    assert found.current_streak == 2


def test_tomorrow_in_the_persons_zone_is_refused_even_if_it_is_today_in_utc(
    alex: Persona,
) -> None:
    in_zone(alex, "America/New_York")
    now = utc(2025, 1, 11, 3, 0)  # 22:00 on the 10th in New York, the 11th in UTC

    with pytest.raises(CheckinError) as caught:
        save_checkin(user=alex.user, values={"mood": 3}, day=date(2025, 1, 11), now=now)

    assert caught.value.field == "day"
    assert not CheckIn.objects.exists()


def test_moving_to_another_zone_keeps_the_days_already_saved(alex: Persona) -> None:
    in_zone(alex, "Europe/Dublin")
    save_checkin(user=alex.user, values={"mood": 3}, now=utc(2025, 6, 1, 22, 30))  # 23:30, 1st

    in_zone(alex, "Asia/Tokyo")

    assert days_saved(alex) == [date(2025, 6, 1)]
    # 22:30 UTC is already the 2nd in Tokyo: yesterday's check-in keeps the run going.
    view = overview(alex.user, now=utc(2025, 6, 1, 22, 30))
    assert view.today == date(2025, 6, 2) == today_of(alex.user, utc(2025, 6, 1, 22, 30))
    assert view.today_answers is None
    assert view.streaks.current_days == 1
