"""The arithmetic of the space tracker (heartwork.space.progress): days since contact, runs,
the total of days without contact, the cool-down, and counts per day.

The invariants that matter to a person are held with hypothesis: a slip never erases a day
already kept, never changes the past, and never resets the total to nothing.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from heartwork.core.timezones import local_day
from heartwork.space.progress import (
    PlanDates,
    contact_days,
    cool_down,
    first_day,
    in_window,
    per_local_day,
    runs,
    series,
    zero_filled,
)

TODAY = date(2026, 3, 29)
days_back = st.integers(min_value=0, max_value=400)
some_days = st.lists(days_back, max_size=12).map(
    lambda backs: [TODAY - timedelta(days=back) for back in backs]
)


@st.composite
def histories(draw: st.DrawFn) -> tuple[date, list[date], date]:
    """A last contact day, some slip days, and the cool-down's first day, all up to today."""
    last_contact = TODAY - timedelta(days=draw(days_back))
    started = TODAY - timedelta(days=draw(days_back))
    return last_contact, draw(some_days), started


def d(text: str) -> date:
    return date.fromisoformat(text)


# -- examples --------------------------------------------------------------------------


def test_the_pure_core_imports_without_loading_django() -> None:
    code = (
        "import sys, heartwork.space.progress\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={}
    )
    assert result.stdout.strip() == "[]"


def test_days_since_contact_count_from_the_last_contact_and_today_counts() -> None:
    contacts = contact_days(d("2026-03-19"), [], TODAY)

    found = runs(contacts, TODAY, started_on=d("2026-03-20"))

    assert found.days_since_contact == 10
    assert found.longest_run_days == 10
    assert found.days_without_contact == 10
    assert found.since == d("2026-03-19")


def test_a_slip_starts_a_new_run_but_the_longest_and_the_total_keep_the_kept_days() -> None:
    # Last contact 1 March, a slip on 21 March, today the 29th.
    contacts = contact_days(d("2026-03-01"), [d("2026-03-21")], TODAY)

    found = runs(contacts, TODAY, started_on=d("2026-03-01"))

    assert found.days_since_contact == 8
    assert found.longest_run_days == 19  # 2 to 20 March
    assert found.days_without_contact == 27  # 29 days, less the two contact days


def test_a_slip_today_means_zero_days_since_contact_and_nothing_else_is_lost() -> None:
    contacts = contact_days(d("2026-03-01"), [TODAY], TODAY)

    found = runs(contacts, TODAY, started_on=d("2026-03-01"))

    assert found.days_since_contact == 0
    assert found.longest_run_days == 27
    assert found.days_without_contact == 27


def test_nothing_known_yet_is_none_not_zero() -> None:
    found = runs((), TODAY)

    assert found.days_since_contact is None
    assert found.days_without_contact == 0
    assert series((), TODAY) == []


def test_a_date_typed_on_a_clock_ahead_of_ours_counts_as_today() -> None:
    assert contact_days(TODAY + timedelta(days=1), [], TODAY) == (TODAY,)


def test_the_cool_down_says_which_day_it_is_and_how_many_are_left() -> None:
    plan = PlanDates(d("2026-03-20"), 30, d("2026-03-19"))

    state = cool_down(plan, TODAY)

    assert (state.day_number, state.days_left, state.finished) == (10, 21, False)
    assert state.ends_on == d("2026-04-19")
    assert cool_down(plan, d("2026-04-19")).finished
    assert cool_down(plan, d("2026-04-18")).days_left == 1


def test_a_cool_down_without_an_end_date_never_finishes() -> None:
    state = cool_down(PlanDates(d("2020-01-01"), None, d("2020-01-01")), TODAY)

    assert state.ends_on is None and state.days_left is None and not state.finished


def test_counts_per_day_are_zero_filled_and_weeks_add_up() -> None:
    counts = {d("2026-03-29"): 2, d("2026-03-23"): 1, d("2026-03-22"): 4, d("2026-03-15"): 9}

    filled = zero_filled(counts, d("2026-03-20"), TODAY)

    assert filled[0] == (d("2026-03-20"), 0)
    assert len(filled) == 10
    assert in_window(counts, TODAY) == 3  # 23 to 29 March
    assert in_window(counts, TODAY, back=7) == 4  # 16 to 22 March
    assert first_day(counts, []) == d("2026-03-15")
    assert first_day([], []) is None


# -- invariants ------------------------------------------------------------------------


@given(histories())
def test_the_numbers_are_ordered_days_since_then_longest_then_total(
    history: tuple[date, list[date], date],
) -> None:
    last_contact, slips, started = history
    contacts = contact_days(last_contact, slips, TODAY)

    found = runs(contacts, TODAY, started)

    assert found.days_since_contact is not None
    assert 0 <= found.days_since_contact <= found.longest_run_days <= found.days_without_contact
    assert list(contacts) == sorted(set(contacts))


@given(histories())
def test_the_daily_series_ends_on_todays_numbers_and_the_total_never_goes_down(
    history: tuple[date, list[date], date],
) -> None:
    last_contact, slips, started = history
    contacts = contact_days(last_contact, slips, TODAY)
    found = runs(contacts, TODAY, started)

    points = series(contacts, TODAY, started)

    assert points[0].day == found.since and points[-1].day == TODAY
    assert points[-1].days_since_contact == found.days_since_contact
    assert points[-1].days_without_contact == found.days_without_contact
    for before, after in pairwise(points):
        assert after.day - before.day == timedelta(days=1)
        assert after.days_without_contact - before.days_without_contact in (0, 1)
    for point in points:
        if point.day in contacts:
            assert point.days_since_contact == 0
        elif point.days_since_contact is not None:
            assert point.days_since_contact > 0
    assert max(p.days_since_contact or 0 for p in points) == found.longest_run_days


@given(histories(), days_back)
def test_a_slip_never_changes_the_past_and_costs_at_most_one_day_of_the_total(
    history: tuple[date, list[date], date], back: int
) -> None:
    last_contact, slips, started = history
    slip = TODAY - timedelta(days=back)
    before_contacts = contact_days(last_contact, slips, TODAY)
    after_contacts = contact_days(last_contact, [*slips, slip], TODAY)

    before = runs(before_contacts, TODAY, started)
    after = runs(after_contacts, TODAY, started)

    assert after.days_without_contact >= before.days_without_contact - 1
    if before.days_without_contact >= 2:
        assert after.days_without_contact >= 1  # never reset to nothing
    old = {p.day: p for p in series(before_contacts, TODAY, started)}
    for point in series(after_contacts, TODAY, started):
        if point.day < slip and point.day in old:
            assert point == old[point.day]


@given(histories())
def test_a_slip_today_keeps_the_longest_run_within_a_day(
    history: tuple[date, list[date], date],
) -> None:
    last_contact, slips, started = history
    before = runs(contact_days(last_contact, slips, TODAY), TODAY, started)

    after = runs(contact_days(last_contact, [*slips, TODAY], TODAY), TODAY, started)

    assert after.days_since_contact == 0
    assert after.longest_run_days >= before.longest_run_days - 1


@given(
    st.integers(min_value=0, max_value=800),
    st.one_of(st.none(), st.integers(min_value=1, max_value=730)),
)
def test_the_cool_down_counts_down_to_its_end(back: int, planned: int | None) -> None:
    plan = PlanDates(TODAY - timedelta(days=back), planned, TODAY - timedelta(days=back))

    state = cool_down(plan, TODAY)

    assert state.day_number == back + 1
    if planned is None:
        assert not state.finished
    else:
        assert state.days_left is not None and state.days_left >= 0
        assert state.finished == (back >= planned)
        if not state.finished:
            assert state.day_number + state.days_left - 1 == planned


@given(
    st.dictionaries(
        st.integers(min_value=0, max_value=60).map(lambda n: TODAY - timedelta(days=n)),
        st.integers(min_value=0, max_value=20),
    )
)
def test_two_weeks_in_a_row_add_up_to_fourteen_days(counts: dict[date, int]) -> None:
    start = TODAY - timedelta(days=13)
    fortnight = sum(count for day, count in zero_filled(counts, start, TODAY))

    assert in_window(counts, TODAY) + in_window(counts, TODAY, back=7) == fortnight
    assert in_window(counts, TODAY, days=14) == fortnight


def test_a_moment_counts_on_the_local_day_across_a_clock_change() -> None:
    dublin = ZoneInfo("Europe/Dublin")
    moments = [
        (datetime(2026, 3, 28, 23, 59, tzinfo=dublin), 4),  # GMT
        (datetime(2026, 3, 29, 0, 30, tzinfo=dublin), 6),  # GMT, before the change at 01:00
        (datetime(2026, 3, 29, 23, 30, tzinfo=dublin), 8),  # IST: 22:30 UTC
    ]

    days = per_local_day(moments, dublin)

    assert days == {date(2026, 3, 28): (1, 4), date(2026, 3, 29): (2, 14)}
    assert per_local_day(moments, ZoneInfo("UTC"))[date(2026, 3, 29)] == (2, 14)


@given(
    st.lists(
        st.tuples(
            st.datetimes(
                min_value=datetime(2020, 1, 1),
                max_value=datetime(2030, 1, 1),
                timezones=st.just(UTC),
            ),
            st.integers(min_value=1, max_value=10),
        ),
        max_size=30,
    ),
    st.sampled_from(
        ["UTC", "Europe/Dublin", "America/New_York", "Pacific/Auckland", "Asia/Kolkata"]
    ),
)
def test_counting_per_local_day_loses_nothing_and_uses_the_persons_day(
    moments: list[tuple[datetime, int]], zone_name: str
) -> None:
    zone = ZoneInfo(zone_name)

    days = per_local_day(moments, zone)

    assert sum(count for count, _ in days.values()) == len(moments)
    assert sum(total for _, total in days.values()) == sum(value for _, value in moments)
    assert set(days) == {local_day(moment, zone) for moment, _ in moments}
