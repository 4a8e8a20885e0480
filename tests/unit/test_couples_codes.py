"""Invite codes and the shared-exercise content: plain data, no database."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from heartwork.couples.exercises import EXERCISES, shared_exercise
from heartwork.couples.services import ALPHABET, format_code, normalize_code

RAW = st.text(alphabet=ALPHABET, min_size=16, max_size=16)


def test_the_alphabet_leaves_out_characters_people_mix_up() -> None:
    assert not set("0O1IL") & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) == 31


@given(RAW)
def test_a_formatted_code_reads_back_as_the_same_code(raw: str) -> None:
    shown = format_code(raw)

    assert len(shown) == 19 and shown.count("-") == 3
    assert normalize_code(shown) == raw
    assert normalize_code(" " + shown.lower().replace("-", " ") + " ") == raw


def test_exercise_and_question_ids_are_unique_and_found_by_id() -> None:
    ids = [exercise.id for exercise in EXERCISES]
    assert len(ids) == len(set(ids))
    for exercise in EXERCISES:
        questions = [question.id for question in exercise.questions]
        assert questions and len(questions) == len(set(questions))
        assert shared_exercise(exercise.id) is exercise
    assert shared_exercise("nothing_like_this") is None


def test_the_four_exercises_of_the_issue_are_all_there() -> None:
    assert {exercise.id for exercise in EXERCISES} == {
        "looking_back",
        "trust_again",
        "non_negotiables",
        "stress_team",
    }
