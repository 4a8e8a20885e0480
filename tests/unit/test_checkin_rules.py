"""The rules for each answer of a check-in (heartwork.checkin.rules): pure, no database."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartwork.checkin.rules import (
    BACKFILL_DAYS,
    MINUTES_MAX,
    NOTE_MAX_CHARS,
    Answers,
    CheckinError,
    check_day,
    clean,
    mean,
)

moods = st.integers(min_value=1, max_value=5)
half_hours = st.integers(min_value=0, max_value=48).map(lambda n: n / 2)
minutes = st.integers(min_value=1, max_value=MINUTES_MAX)
yes_no = st.sampled_from([True, False, None])


def field_of(values: dict[str, Any]) -> str:
    with pytest.raises(CheckinError) as caught:
        clean(values)
    return caught.value.field


@given(moods, st.none() | half_hours, yes_no, st.text(max_size=NOTE_MAX_CHARS))
def test_any_answers_within_the_rules_are_kept(
    mood: int, sleep: float | None, talked: bool | None, note: str
) -> None:
    answers = clean({"mood": mood, "sleep_hours": sleep, "talked_to_support": talked, "note": note})

    assert answers.mood == mood
    assert answers.sleep_hours == sleep
    assert answers.talked_to_support is talked
    assert "\n" not in answers.note
    assert answers.note == answers.note.strip()
    assert len(answers.note) <= len(note)


@given(st.integers().filter(lambda n: not 1 <= n <= 5))
def test_a_mood_off_the_scale_is_refused(mood: int) -> None:
    assert field_of({"mood": mood}) == "mood"


@given(st.floats(min_value=0, max_value=24).filter(lambda h: (h * 2) != int(h * 2)))
def test_sleep_that_is_not_whole_or_half_hours_is_refused(hours: float) -> None:
    assert field_of({"mood": 3, "sleep_hours": hours}) == "sleep_hours"


@pytest.mark.parametrize("hours", [-0.5, 24.5, float("nan"), float("inf"), "8", True])
def test_sleep_outside_a_day_or_not_a_number_is_refused(hours: Any) -> None:
    assert field_of({"mood": 3, "sleep_hours": hours}) == "sleep_hours"


@given(minutes)
def test_minutes_alone_mean_you_moved(count: int) -> None:
    assert clean({"mood": 3, "movement_minutes": count}).moved is True


@given(minutes)
def test_minutes_after_a_no_are_a_contradiction_named_on_the_minutes(count: int) -> None:
    assert field_of({"mood": 3, "moved": False, "movement_minutes": count}) == "movement_minutes"


def test_zero_minutes_after_a_yes_is_a_contradiction_too() -> None:
    assert field_of({"mood": 3, "moved": True, "movement_minutes": 0}) == "movement_minutes"


def test_the_first_answer_at_fault_is_named_in_the_order_of_the_form() -> None:
    assert field_of({"mood": 9, "sleep_hours": -1}) == "mood"
    assert field_of({"sleep_hours": 8}) == "mood"
    assert field_of({"mood": 3, "colour": "blue"}) == "colour"


def test_a_note_is_one_line_of_at_most_280_characters() -> None:
    assert clean({"mood": 3, "note": "one\ntwo\r\n  three"}).note == "one two three"
    assert field_of({"mood": 3, "note": "x" * (NOTE_MAX_CHARS + 1)}) == "note"


@given(st.dates(), st.integers(min_value=1, max_value=3650))
def test_a_day_still_to_come_is_refused(today: date, ahead: int) -> None:
    if today > date.max - timedelta(days=ahead):
        return
    with pytest.raises(CheckinError) as caught:
        check_day(today + timedelta(days=ahead), today)
    assert caught.value.field == "day"


@given(st.dates(min_value=date(2000, 1, 1)), st.integers(min_value=0, max_value=BACKFILL_DAYS))
def test_any_day_of_the_last_year_can_be_filled_in(today: date, back: int) -> None:
    assert check_day(today - timedelta(days=back), today) == today - timedelta(days=back)


def test_answers_go_to_a_dict_and_back() -> None:
    answers = Answers(mood=2, sleep_hours=6.5, moved=True, movement_minutes=15, note="ok")

    assert clean(answers.as_dict()) == answers


def test_an_average_is_rounded_to_one_decimal_and_none_for_nothing() -> None:
    assert mean([3.0, 4.0, 4.0]) == 3.7
    assert mean([]) is None
