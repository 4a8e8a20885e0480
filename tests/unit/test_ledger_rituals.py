"""How well a ritual holds (heartwork.rituals.rhythm): plain data, no database.

Kept beside the trust ledger's tests: both are the arithmetic of "show change through
actions" and "rebuild closeness slowly".
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from heartwork.rituals.rhythm import CADENCES, Cadence, period_start, record, window_start

TODAY = date(2025, 3, 13)  # a Thursday
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2025, 6, 30))
cadences = st.sampled_from(CADENCES)


@given(cadences, st.lists(days, max_size=80), days, days)
def test_kept_is_never_more_than_the_periods_counted(
    cadence: Cadence, done: list[date], today: date, started: date
) -> None:
    found = record(cadence, done, today, started)

    assert 0 <= found.kept <= found.periods <= (28 if cadence == "daily" else 4)
    assert found.done_now == any(
        period_start(cadence, d) == period_start(cadence, today) for d in done if d <= today
    )


@given(cadences, st.lists(days, max_size=80), days, days, st.randoms(use_true_random=False))
def test_order_and_repeats_change_nothing(
    cadence: Cadence, done: list[date], today: date, started: date, shuffler: random.Random
) -> None:
    shuffled = done * 2
    shuffler.shuffle(shuffled)

    assert record(cadence, shuffled, today, started) == record(cadence, done, today, started)


@given(cadences, st.lists(days, max_size=80), days, days)
def test_days_after_today_are_left_out(
    cadence: Cadence, done: list[date], today: date, started: date
) -> None:
    past = [day for day in done if day <= today]

    assert record(cadence, done, today, started) == record(cadence, past, today, started)


@given(cadences, days)
def test_a_period_starts_on_or_before_its_day(cadence: Cadence, day: date) -> None:
    start = period_start(cadence, day)

    assert start <= day < start + timedelta(days=1 if cadence == "daily" else 7)
    assert window_start(cadence, day) <= start


def test_a_daily_ritual_counts_the_last_28_days() -> None:
    done = [TODAY - timedelta(days=n) for n in (1, 2, 5, 40)]

    found = record("daily", done, TODAY, started=TODAY - timedelta(days=100))

    assert (found.done_now, found.kept, found.periods) == (False, 3, 27)
    assert found.last_done == TODAY - timedelta(days=1)


def test_today_counts_once_it_is_done() -> None:
    found = record("daily", [TODAY], TODAY, started=TODAY - timedelta(days=100))

    assert (found.done_now, found.kept, found.periods) == (True, 1, 28)


def test_a_weekly_ritual_counts_weeks_from_monday() -> None:
    monday = TODAY - timedelta(days=3)
    done = [monday - timedelta(days=1), monday - timedelta(days=15)]

    found = record("weekly", done, TODAY, started=TODAY - timedelta(days=100))

    assert (found.done_now, found.kept, found.periods) == (False, 2, 3)


def test_a_new_ritual_is_not_marked_down_for_the_time_before_it_started() -> None:
    started = TODAY - timedelta(days=2)

    found = record("daily", [TODAY - timedelta(days=1)], TODAY, started)

    assert (found.kept, found.periods) == (1, 2)


def test_a_day_done_before_the_ritual_was_added_counts_from_then() -> None:
    found = record("daily", [TODAY - timedelta(days=3)], TODAY, started=TODAY)

    assert (found.kept, found.periods) == (1, 3)
