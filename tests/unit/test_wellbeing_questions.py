"""heartwork.wellbeing.questions: the two checks' data, scoring and schedule (pure Python)."""

from __future__ import annotations

import copy
import subprocess
import sys
import tomllib
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartwork.wellbeing.questions import (
    AnswerError,
    CheckDataError,
    clean_answers,
    is_due,
    load_checks,
    next_due,
    parse,
    score,
)

CHECKS = load_checks()
SCALE = CHECKS.scale
RAW = tomllib.loads(
    resources.files("heartwork.wellbeing").joinpath("data/checks.toml").read_text("utf-8")
)
answer_sets = st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=8).map(
    lambda values: {f"item_{i}": value for i, value in enumerate(values)}
)


def test_there_are_two_checks_of_about_five_questions_on_a_one_to_five_scale() -> None:
    assert CHECKS.ids == ("relationship", "personal")
    assert (CHECKS.scale_min, CHECKS.scale_max) == (1, 5)
    assert CHECKS.interval == timedelta(days=28)
    assert CHECKS.checks[0].title == "How things are between us"
    assert CHECKS.checks[1].title == "How I am doing"
    for check in CHECKS.checks:
        assert len(check.items) == 5
        assert all(item.low and item.high and item.text.endswith("?") for item in check.items)


@given(answers=answer_sets)
def test_a_score_is_between_0_and_100(answers: dict[str, int]) -> None:
    assert 0 <= score(answers, SCALE) <= 100


@given(answers=answer_sets, which=st.integers(min_value=0, max_value=7))
def test_a_higher_answer_never_lowers_the_score(answers: dict[str, int], which: int) -> None:
    key = f"item_{which % len(answers)}"
    higher = {**answers, key: min(answers[key] + 1, 5)}

    assert score(higher, SCALE) >= score(answers, SCALE)


def test_the_score_is_the_mean_moved_onto_0_to_100() -> None:
    assert score(dict.fromkeys("abcde", 1), SCALE) == 0
    assert score(dict.fromkeys("abcde", 5), SCALE) == 100
    assert score(dict.fromkeys("abcde", 3), SCALE) == 50
    assert score({"a": 3, "b": 4, "c": 4, "d": 2, "e": 5}, SCALE) == 65


def test_every_question_needs_a_whole_number_on_the_scale() -> None:
    check = CHECKS.checks[1]
    good = {item.id: 3 for item in check.items}
    assert clean_answers(check, good, SCALE) == good
    for bad in (0, 6, "3", 3.0, True, None):
        with pytest.raises(AnswerError) as caught:
            clean_answers(check, {**good, "sleep": bad}, SCALE)
        assert caught.value.field == "sleep"
        assert "1 to 5" in caught.value.message


def test_a_missing_or_unknown_question_is_named() -> None:
    check = CHECKS.checks[1]
    good = {item.id: 3 for item in check.items}
    with pytest.raises(AnswerError) as missing:
        clean_answers(check, {k: v for k, v in good.items() if k != "calm"}, SCALE)
    assert missing.value.field == "calm"
    with pytest.raises(AnswerError) as unknown:
        clean_answers(check, {**good, "mood": 3}, SCALE)
    assert unknown.value.field == "mood"


def test_a_check_is_due_at_the_start_and_then_every_28_days() -> None:
    start = datetime(2026, 1, 1, 20, tzinfo=UTC)
    interval = CHECKS.interval

    assert is_due(None, start, interval)
    assert next_due(None, interval) is None
    assert not is_due(start, start + timedelta(days=27, hours=23), interval)
    assert is_due(start, start + timedelta(days=28), interval)
    assert next_due(start, interval) == start + timedelta(days=28)


def _broken(change: Any) -> dict[str, Any]:
    raw = copy.deepcopy(RAW)
    change(raw)
    return raw


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda raw: raw.update(version=2), "version"),
        (lambda raw: raw.update(scale_min=5), "scale_min"),
        (lambda raw: raw.update(interval_days=0), "interval_days"),
        (lambda raw: raw["checks"][0].update(colour="red"), "unknown keys colour"),
        (lambda raw: raw["checks"][1].update(id="relationship"), "used twice"),
        (lambda raw: raw["checks"][0]["items"][0].update(low=" "), "low"),
        (lambda raw: raw["checks"][0]["items"][1].update(id="Sleep Well"), "lowercase id"),
        (lambda raw: raw["checks"][0].update(items=raw["checks"][0]["items"][:2]), "items"),
        (lambda raw: raw["checks"][0]["items"][0].pop("high"), "missing high"),
    ],
)
def test_a_malformed_data_file_is_refused_saying_where(change: Any, where: str) -> None:
    with pytest.raises(CheckDataError) as caught:
        parse(_broken(change))
    assert where in str(caught.value)


def test_the_questions_module_imports_without_loading_django() -> None:
    code = (
        "import sys, heartwork.wellbeing.questions as q\n"
        "q.load_checks()\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={}
    )
    assert result.stdout.strip() == "[]"
