"""Days of space, runs and urge counts: the arithmetic of the space tracker. Pure Python.

A *contact day* is the date of last contact the person gave for their cool-down, or a local
day on which they logged a slip. Everything else follows from the contact days and today:

- days since contact: today minus the latest contact day (0 on a day with a slip);
- a run: the days without contact between two contact days (today counts in the current
  run); the longest run is the longest of them;
- days without contact in all: every day from the start (the cool-down's first day, or the
  first contact day if that is earlier) up to today that is not a contact day.

A slip adds one contact day and nothing else: it never erases a day that was kept, so the
total goes down by at most one day, and the runs before it stay as they were (tests/unit/
test_space_progress.py holds these invariants with hypothesis).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

ONE_DAY = timedelta(days=1)
WEEK = 7


@dataclass(frozen=True)
class PlanDates:
    """A cool-down: its first day, its planned length (None: no end date), the last contact."""

    started_on: date
    planned_days: int | None
    last_contact_on: date


@dataclass(frozen=True)
class Runs:
    # None when nothing is known yet: no cool-down and no slip.
    days_since_contact: int | None
    longest_run_days: int
    days_without_contact: int
    # The first day counted in days_without_contact; None when nothing is known.
    since: date | None


@dataclass(frozen=True)
class CoolDownState:
    # 1 on the first day; 0 or less when the cool-down starts later (never, once saved).
    day_number: int
    planned_days: int | None
    # The first day after the planned length; None without an end date.
    ends_on: date | None
    days_left: int | None
    finished: bool


@dataclass(frozen=True)
class DayPoint:
    day: date
    # None before the first contact day known.
    days_since_contact: int | None
    days_without_contact: int


def contact_days(
    last_contact_on: date | None, slip_days: Iterable[date], today: date
) -> tuple[date, ...]:
    """Every contact day up to today, oldest first, each once.

    A day after today (a date typed on a clock ahead of this one) counts as today.
    """
    days = set(slip_days)
    if last_contact_on is not None:
        days.add(last_contact_on)
    return tuple(sorted({min(day, today) for day in days}))


def start_of(contacts: Sequence[date], started_on: date | None, today: date) -> date | None:
    """The first day counted: the cool-down's start or the first contact day, the earlier."""
    candidates = [day for day in (started_on, contacts[0] if contacts else None) if day]
    return min(min(candidates), today) if candidates else None


def runs(contacts: Sequence[date], today: date, started_on: date | None = None) -> Runs:
    """The runs picture for sorted, unique ``contacts`` (see contact_days), all <= today."""
    since = start_of(contacts, started_on, today)
    if since is None:
        return Runs(None, 0, 0, None)
    window = (today - since).days + 1
    without = window - sum(1 for day in contacts if since <= day <= today)
    if not contacts:
        return Runs(None, without, without, since)
    gaps = [(later - earlier).days - 1 for earlier, later in pairwise(contacts)]
    current = (today - contacts[-1]).days
    return Runs(current, max([current, *gaps]), without, since)


def series(contacts: Sequence[date], today: date, started_on: date | None = None) -> list[DayPoint]:
    """One point per day from the start to today, in one pass: the chart of runs."""
    since = start_of(contacts, started_on, today)
    if since is None:
        return []
    points = []
    # The latest contact day on or before the first day, if any.
    index = bisect_right(contacts, since) - 1
    last = contacts[index] if index >= 0 else None
    total = 0
    day = since
    while day <= today:
        if index + 1 < len(contacts) and contacts[index + 1] == day:
            index += 1
            last = day
        if last != day:
            total += 1
        points.append(DayPoint(day, None if last is None else (day - last).days, total))
        day += ONE_DAY
    return points


def cool_down(plan: PlanDates, today: date) -> CoolDownState:
    day_number = (today - plan.started_on).days + 1
    if plan.planned_days is None:
        return CoolDownState(day_number, None, None, None, False)
    ends_on = plan.started_on + timedelta(days=plan.planned_days)
    days_left = max(0, (ends_on - today).days)
    return CoolDownState(day_number, plan.planned_days, ends_on, days_left, days_left == 0)


# -- counts per day ----------------------------------------------------------------------


def per_local_day(
    moments: Iterable[tuple[datetime, int]], zone: ZoneInfo
) -> dict[date, tuple[int, int]]:
    """(how many, sum of the values) per local day in ``zone``, for aware (moment, value)
    pairs: urges with their strength, or anything with 0."""
    days: dict[date, tuple[int, int]] = {}
    for moment, value in moments:
        day = moment.astimezone(zone).date()
        count, total = days.get(day, (0, 0))
        days[day] = (count + 1, total + value)
    return days


def zero_filled(counts: Mapping[date, int], start: date, end: date) -> list[tuple[date, int]]:
    """One (day, count) per day from start to end (both included), 0 where none."""
    filled = []
    day = start
    while day <= end:
        filled.append((day, counts.get(day, 0)))
        day += ONE_DAY
    return filled


def in_window(counts: Mapping[date, int], today: date, days: int = WEEK, back: int = 0) -> int:
    """The total over ``days`` days ending ``back`` days before today (today included)."""
    last = today - timedelta(days=back)
    first = last - timedelta(days=days - 1)
    return sum(count for day, count in counts.items() if first <= day <= last)


def first_day(*days: Iterable[date]) -> date | None:
    """The earliest day of any of the given collections; None if all are empty."""
    found = [day for collection in days for day in collection]
    return min(found) if found else None
