"""The trust ledger's arithmetic (heartwork.trust.ledger): plain data, no database."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartwork.trust.ledger import (
    GUIDE_RATIO,
    RECENT_WEEKS,
    DayCount,
    consistency,
    follow_through,
    ratio,
    tally,
    week_kind,
    week_start,
    weekly,
)

MONDAY = date(2025, 3, 3)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 12, 31))
counts = st.builds(
    DayCount,
    day=days,
    deposits=st.integers(min_value=0, max_value=20),
    withdrawals=st.integers(min_value=0, max_value=20),
)
ledgers = st.lists(counts, max_size=60)


def split(items: list[DayCount]) -> list[DayCount]:
    """The same entries, each day's counts spread over two records."""
    halves = []
    for item in items:
        halves.append(DayCount(item.day, item.deposits // 2, item.withdrawals // 2))
        halves.append(DayCount(item.day, deposits=item.deposits - item.deposits // 2))
        halves.append(DayCount(item.day, withdrawals=item.withdrawals - item.withdrawals // 2))
    return halves


# -- invariants ------------------------------------------------------------------------


@given(ledgers)
def test_the_balance_is_deposits_minus_withdrawals(items: list[DayCount]) -> None:
    found = tally(items)

    assert found.deposits == sum(item.deposits for item in items)
    assert found.withdrawals == sum(item.withdrawals for item in items)
    assert found.balance == found.deposits - found.withdrawals


@given(st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=10_000))
def test_the_ratio_is_always_a_number_and_never_negative(deposits: int, withdrawals: int) -> None:
    value = ratio(deposits, withdrawals)

    assert math.isfinite(value)
    assert value >= 0
    if withdrawals:
        assert value == deposits / withdrawals


@given(st.integers(min_value=0, max_value=10_000))
def test_with_no_withdrawals_the_ratio_is_the_number_of_deposits(deposits: int) -> None:
    assert ratio(deposits, 0) == deposits


@given(st.integers(min_value=0, max_value=500), st.integers(min_value=0, max_value=500))
def test_the_follow_through_rate_is_between_0_and_1_or_none_before_any_is_decided(
    kept: int, not_kept: int
) -> None:
    rate = follow_through(kept, not_kept)

    if kept + not_kept == 0:
        assert rate is None
    else:
        assert rate is not None and 0 <= rate <= 1
        assert (rate == 1) == (not_kept == 0)
        assert (rate == 0) == (kept == 0)


@given(ledgers, st.randoms(use_true_random=False), days)
def test_the_order_of_the_entries_changes_nothing(
    items: list[DayCount], shuffler: random.Random, today: date
) -> None:
    shuffled = list(items)
    shuffler.shuffle(shuffled)

    assert tally(shuffled) == tally(items)
    assert weekly(shuffled) == weekly(items)
    assert consistency(shuffled, today) == consistency(items, today)


@given(ledgers, days)
def test_splitting_a_days_entries_over_several_records_changes_nothing(
    items: list[DayCount], today: date
) -> None:
    assert tally(split(items)) == tally(items)
    assert weekly(split(items)) == weekly(items)
    assert consistency(split(items), today) == consistency(items, today)


@given(ledgers)
def test_the_last_weekly_balance_is_the_balance(items: list[DayCount]) -> None:
    points = weekly(items)

    if any(item.deposits or item.withdrawals for item in items):
        assert points[-1].balance == tally(items).balance
    else:
        assert points == []
    previous = 0
    for point in points:
        assert point.start.weekday() == 0
        assert point.balance - previous == point.deposits - point.withdrawals
        assert math.isfinite(point.window_ratio) and point.window_ratio >= 0
        previous = point.balance
    assert [p.start for p in points] == sorted({p.start for p in points})


@given(ledgers, days)
def test_steady_weeks_are_counted_only_among_the_recent_complete_weeks(
    items: list[DayCount], today: date
) -> None:
    found = consistency(items, today)

    assert 0 <= found.steady <= found.counted <= RECENT_WEEKS
    assert found.this_week.start == week_start(today)
    assert all(week.start < found.this_week.start for week in found.weeks)
    assert found.run >= 0
    if found.counted:
        # The run counts back from last week: it is at least 1 exactly when last week was steady.
        assert (found.run > 0) == (found.weeks[-1].kind == "steady")


@given(days)
def test_a_week_starts_on_the_monday_before_or_on_the_day(day: date) -> None:
    start = week_start(day)

    assert start.weekday() == 0
    assert start <= day < start + timedelta(days=7)


# -- examples --------------------------------------------------------------------------


def test_an_empty_ledger_is_zero_everywhere() -> None:
    found = tally([])

    assert (found.balance, found.deposits, found.withdrawals, found.ratio) == (0, 0, 0, 0)
    assert not found.meets_guide
    assert weekly([]) == []
    assert consistency([], MONDAY).weeks == ()


def test_five_deposits_for_one_withdrawal_meets_the_guide() -> None:
    found = tally([DayCount(MONDAY, deposits=5, withdrawals=1)])

    assert found.ratio == GUIDE_RATIO
    assert found.meets_guide
    assert not tally([DayCount(MONDAY, deposits=9, withdrawals=2)]).meets_guide


@pytest.mark.parametrize(
    ("deposits", "withdrawals", "kind"),
    [(1, 0, "steady"), (3, 1, "mixed"), (0, 2, "hard"), (0, 0, "quiet")],
)
def test_each_kind_of_week(deposits: int, withdrawals: int, kind: str) -> None:
    week = tally([DayCount(MONDAY, deposits, withdrawals)])

    assert week_kind(week) == kind


def test_weeks_before_the_first_entry_are_not_counted_against_anyone() -> None:
    # First entry two weeks before this week: only those two complete weeks count.
    today = MONDAY + timedelta(days=16)  # a Wednesday, two weeks later
    items = [DayCount(MONDAY, deposits=1), DayCount(MONDAY + timedelta(days=8), deposits=2)]

    found = consistency(items, today)

    assert [week.start for week in found.weeks] == [MONDAY, MONDAY + timedelta(days=7)]
    assert (found.steady, found.counted, found.run) == (2, 2, 2)
    assert found.this_week.kind == "quiet"


def test_this_week_is_shown_but_not_counted_until_it_ends() -> None:
    sunday = MONDAY + timedelta(days=6)
    items = [DayCount(MONDAY, deposits=1)]

    during = consistency(items, sunday)
    after = consistency(items, sunday + timedelta(days=1))

    assert (during.counted, during.this_week.kind) == (0, "steady")
    assert (after.counted, after.steady, after.run) == (1, 1, 1)


def test_a_withdrawal_breaks_the_steady_run_but_not_the_count_of_older_weeks() -> None:
    weeks = [MONDAY + timedelta(days=7 * n) for n in range(5)]
    items = [DayCount(start, deposits=2) for start in weeks]
    items.append(DayCount(weeks[3] + timedelta(days=2), withdrawals=1))
    today = weeks[4] + timedelta(days=7)

    found = consistency(items, today)

    assert [week.kind for week in found.weeks] == ["steady", "steady", "steady", "mixed", "steady"]
    assert (found.steady, found.run) == (4, 1)


def test_only_the_last_eight_complete_weeks_count() -> None:
    items = [DayCount(MONDAY + timedelta(days=7 * n), deposits=1) for n in range(20)]
    today = MONDAY + timedelta(days=7 * 20)

    found = consistency(items, today)

    assert found.counted == RECENT_WEEKS
    assert found.run == 20


def test_days_after_today_are_left_out_of_the_weeks() -> None:
    found = consistency([DayCount(MONDAY + timedelta(days=30), withdrawals=3)], MONDAY)

    assert found.counted == 0
    assert found.this_week.kind == "quiet"


def test_the_ratio_over_time_looks_at_the_last_four_weeks() -> None:
    items = [
        DayCount(MONDAY, withdrawals=4),
        DayCount(MONDAY + timedelta(days=7), deposits=4),
        DayCount(MONDAY + timedelta(days=35), deposits=4),
    ]

    points = weekly(items)

    assert [p.window_ratio for p in points] == [0, 1, 4]
    assert [p.balance for p in points] == [-4, 0, 4]


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        DayCount(MONDAY, deposits=-1)
