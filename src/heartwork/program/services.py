"""Every write to the program happens here: answers saved, stages started and marked done.

Answers are checked by the pure scoring module (``scoring.clean_answers``, which names the
question at fault), stored encrypted, and read by the safety net: every free-text answer
is scanned like a journal entry, and a structured answer that reveals a no-contact
boundary raises the pair's standing the way the safety check's own question would
(BOUNDARY_ANSWERS below). Nothing here ever lowers a level or resets progress.

The situation questions asked at the start (content/onboarding.yaml) are saved the same
way, as answers to ``onboarding.situation`` (``answer_situation``), but start no stage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from heartwork.accounts.models import User
from heartwork.coach import Analysis, CoachInputError, analyze
from heartwork.partners.selectors import current_partner
from heartwork.program import selectors
from heartwork.program.applies import lookup_for
from heartwork.program.content import program
from heartwork.program.models import ExerciseAnswer, StageMark
from heartwork.program.schema import ONBOARDING, SITUATION, YES_NO, Exercise, ReadyItem, Stage
from heartwork.program.scoring import Answer, AnswerError, clean_answers, score
from heartwork.safety.gate import reconnection_block
from heartwork.safety.services import record_boundary, record_text
from heartwork.safety.standing import highest

__all__ = [
    "BOUNDARY_ANSWERS",
    "AnswerError",
    "Answered",
    "NoReadyCheck",
    "NoSituationQuestions",
    "ReadyCheck",
    "UnknownExercise",
    "answer_exercise",
    "answer_situation",
    "mark_done",
]

# Program answers that say the same as an item of the safety check's "contact" screen
# (heartwork/safety/data/screens.toml): (stage, exercise, question) → {option: level}.
# A yes there is red and "not sure" amber, so the same holds here: red locks coaching
# towards the current partner, amber asks for the contact screen again first. The content
# schema allows no extra keys on options, so the mapping lives here; tests/program/
# test_progress.py fails if an id below stops existing in content/stages/.
BOUNDARY_ANSWERS: dict[tuple[str, str, str], dict[str, str]] = {
    # "They asked me not to contact them at all" / "They blocked me".
    ("space", "cool_down_plan", "asked_for_space"): {"asked_no_contact": "red", "blocked": "red"},
    # "Have they asked for no contact, blocked you, or is there a court order?"
    ("reach_out", "readiness", "welcome"): {"yes": "red", "not_sure": "amber"},
    # "They said no, or asked me to stop".
    ("reach_out", "response_log", "response"): {"said_no": "red"},
    # The situation at the start: "They asked me not to contact them at all" / "They
    # blocked me" / "I am not sure".
    (ONBOARDING, SITUATION, "asked_for_space"): {
        "asked_no_contact": "red",
        "blocked": "red",
        "not_sure": "amber",
    },
}
BOUNDARY_CODE = "legal_boundary"


class UnknownExercise(LookupError):
    """No such stage, or no such exercise in it."""


class NoReadyCheck(Exception):
    """An external stage (the safety check) is finished in its own app, not here."""


@dataclass(frozen=True)
class Answered:
    answer: ExerciseAnswer
    # The message coach's analysis of a message exercise's draft; None for other
    # exercises, and while the safety gate keeps coaching off.
    coach: Analysis | None


@dataclass(frozen=True)
class ReadyCheck:
    done: bool
    # The items answered no, each with what to do before moving on.
    not_yet: tuple[ReadyItem, ...]


def find_exercise(stage_id: str, exercise_id: str) -> tuple[Stage, Exercise]:
    stage = program().stages.get(stage_id)
    exercise = stage.exercise(exercise_id) if stage is not None else None
    if stage is None or exercise is None:
        raise UnknownExercise(f"{stage_id}.{exercise_id}")
    return stage, exercise


@sensitive_variables("answers", "clean")
def answer_exercise(
    *,
    user: User,
    stage_id: str,
    exercise_id: str,
    answers: Mapping[str, Any],
    now: datetime | None = None,
) -> Answered:
    """Check, score and store one set of answers as a new row. AnswerError names the field."""
    stage, exercise = find_exercise(stage_id, exercise_id)
    clean = clean_answers(exercise, answers, lookup=lookup_for(user, selectors))
    result: str | None = None
    scales: dict[str, int] | None = None
    if exercise.scoring is not None:
        scored = score(exercise, clean)
        result, scales = scored.result.id, scored.scales
    row = _store(
        user=user,
        stage_id=stage.id,
        exercise=exercise,
        clean=clean,
        scored=(result, scales),
        now=now or timezone.now(),
    )
    return Answered(answer=row, coach=_coached(user, exercise, clean))


class NoSituationQuestions(LookupError):
    """The content has no onboarding questions (content/onboarding.yaml)."""


@sensitive_variables("answers", "clean")
def answer_situation(
    *, user: User, answers: Mapping[str, Any], now: datetime | None = None
) -> ExerciseAnswer:
    """Save the situation answers as a new ``onboarding.situation`` row: checked like any
    exercise (AnswerError names the question), scanned, and a no-contact answer raises the
    pair's standing. No stage is started: onboarding is not a stage."""
    questions = program().onboarding
    if questions is None:
        raise NoSituationQuestions(ONBOARDING)
    clean = clean_answers(questions, answers)
    return _store(
        user=user,
        stage_id=ONBOARDING,
        exercise=questions,
        clean=clean,
        scored=(None, None),
        now=now or timezone.now(),
    )


@sensitive_variables("clean", "text")
def _store(
    *,
    user: User,
    stage_id: str,
    exercise: Exercise,
    clean: dict[str, Answer],
    scored: tuple[str | None, dict[str, int] | None],
    now: datetime,
) -> ExerciseAnswer:
    """One new encrypted row; then the safety net reads its free text and boundaries."""
    partner = current_partner(user)
    with transaction.atomic():
        row = ExerciseAnswer(
            user=user, partner=partner, stage=stage_id, exercise=exercise.id, created_at=now
        )
        row.set_payload(answers=dict(clean), result=scored[0], scales=scored[1])
        row.save(force_insert=True)
        if stage_id != ONBOARDING:
            StageMark.objects.get_or_create(user=user, stage=stage_id, defaults={"started_at": now})
    text = free_text(exercise, clean)
    if text:
        record_text(user=user, text=text, partner=partner, now=now)
    level = boundary_level(stage_id, exercise.id, clean)
    if level is not None:
        record_boundary(user=user, partner=partner, code=BOUNDARY_CODE, level=level, now=now)
    return row


def free_text(exercise: Exercise, clean: Mapping[str, Answer]) -> str:
    """Every text answer (each column entry too), one per line, for the safety scanner."""
    parts: list[str] = []
    for q in exercise.questions:
        value = clean.get(q.id)
        if q.type == "text" and value is not None:
            parts.extend(value if isinstance(value, list) else [str(value)])
    return "\n".join(part for part in parts if part)


def boundary_level(stage_id: str, exercise_id: str, clean: Mapping[str, Answer]) -> str | None:
    """The level a no-contact answer sets (BOUNDARY_ANSWERS), or None."""
    levels = [
        options[value]
        for (stage, exercise, question), options in BOUNDARY_ANSWERS.items()
        if (stage, exercise) == (stage_id, exercise_id)
        and isinstance(value := clean.get(question), str)
        and value in options
    ]
    return highest(levels) if levels else None


def _coached(user: User, exercise: Exercise, clean: Mapping[str, Answer]) -> Analysis | None:
    if exercise.type != "message" or exercise.draft is None or exercise.coach_kind is None:
        return None
    draft = clean.get(exercise.draft)
    # The same gate as POST /coach/analyze: no coaching while it holds.
    if not isinstance(draft, str) or not draft or reconnection_block(user) is not None:
        return None
    try:
        return analyze(draft, kind=exercise.coach_kind)
    except CoachInputError:
        return None


@sensitive_variables("answers")
def mark_done(
    *, user: User, stage_id: str, answers: Mapping[str, Any], now: datetime | None = None
) -> ReadyCheck:
    """The stage's ready check: all yes marks it done (once, for good); a no marks nothing."""
    stage = program().stages.get(stage_id)
    if stage is None:
        raise UnknownExercise(stage_id)
    if not stage.ready_check:
        raise NoReadyCheck(stage_id)
    said = _ready_answers(stage, answers)
    not_yet = tuple(item for item in stage.ready_check if said[item.id] == "no")
    if not_yet:
        return ReadyCheck(done=False, not_yet=not_yet)
    now = now or timezone.now()
    with transaction.atomic():
        mark, _ = StageMark.objects.select_for_update().get_or_create(
            user=user, stage=stage.id, defaults={"started_at": now}
        )
        if mark.done_at is None:
            mark.done_at = now
            mark.save(update_fields=["done_at"])
    return ReadyCheck(done=True, not_yet=())


def _ready_answers(stage: Stage, answers: Mapping[str, Any]) -> dict[str, str]:
    ids = [item.id for item in stage.ready_check]
    for key in answers:
        if key not in ids:
            raise AnswerError(key, f"not part of the ready check of {stage.id}")
    said: dict[str, str] = {}
    for item_id in ids:
        value = answers.get(item_id)
        if isinstance(value, bool):
            value = "yes" if value else "no"
        if value not in YES_NO:
            raise AnswerError(item_id, "answer yes or no")
        said[item_id] = str(value)
    return said
