"""Answers to an exercise: checked, and for a scored exercise turned into scales and a result.

Pure Python, deterministic: the same answers always give the same scales and result, and
every scale is reported as a whole number from 0 to 100 (docs/program.md, "Scoring").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from heartwork.program.schema import (
    PERCENT_HIGH,
    SCALE_HIGH,
    SCALE_LOW,
    YES_NO,
    Condition,
    Exercise,
    Question,
    Result,
    parse_condition,
    question,
)

TEXT_MAX_CHARS = 5000
# A columns exercise answers each column with a list of short entries.
ENTRY_MAX_CHARS = 500
ENTRIES_MAX = 30

Answer = str | int | list[str]


class AnswerError(ValueError):
    """An answer that cannot be used. ``field`` names the question at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Score:
    scales: dict[str, int]
    result: Result


condition = cache(parse_condition)


def clean_answers(exercise: Exercise, answers: Mapping[str, Any]) -> dict[str, Answer]:
    """Check a whole answer set; follow-ups that were not called for are dropped, not refused."""
    for key in answers:
        if question(exercise, key) is None:
            raise AnswerError(key, f"not a question in {exercise.id}")
    clean: dict[str, Answer] = {}
    for q in exercise.questions:
        if q.ask_if is not None and not _asked(condition(q.ask_if), clean):
            continue
        value = answers.get(q.id)
        if value is None or value in ("", []):
            if q.required:
                raise AnswerError(q.id, "this question needs an answer")
            continue
        clean[q.id] = _clean_one(exercise, q, value)
    return clean


def _asked(rule: Condition, clean: Mapping[str, Answer]) -> bool:
    earlier = clean.get(rule.ref[0])
    return not isinstance(earlier, list) and rule.holds(earlier)


def _clean_one(exercise: Exercise, q: Question, value: Any) -> Answer:
    if q.type == "text":
        if exercise.type == "columns":
            return _entries(q, value)
        if not isinstance(value, str) or len(value) > TEXT_MAX_CHARS:
            raise AnswerError(q.id, f"write up to {TEXT_MAX_CHARS} characters of text")
        return value.strip()
    if q.type == "scale":
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnswerError(q.id, f"answer with a whole number from {SCALE_LOW} to {SCALE_HIGH}")
        if not SCALE_LOW <= value <= SCALE_HIGH:
            raise AnswerError(q.id, f"answer from {SCALE_LOW} to {SCALE_HIGH}, not {value}")
        return int(value)
    if q.type == "yes_no":
        if isinstance(value, bool):
            return "yes" if value else "no"
        if value not in YES_NO:
            raise AnswerError(q.id, "answer yes or no")
        return str(value)
    ids = [option.id for option in q.options]
    if q.type == "choice":
        if value not in ids:
            raise AnswerError(q.id, f"choose one of: {', '.join(ids)}")
        return str(value)
    if not isinstance(value, list) or not all(item in ids for item in value):
        raise AnswerError(q.id, f"choose any of: {', '.join(ids)}")
    return [option for option in ids if option in value]  # content order, no repeats


def _entries(q: Question, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise AnswerError(q.id, "a column holds a list of short texts")
    entries = [item.strip() for item in value if item.strip()]
    if len(entries) > ENTRIES_MAX:
        raise AnswerError(q.id, f"a column holds up to {ENTRIES_MAX} entries")
    if any(len(entry) > ENTRY_MAX_CHARS for entry in entries):
        raise AnswerError(q.id, f"keep each entry under {ENTRY_MAX_CHARS} characters")
    return entries


# -- scoring -------------------------------------------------------------------------


def _points(q: Question) -> list[dict[str, int]]:
    """The points each possible answer adds, per scale, in answer order."""
    if q.type == "scale":
        steps = range(SCALE_HIGH - SCALE_LOW + 1)
        return [{name: weight * step for name, weight in q.weights.items()} for step in steps]
    return [dict(option.weights) for option in q.options]


def scale_bounds(exercise: Exercise) -> dict[str, tuple[int, int]]:
    """The lowest and highest raw total each scale can reach."""
    names = [scale.id for scale in exercise.scoring.scales] if exercise.scoring else []
    bounds = dict.fromkeys(names, (0, 0))
    for q in exercise.questions:
        points = _points(q) or [{}]
        for name in names:
            values = [answer.get(name, 0) for answer in points]
            low, high = bounds[name]
            bounds[name] = (low + min(values), high + max(values))
    return bounds


def _raw(q: Question, value: Answer) -> dict[str, int]:
    if q.type == "scale":
        assert isinstance(value, int)
        return _points(q)[value - SCALE_LOW]
    return next(dict(option.weights) for option in q.options if option.id == value)


def _percent(raw: int, low: int, high: int) -> int:
    # Integer arithmetic, rounding halves up: no float can make two runs disagree.
    span = high - low
    return (2 * PERCENT_HIGH * (raw - low) + span) // (2 * span) if span else 0


def score(exercise: Exercise, answers: Mapping[str, Any]) -> Score:
    """Each scale from 0 to 100, and the result of the first rule whose conditions all hold."""
    if exercise.scoring is None:
        raise ValueError(f"{exercise.id} is not a scored exercise")
    clean = clean_answers(exercise, answers)
    bounds = scale_bounds(exercise)
    raw = dict.fromkeys(bounds, 0)
    for q in exercise.questions:
        for name, points in _raw(q, clean[q.id]).items():
            raw[name] += points
    scales = {name: _percent(raw[name], *bounds[name]) for name in bounds}
    results = {result.id: result for result in exercise.scoring.results}
    for rule in exercise.scoring.rules:
        tests = [condition(text) for text in rule.if_]
        if all(test.holds(scales[test.ref[0]]) for test in tests):
            return Score(scales=scales, result=results[rule.result])
    raise AssertionError("the last rule has no conditions")  # checked when content loads
