"""Answers to an exercise: checked, and for a scored exercise turned into scales and a result.

Pure Python, deterministic: the same answers always give the same scales and result, and
every scale is reported as a whole number from 0 to 100 (docs/program.md, "Scoring"). A
scale answered "does not apply" (``na``) is left out of the scales it would move.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from heartwork.program.applies import Lookup, is_local
from heartwork.program.schema import (
    NOT_APPLICABLE,
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
# Date answers: ISO dates (2025-03-14) from this one on. ``not_future`` allows one day past
# the server's today, so that someone already in tomorrow's time zone is not refused.
DATE_FIRST = date(1900, 1, 1)
DATE_GRACE = timedelta(days=1)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

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


@dataclass(frozen=True)
class Guidance:
    """What could help next, for an option that was chosen (``guidance`` in the content)."""

    question: str
    option: str
    text: str


condition = cache(parse_condition)


def clean_answers(
    exercise: Exercise,
    answers: Mapping[str, Any],
    *,
    lookup: Lookup | None = None,
    today: date | None = None,
) -> dict[str, Answer]:
    """Check a whole answer set; follow-ups that were not called for are dropped, not refused.

    ``lookup`` reads the person's newest answers to other exercises, for a follow-up whose
    ``ask_if`` names one (heartwork.program.applies.lookup_from). Without it such a
    follow-up is kept when answered and never asked for. ``today`` is for ``not_future``
    dates (the system's date by default).
    """
    for key in answers:
        if question(exercise, key) is None:
            raise AnswerError(key, f"not a question in {exercise.id}")
    clean: dict[str, Answer] = {}
    for q in exercise.questions:
        asked = _asked(condition(q.ask_if), clean, lookup) if q.ask_if is not None else True
        if asked is False:
            continue
        value = answers.get(q.id)
        if value is None or value in ("", []):
            if q.required and asked:
                raise AnswerError(q.id, "this question needs an answer")
            continue
        clean[q.id] = _clean_one(exercise, q, value, today)
    return clean


def _asked(rule: Condition, clean: Mapping[str, Answer], lookup: Lookup | None) -> bool | None:
    """Whether a follow-up is asked; None when it names another exercise and no lookup
    was given (it cannot be known)."""
    if is_local(rule.ref):
        earlier: Answer | None = clean.get(rule.ref[0])
    elif lookup is None:
        return None
    else:
        earlier = lookup(rule.ref)
    return not isinstance(earlier, list) and rule.holds(earlier)


def _clean_one(exercise: Exercise, q: Question, value: Any, today: date | None) -> Answer:
    if q.type == "text":
        if exercise.type == "columns":
            return _entries(q, value)
        if not isinstance(value, str) or len(value) > TEXT_MAX_CHARS:
            raise AnswerError(q.id, f"write up to {TEXT_MAX_CHARS} characters of text")
        return value.strip()
    if q.type == "number":
        return _number(q, value)
    if q.type == "date":
        return _date(q, value, today)
    if q.type == "scale":
        if q.allow_na and value == NOT_APPLICABLE:
            return NOT_APPLICABLE
        if isinstance(value, bool) or not isinstance(value, int):
            if q.allow_na:
                raise AnswerError(
                    q.id,
                    f"answer with a whole number from {SCALE_LOW} to {SCALE_HIGH}, "
                    f"or {NOT_APPLICABLE!r} when it does not apply",
                )
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


def _number(q: Question, value: Any) -> int:
    low, high = q.min, q.max
    if isinstance(value, bool) or not isinstance(value, int):
        raise AnswerError(q.id, f"answer with a whole number from {low} to {high}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise AnswerError(q.id, f"answer from {low} to {high}, not {value}")
    return int(value)


def _date(q: Question, value: Any, today: date | None) -> str:
    if isinstance(value, date):
        value = value.isoformat()
    if not isinstance(value, str) or not _ISO_DATE.match(value.strip()):
        raise AnswerError(q.id, "write a date as year-month-day, like 2025-03-14")
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise AnswerError(q.id, f"{value.strip()!r} is not a date in the calendar") from None
    if day < DATE_FIRST:
        raise AnswerError(q.id, f"write a date from {DATE_FIRST.isoformat()} on")
    if q.not_future and day > (today or date.today()) + DATE_GRACE:
        raise AnswerError(q.id, "this date cannot be in the future")
    return day.isoformat()


def guidance_for(exercise: Exercise, answers: Mapping[str, Any]) -> list[Guidance]:
    """The guidance of every chosen option that has some, in the content's order."""
    found = []
    for q in exercise.questions:
        value = answers.get(q.id)
        chosen = value if isinstance(value, list) else [value]
        for option in q.options:
            if option.guidance and option.id in chosen:
                found.append(Guidance(q.id, option.id, option.guidance))
    return found


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


def scale_bounds(
    exercise: Exercise, skip: Container[str] = frozenset()
) -> dict[str, tuple[int, int]]:
    """The lowest and highest raw total each scale can reach, leaving out the questions in
    ``skip`` (those answered "does not apply")."""
    names = [scale.id for scale in exercise.scoring.scales] if exercise.scoring else []
    bounds = dict.fromkeys(names, (0, 0))
    for q in exercise.questions:
        if q.id in skip:
            continue
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


def _check_measurable(
    exercise: Exercise, bounds: Mapping[str, tuple[int, int]], skipped: Container[str]
) -> None:
    full = scale_bounds(exercise)
    for name, (low, high) in bounds.items():
        if low == high and full[name][0] != full[name][1]:
            first = next(
                q.id for q in exercise.questions if q.id in skipped and q.weights.get(name)
            )
            raise AnswerError(
                first,
                f"in {exercise.id}, every question that counts toward the scale {name!r} was "
                "answered 'does not apply', so there is nothing to score: answer at least one",
            )


def _percent(raw: int, low: int, high: int) -> int:
    # Integer arithmetic, rounding halves up: no float can make two runs disagree.
    span = high - low
    return (2 * PERCENT_HIGH * (raw - low) + span) // (2 * span) if span else 0


def score(exercise: Exercise, answers: Mapping[str, Any]) -> Score:
    """Each scale from 0 to 100, and the result of the first rule whose conditions all hold.

    A question answered "does not apply" counts for nothing: its points and its range are
    both left out, so each scale is measured over the questions that were answered. A scale
    whose every question was answered so cannot be measured: AnswerError names the first
    of them, and the message the exercise.
    """
    if exercise.scoring is None:
        raise ValueError(f"{exercise.id} is not a scored exercise")
    clean = clean_answers(exercise, answers)
    skipped = {q.id for q in exercise.questions if clean.get(q.id) == NOT_APPLICABLE}
    bounds = scale_bounds(exercise, skipped)
    if skipped:
        _check_measurable(exercise, bounds, skipped)
    raw = dict.fromkeys(bounds, 0)
    for q in exercise.questions:
        if q.id in skipped:
            continue
        for name, points in _raw(q, clean[q.id]).items():
            raw[name] += points
    scales = {name: _percent(raw[name], *bounds[name]) for name in bounds}
    results = {result.id: result for result in exercise.scoring.results}
    for rule in exercise.scoring.rules:
        tests = [condition(text) for text in rule.if_]
        if all(test.holds(scales[test.ref[0]]) for test in tests):
            return Score(scales=scales, result=results[rule.result])
    raise AssertionError("the last rule has no conditions")  # checked when content loads
