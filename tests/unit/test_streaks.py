"""Check-in runs that forgive one missed day in any seven (heartwork.checkin.streaks)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from heartwork.checkin.streaks import (
    WINDOW_DAYS,
    Run,
    best_run,
    current_run,
    runs_ending,
    streaks,
)

START = date(2025, 3, 1)


def days(*offsets: int) -> list[date]:
    return [START + timedelta(days=offset) for offset in offsets]


def day(offset: int) -> date:
    return START + timedelta(days=offset)


# Histories of up to ~60 days with random holes: enough to hit every rule.
histories = st.sets(st.integers(min_value=0, max_value=60), max_size=45).map(
    lambda offsets: days(*sorted(offsets))
)


def is_run(history: set[date], start: date, end: date) -> bool:
    """The rule as written in the docs, checked the slow way."""
    if start not in history or end not in history or start > end:
        return False
    missed = [
        start + timedelta(days=i)
        for i in range((end - start).days + 1)
        if start + timedelta(days=i) not in history
    ]
    next_to_each_other = any((b - a).days == 1 for a, b in itertools.pairwise(missed))
    too_close = any((b - a).days < WINDOW_DAYS for a, b in itertools.pairwise(missed))
    return not next_to_each_other and not too_close


def slow_longest_ending(history: list[date], end: date) -> int:
    present = set(history)
    return max((end - s).days + 1 for s in history if s <= end and is_run(present, s, end))


# -- examples, as a person would meet them -----------------------------------------------


def test_every_day_in_a_row_is_one_run_as_long_as_the_days() -> None:
    found = streaks(days(*range(10)), today=day(9))

    assert found.current_days == 10
    assert found.best_days == 10
    assert found.current is not None and found.current.forgiven == 0


def test_one_missed_day_is_forgiven_and_counts_in_the_run() -> None:
    found = streaks(days(0, 1, 2, 4, 5), today=day(5))

    assert found.current == Run(start=day(0), end=day(5), checkins=5)
    assert found.current_days == 6
    assert found.current.forgiven == 1


def test_two_missed_days_in_a_row_start_a_new_run() -> None:
    found = streaks(days(0, 1, 2, 5, 6), today=day(6))

    assert found.current_days == 2
    assert found.best_days == 3


def test_a_second_missed_day_within_a_week_starts_the_run_after_the_first() -> None:
    # Missed 2 and 5: three days apart, so the run restarts on day 3.
    found = streaks(days(0, 1, 3, 4, 6), today=day(6))

    assert found.current == Run(start=day(3), end=day(6), checkins=3)
    # Days 0 to 4, with day 2 forgiven, is still the longest.
    assert found.best_days == 5


def test_missed_days_a_week_apart_are_both_forgiven() -> None:
    history = [d for d in days(*range(20)) if d not in (day(3), day(10))]

    found = streaks(history, today=day(19))

    assert found.current_days == 20
    assert found.current is not None and found.current.forgiven == 2


def test_today_is_not_missed_while_it_lasts() -> None:
    found = streaks(days(0, 1, 2), today=day(3))

    assert found.current_days == 3


def test_yesterday_missed_keeps_the_run_alive_until_today_ends() -> None:
    found = streaks(days(0, 1, 2), today=day(4))

    assert found.current_days == 3


def test_yesterday_missed_after_another_miss_this_week_keeps_only_the_part_after_it() -> None:
    # Missed day 2; day 5 missed too would be the second in a week.
    found = streaks(days(0, 1, 3, 4), today=day(6))

    assert found.current == Run(start=day(3), end=day(4), checkins=2)


def test_three_days_away_leaves_no_current_run_but_keeps_the_best() -> None:
    found = streaks(days(0, 1, 2, 3), today=day(6))

    assert found.current is None
    assert found.current_days == 0
    assert found.best_days == 4


def test_no_check_ins_means_no_runs() -> None:
    found = streaks([], today=day(0))

    assert found.current is None and found.best is None
    assert (found.current_days, found.best_days) == (0, 0)


def test_days_after_today_are_not_counted() -> None:
    found = streaks(days(0, 1, 5), today=day(1))

    assert found.current_days == 2
    assert found.best_days == 2


# -- properties --------------------------------------------------------------------------


@given(histories)
def test_each_run_ending_on_a_day_is_the_longest_the_rule_allows(history: list[date]) -> None:
    for run in runs_ending(history):
        assert is_run(set(history), run.start, run.end)
        assert run.length == slow_longest_ending(history, run.end)


@given(histories)
def test_a_run_is_its_check_ins_plus_its_forgiven_days(history: list[date]) -> None:
    present = set(history)
    for run in runs_ending(history):
        inside = [d for d in present if run.start <= d <= run.end]
        assert run.checkins == len(inside)
        assert run.length == run.checkins + run.forgiven
        # At most one forgiven day per started week of the run.
        assert run.forgiven <= (run.length + WINDOW_DAYS - 1) // WINDOW_DAYS


@given(histories, st.integers(min_value=0, max_value=70))
def test_the_current_run_is_never_longer_than_the_best(history: list[date], today: int) -> None:
    found = streaks(history, today=day(today))

    assert found.current_days <= found.best_days


@given(histories, st.integers(min_value=0, max_value=70))
def test_the_current_run_ends_on_the_latest_check_in_at_most_two_days_ago(
    history: list[date], today: int
) -> None:
    now = day(today)
    run = current_run(history, now)
    past = [d for d in history if d <= now]
    if run is None:
        assert not past or (now - past[-1]).days > 2 or not is_run({*past, now}, past[-1], now)
    else:
        assert run.end == past[-1]
        assert (now - run.end).days <= 2
        # A check-in today would continue it.
        assert is_run({*past, now}, run.start, now)


@given(histories, st.integers(min_value=0, max_value=60))
def test_adding_a_check_in_never_makes_the_best_run_shorter(
    history: list[date], extra: int
) -> None:
    before = best_run(history)
    after = best_run([*history, day(extra)])

    assert (after.length if after else 0) >= (before.length if before else 0)


@given(histories, st.integers(min_value=0, max_value=70))
def test_checking_in_today_never_shortens_the_current_run(history: list[date], today: int) -> None:
    now = day(today)
    before = streaks(history, today=now).current_days
    after = streaks([*history, now], today=now).current_days

    assert after >= before
    assert after >= 1


@given(histories)
def test_the_order_and_repeats_of_days_do_not_matter(history: list[date]) -> None:
    today = day(61)
    shuffled = list(reversed(history)) + history[:3]

    assert streaks(shuffled, today) == streaks(history, today)
