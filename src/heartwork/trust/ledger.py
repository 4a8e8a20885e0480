"""The trust ledger's arithmetic: balance, ratio, follow-through and steady weeks.

Pure Python (no Django import), so the rules can be read in one place and tested with
plain data (tests/unit/test_ledger.py). Everything works on per-day counts (``DayCount``),
which the database adds up in one query: the order of the counts, and how a day's entries
are split between them, never changes an answer.

Every entry counts as one, on purpose: a grand gesture weighs the same as a small kept
promise, because steady small actions are what rebuild trust (docs/trackers.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Direction = Literal["deposit", "withdrawal"]
WeekKind = Literal["steady", "mixed", "hard", "quiet"]

# The rough guide: about five good moments for every hurtful one.
GUIDE_RATIO = 5.0
# How many recent complete weeks the consistency view looks back over.
RECENT_WEEKS = 8
# The ratio over time is taken over a moving window of this many weeks.
RATIO_WINDOW_WEEKS = 4
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class DayCount:
    """How many deposits and withdrawals were logged on one local day."""

    day: date
    deposits: int = 0
    withdrawals: int = 0

    def __post_init__(self) -> None:
        if self.deposits < 0 or self.withdrawals < 0:
            raise ValueError("counts cannot be negative")


def ratio(deposits: int, withdrawals: int) -> float:
    """Deposits per withdrawal. Always a number: with no withdrawal yet, the deposits are
    divided by one (five deposits and nothing taken away reads as 5 to 1)."""
    return deposits / max(withdrawals, 1)


def follow_through(kept: int, not_kept: int) -> float | None:
    """The share of decided commitments that were kept, from 0 to 1; None when none is
    decided yet (commitments still open do not count either way)."""
    decided = kept + not_kept
    return None if decided == 0 else kept / decided


@dataclass(frozen=True)
class Tally:
    deposits: int
    withdrawals: int

    @property
    def balance(self) -> int:
        return self.deposits - self.withdrawals

    @property
    def ratio(self) -> float:
        return ratio(self.deposits, self.withdrawals)

    @property
    def meets_guide(self) -> bool:
        return self.deposits > 0 and self.ratio >= GUIDE_RATIO


def tally(counts: Iterable[DayCount]) -> Tally:
    deposits = withdrawals = 0
    for count in counts:
        deposits += count.deposits
        withdrawals += count.withdrawals
    return Tally(deposits, withdrawals)


def week_start(day: date) -> date:
    """The Monday of the week ``day`` falls in."""
    return day - timedelta(days=day.weekday())


def by_week(counts: Iterable[DayCount]) -> dict[date, Tally]:
    """The counts added up per week (keyed by its Monday), only weeks with entries."""
    sums: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for count in counts:
        if count.deposits or count.withdrawals:
            week = sums[week_start(count.day)]
            week[0] += count.deposits
            week[1] += count.withdrawals
    return {start: Tally(d, w) for start, (d, w) in sorted(sums.items())}


@dataclass(frozen=True)
class WeekPoint:
    """One week with entries: the balance at its end, and the ratio over the window of
    RATIO_WINDOW_WEEKS weeks that ends with it."""

    start: date
    deposits: int
    withdrawals: int
    balance: int
    window_ratio: float


def weekly(counts: Iterable[DayCount], window: int = RATIO_WINDOW_WEEKS) -> list[WeekPoint]:
    """The ledger over time, one point per week with entries, oldest first."""
    weeks = by_week(counts)
    points = []
    balance = 0
    for start, week in weeks.items():
        balance += week.balance
        recent = [weeks.get(start - WEEK * back) for back in range(max(window, 1))]
        deposits = sum(one.deposits for one in recent if one is not None)
        withdrawals = sum(one.withdrawals for one in recent if one is not None)
        points.append(
            WeekPoint(
                start=start,
                deposits=week.deposits,
                withdrawals=week.withdrawals,
                balance=balance,
                window_ratio=ratio(deposits, withdrawals),
            )
        )
    return points


def week_kind(week: Tally | None) -> WeekKind:
    """steady: at least one deposit and no withdrawal; mixed: both; hard: only
    withdrawals; quiet: nothing logged."""
    if week is None or (week.deposits == 0 and week.withdrawals == 0):
        return "quiet"
    if week.withdrawals == 0:
        return "steady"
    return "mixed" if week.deposits else "hard"


@dataclass(frozen=True)
class WeekState:
    start: date
    deposits: int
    withdrawals: int
    kind: WeekKind


@dataclass(frozen=True)
class Consistency:
    """The recent complete weeks (oldest first) and this week so far.

    Only weeks since the first entry count: someone who started two weeks ago is not
    marked down for the six weeks before. This week is shown but not counted until it ends.
    """

    weeks: tuple[WeekState, ...]
    this_week: WeekState
    # Steady weeks in a row, counting back from last week (over the whole history).
    run: int

    @property
    def steady(self) -> int:
        return sum(1 for week in self.weeks if week.kind == "steady")

    @property
    def counted(self) -> int:
        return len(self.weeks)


def _state(start: date, weeks: Mapping[date, Tally]) -> WeekState:
    week = weeks.get(start)
    return WeekState(
        start=start,
        deposits=week.deposits if week else 0,
        withdrawals=week.withdrawals if week else 0,
        kind=week_kind(week),
    )


def consistency(counts: Iterable[DayCount], today: date, weeks: int = RECENT_WEEKS) -> Consistency:
    """How steady the recent weeks were. Days after ``today`` are left out."""
    kept = [count for count in counts if count.day <= today]
    by = by_week(kept)
    current = week_start(today)
    first = min(by) if by else current
    starts = [current - WEEK * back for back in range(max(weeks, 0), 0, -1)]
    counted = tuple(_state(start, by) for start in starts if start >= first)
    run = 0
    start = current - WEEK
    while start >= first and week_kind(by.get(start)) == "steady":
        run += 1
        start -= WEEK
    return Consistency(weeks=counted, this_week=_state(current, by), run=run)
