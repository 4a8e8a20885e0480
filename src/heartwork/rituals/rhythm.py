"""How well a small ritual is holding: pure Python, no Django import.

A daily ritual is counted in days, a weekly one in weeks (starting on Monday), over the
last four weeks. The period going on now counts only once the ritual is done in it, so a
ritual is never marked down for a day (or a week) that is not over yet. Periods before the
ritual was started do not count either.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Cadence = Literal["daily", "weekly"]
CADENCES: tuple[Cadence, ...] = ("daily", "weekly")
WINDOW_WEEKS = 4


def period_start(cadence: Cadence, day: date) -> date:
    """The first day of the period ``day`` falls in: the day itself, or its Monday."""
    return day if cadence == "daily" else day - timedelta(days=day.weekday())


def window_start(cadence: Cadence, today: date) -> date:
    """The first day of the oldest period looked at."""
    if cadence == "daily":
        return today - timedelta(days=7 * WINDOW_WEEKS - 1)
    return period_start("weekly", today) - timedelta(days=7 * (WINDOW_WEEKS - 1))


@dataclass(frozen=True)
class Record:
    # Done in the period going on now (today, or this week).
    done_now: bool
    # Periods in the window with the ritual done at least once, and periods counted.
    kept: int
    periods: int
    last_done: date | None


def record(cadence: Cadence, done: Iterable[date], today: date, started: date) -> Record:
    """How the ritual held over the last four weeks, from the days it was done."""
    days = {day for day in done if day <= today}
    step = timedelta(days=1 if cadence == "daily" else 7)
    current = period_start(cadence, today)
    first = period_start(cadence, min([started, *days]))
    kept_periods = {period_start(cadence, day) for day in days}
    start = max(window_start(cadence, today), first)
    kept = periods = 0
    period = start
    while period < current:
        periods += 1
        kept += period in kept_periods
        period += step
    done_now = current in kept_periods
    return Record(
        done_now=done_now,
        kept=kept + done_now,
        periods=periods + done_now,
        last_done=max(days) if days else None,
    )
