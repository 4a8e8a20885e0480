"""Check-in streaks that forgive a missed day. Pure Python: no Django import.

The rule, in one sentence: **a run of check-ins survives one missed day in any seven.**

Precisely, a *run* is a stretch of calendar days that starts and ends with a check-in and in
which

- no two missed days are next to each other, and
- any two missed days are at least seven days apart (so no seven days in a row hold more
  than one missed day).

A run's ``length`` is the number of days it spans, forgiven days included: checking in on
Monday, missing Tuesday and checking in on Wednesday is a run of three days with one day
forgiven. The *best* run is the longest run anywhere in the history. The *current* run is
the longest run that ends with the latest check-in and that a check-in today would still
continue; today itself never counts as missed, because it is not over yet. With no such
run (the last check-in was three or more days ago), the current run is 0 and the next
check-in starts a new one.

Adding a check-in (also for a past day) can only remove missed days, so it never makes
the best run shorter; tests/unit/test_streaks.py holds these rules to hypothesis.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

# At most one missed day in any window of this many days.
WINDOW_DAYS = 7

__all__ = ["WINDOW_DAYS", "Run", "Streaks", "best_run", "current_run", "runs_ending", "streaks"]


@dataclass(frozen=True)
class Run:
    """A stretch of days from ``start`` to ``end`` (both check-in days)."""

    start: date
    end: date
    # Days with a check-in in the run; the rest of its days were forgiven.
    checkins: int

    @property
    def length(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def forgiven(self) -> int:
        return self.length - self.checkins


@dataclass(frozen=True)
class Streaks:
    current: Run | None
    best: Run | None

    @property
    def current_days(self) -> int:
        return self.current.length if self.current else 0

    @property
    def best_days(self) -> int:
        return self.best.length if self.best else 0


def _days(days: Iterable[date], today: date | None) -> list[date]:
    """Distinct days, oldest first; days after ``today`` (a clock ahead) are left out."""
    return sorted({day for day in days if today is None or day <= today})


def runs_ending(days: Sequence[date]) -> list[Run]:
    """For each check-in day (sorted, distinct), the longest run that ends on it.

    One pass: the start only ever moves forward. A gap of two or more missed days starts
    afresh; a single missed day too close to the run's previous one moves the start to
    just after that earlier miss.
    """
    found: list[Run] = []
    start = 0
    last_miss: date | None = None
    for index, day in enumerate(days):
        if index:
            missed = (day - days[index - 1]).days - 1
            if missed >= 2:
                start, last_miss = index, None
            elif missed == 1:
                miss = day - timedelta(days=1)
                if last_miss is not None and (miss - last_miss).days < WINDOW_DAYS:
                    # The earlier miss sits right after some check-in day; start after it.
                    start = days.index(last_miss + timedelta(days=1), start)
                last_miss = miss
        found.append(Run(start=days[start], end=day, checkins=index - start + 1))
    return found


def _longest(runs: Iterable[Run]) -> Run | None:
    best: Run | None = None
    for run in runs:
        if best is None or run.length > best.length:
            best = run
    return best


def best_run(days: Iterable[date], today: date | None = None) -> Run | None:
    """The longest run in the history (the earliest of equally long ones)."""
    return _longest(runs_ending(_days(days, today)))


def current_run(days: Iterable[date], today: date) -> Run | None:
    """The run a check-in today would continue, up to the latest check-in; None if none."""
    ordered = _days(days, today)
    if not ordered:
        return None
    last = ordered[-1]
    if (today - last).days > 2:
        return None
    # Check in today in thought: the run ending today, less today if it was not real.
    with_today = ordered if last == today else [*ordered, today]
    run = runs_ending(with_today)[-1]
    if last == today:
        return run
    return Run(start=run.start, end=last, checkins=run.checkins - 1)


def streaks(days: Iterable[date], today: date) -> Streaks:
    """The current and the best run, counting only days up to ``today``."""
    ordered = _days(days, today)
    return Streaks(current=current_run(ordered, today), best=best_run(ordered, today))
