"""What a condition reads from a person's saved answers, and whether an exercise applies.

Pure Python, no Django: the callers hand in what they read, as rows with ``stage``,
``exercise``, ``answers``, ``result`` and ``scales`` (heartwork.program.models.ExerciseAnswer
has them), or a reader to ask (:func:`lookup_for`, with heartwork.program.selectors).

A condition's reference (docs/program.md, "Conditions") reads:

- ``stage.exercise.question``, ``stage.exercise.result``, ``stage.exercise.scale.NAME``:
  the newest save of that exercise (for a ``log``, its newest entry);
- ``stage.exercise.count``: how many times that exercise was saved (a log's entries), 0
  before the first;
- ``safety_check.result``: the safety level, when the caller passes one.

An exercise's ``show_if`` hides it only when the answers say so: a condition whose
reference has no answer yet never hides anything, so a new person sees every exercise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

from heartwork.program.schema import Exercise, parse_condition

Ref = tuple[str, ...]
Value = str | int | None
Lookup = Callable[[Ref], Value]
# The reference word for how many times an exercise was saved: ``stage.exercise.count``.
COUNT = "count"
SAFETY_RESULT = ("safety_check", "result")


class Counted(Protocol):
    def count(self) -> int: ...


class Reader(Protocol):
    """Reads one person's answers: heartwork.program.selectors has these three."""

    def latest_answer(self, user: Any, stage_id: str, exercise_id: str) -> Saved | None: ...

    def answers_to(self, user: Any, stage_id: str, exercise_id: str) -> Counted: ...

    def safety_result(self, user: Any) -> str | None: ...


class Saved(Protocol):
    """One saved answer set, as conditions read it."""

    @property
    def stage(self) -> str: ...

    @property
    def exercise(self) -> str: ...

    @property
    def answers(self) -> Mapping[str, Any]: ...

    @property
    def result(self) -> str | None: ...

    @property
    def scales(self) -> Mapping[str, int] | None: ...


def read(ref: Ref, newest: Saved | None, count: int = 0) -> Value:
    """What ``stage.exercise.…`` reads, given that exercise's newest save (None before any)
    and how many saves it has. A list or text answer reads as None: conditions cannot test
    them. ``stage.result`` is not read here (see :func:`lookup_from`)."""
    if len(ref) == 3 and ref[2] == COUNT:
        return count
    if newest is None or len(ref) < 3:
        return None
    if len(ref) == 4 and ref[2] == "scale":
        return (newest.scales or {}).get(ref[3])
    if ref[2] == "result":
        return newest.result
    answer = newest.answers.get(ref[2])
    return answer if isinstance(answer, str | int) and not isinstance(answer, bool) else None


def lookup_from(rows: Iterable[Saved], safety: Callable[[], str | None] | None = None) -> Lookup:
    """A lookup for conditions over every saved row of one person, newest first.

    Only ``stage`` and ``exercise`` are read while counting; a row's answers are read (and,
    for a database row, decrypted) only when a condition names its exercise. ``safety`` is
    asked for the safety level the first time ``safety_check.result`` is read.
    """
    newest: dict[tuple[str, str], Saved] = {}
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row.stage, row.exercise)
        newest.setdefault(key, row)
        counts[key] = counts.get(key, 0) + 1
    level: list[str | None] = []

    def lookup(ref: Ref) -> Value:
        if ref == SAFETY_RESULT:
            if safety is None:
                return None
            if not level:
                level.append(safety())
            return level[0]
        key = (ref[0], ref[1]) if len(ref) > 1 else (ref[0], "")
        return read(ref, newest.get(key), counts.get(key, 0))

    return lookup


def lookup_for(user: Any, reader: Reader) -> Lookup:
    """A lookup that reads only what its conditions name, once each: the newest answer of
    an exercise, how often it was saved, the safety result. For a page or a save that
    tests a few conditions (``lookup_for(user, selectors)``)."""
    newest: dict[tuple[str, str], Saved | None] = {}
    counts: dict[tuple[str, str], int] = {}
    level: list[str | None] = []

    def lookup(ref: Ref) -> Value:
        if ref == SAFETY_RESULT:
            if not level:
                level.append(reader.safety_result(user))
            return level[0]
        if len(ref) < 3:
            return None
        key = (ref[0], ref[1])
        if ref[2] == COUNT:
            if key not in counts:
                counts[key] = reader.answers_to(user, *key).count()
            return counts[key]
        if key not in newest:
            newest[key] = reader.latest_answer(user, *key)
        return read(ref, newest[key])

    return lookup


def shows(exercise: Exercise, lookup: Lookup) -> bool:
    """Whether the exercise applies: every ``show_if`` condition holds, or has no answer
    to read yet."""
    for text in exercise.show_if:
        test = parse_condition(text)
        value = lookup(test.ref)
        if value is not None and not test.holds(value):
            return False
    return True


def visible(exercises: Sequence[Exercise], lookup: Lookup) -> list[Exercise]:
    """The exercises that apply, in the content's order."""
    return [exercise for exercise in exercises if shows(exercise, lookup)]


def first_open(
    exercises: Sequence[Exercise], answered: Callable[[str], bool], lookup: Lookup
) -> str | None:
    """The first exercise that applies and has no answer yet, else the first that applies
    (else the first of all); None when there are none. For ``selectors._first_open``."""
    shown = visible(exercises, lookup) or list(exercises)
    for exercise in shown:
        if not answered(exercise.id):
            return exercise.id
    return shown[0].id if shown else None


def is_local(ref: Ref) -> bool:
    """Whether an ``ask_if`` names a question of its own exercise (one part), rather than
    the newest answer to another exercise (a full reference)."""
    return len(ref) == 1
