"""/api/v1/program: the map, each stage's content, and the user's own answers.

Only the safety gate locks anything for real: the exercises (and the ready check) of a stage
marked ``reconnection`` answer 403 with the gate's code while it holds (``hard: true`` in the
map). A stage paused by its content (``pause_when``) is ``locked`` with ``hard: false`` and
still takes answers: the first one starts the stage, which lifts the pause. These
operations serve ordinary stages too, so they ask the gate per stage (``_open_stage``)
instead of wearing ``reconnection_api``, which would close every stage;
tests/api/test_program_exercise.py holds every reconnection stage to it.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from heartwork.accounts.auth import API_AUTH, acting_user
from heartwork.accounts.models import User
from heartwork.core.errors import ApiError
from heartwork.drafts.api import AnalysisOut
from heartwork.program import selectors, services
from heartwork.program.applies import Lookup, lookup_for, shows
from heartwork.program.content import program
from heartwork.program.growth import growth_of
from heartwork.program.models import ExerciseAnswer
from heartwork.program.schema import Exercise, Question, Result, Stage
from heartwork.program.scoring import guidance_for
from heartwork.program.selectors import StageState
from heartwork.program.tools import tools_for
from heartwork.safety.gate import require_reconnection

router = Router(tags=["program"], auth=API_AUTH)


# -- schemas ---------------------------------------------------------------------------


class StageStateOut(Schema):
    id: str
    title: str
    status: str
    locked_reason: str | None
    # True for the safety gate's lock; false for a pause (pause_when), which the person may
    # open anyway, and for every stage that is not locked.
    hard: bool


class NextOut(Schema):
    stage: str
    exercise: str | None
    why: str


class ProgramOut(Schema):
    stages: list[StageStateOut]
    next: NextOut | None


class OptionOut(Schema):
    id: str
    text: str
    # What could help next when this option is chosen; null when the content has none.
    guidance: str | None


class QuestionOut(Schema):
    id: str
    type: str
    text: str
    help: str | None
    required: bool
    low: str | None
    high: str | None
    options: list[OptionOut]
    ask_if: str | None
    # number questions: the whole numbers allowed and their unit; null for other types.
    min: int | None
    max: int | None
    unit: str | None
    # date questions: whether a date after today is refused; null for other types.
    not_future: bool | None
    # scale questions: whether "na" (does not apply) is an answer.
    allow_na: bool


class ScaleOut(Schema):
    id: str
    title: str
    about: str


class ResultOut(Schema):
    id: str
    title: str
    explain: str


class ExerciseOut(Schema):
    id: str
    title: str
    intro: str
    type: str
    coach_kind: str | None
    draft: str | None
    feeds_from: list[str]
    questions: list[QuestionOut]
    scales: list[ScaleOut]
    results: list[ResultOut]
    # show_if: the conditions, and whether they hold for the user's answers (false hides it).
    show_if: list[str] = Field(default_factory=list)
    applies: bool = True
    # "growth": the exercise's state carries the growth summary; null for other exercises.
    summary: str | None = None


class ReadyItemOut(Schema):
    id: str
    text: str
    if_not: str


class ToolOut(Schema):
    app: str
    url: str
    why: str


class StageOut(Schema):
    id: str
    title: str
    kind: str
    reconnection: bool
    external: str | None
    purpose: str
    reading: list[str]
    status: str
    locked_reason: str | None
    hard: bool
    results: list[ResultOut]
    exercises: list[ExerciseOut]
    ready_check: list[ReadyItemOut]
    unlocks: list[str]
    # Links to the app's tools for this stage: none under the safety gate's lock, and the
    # coach and rituals only while coaching may run.
    tools: list[ToolOut]


class GuidanceOut(Schema):
    question: str
    option: str
    text: str


class SavedOut(Schema):
    id: uuid.UUID
    stage: str
    exercise: str
    answers: dict[str, Any]
    result: ResultOut | None
    scales: dict[str, int] | None
    created_at: datetime
    # What could help next, for each chosen option that has guidance in the content.
    guidance: list[GuidanceOut]


class AnswerOut(SavedOut):
    # The message coach on a message exercise's draft; null otherwise, or while the
    # safety gate keeps coaching off.
    coach: AnalysisOut | None


class TrendPointOut(Schema):
    id: uuid.UUID
    result: str | None
    scales: dict[str, int] | None
    created_at: datetime


class FeedOut(Schema):
    ref: str
    stage: str
    exercise: str
    answers: dict[str, Any] | None
    created_at: datetime | None


class GrowthItemOut(Schema):
    id: str
    value: int
    text: str


class ExerciseStateOut(Schema):
    stage: str
    status: str
    exercise: ExerciseOut
    latest: SavedOut | None
    # Log exercises: every entry, newest first; null for other types.
    entries: list[SavedOut] | None
    # Scored exercises: every result, oldest first; null for other types.
    trend: list[TrendPointOut] | None
    feeds: list[FeedOut]
    # An exercise with ``summary: growth``: what the person did across the app; null otherwise.
    growth: list[GrowthItemOut] | None


class AnswersIn(Schema):
    model_config = ConfigDict(extra="forbid")

    # Checked against the exercise by heartwork.program.scoring, which names the question.
    answers: dict[str, Any]


class NotYetOut(Schema):
    id: str
    text: str
    if_not: str


class DoneOut(Schema):
    done: bool
    not_yet: list[NotYetOut]


# -- helpers ---------------------------------------------------------------------------


def _stage(stage_id: str) -> Stage:
    stage = program().stages.get(stage_id)
    if stage is None:
        raise Http404
    return stage


def _exercise(stage: Stage, exercise_id: str) -> Exercise:
    exercise = stage.exercise(exercise_id)
    if exercise is None:
        raise Http404
    return exercise


def _open_stage(user: User, stage: Stage) -> None:
    """403 with the safety gate's code when it locks this stage."""
    if stage.reconnection:
        require_reconnection(user)


def _invalid(exc: services.AnswerError) -> ApiError:
    field = f"answers.{exc.field}"
    return ApiError(422, "invalid", f"{field}: {exc.message}", field=field)


def _question(q: Question) -> dict[str, Any]:
    return {**q.model_dump(exclude={"weights"}), "options": [o.model_dump() for o in q.options]}


def _exercise_dict(exercise: Exercise, lookup: Lookup) -> dict[str, Any]:
    scoring = exercise.scoring
    return {
        **exercise.model_dump(include={"id", "title", "intro", "type", "coach_kind", "draft"}),
        "feeds_from": list(exercise.feeds_from),
        "show_if": list(exercise.show_if),
        "applies": shows(exercise, lookup),
        "summary": exercise.summary,
        "questions": [_question(q) for q in exercise.questions],
        "scales": [scale.model_dump() for scale in scoring.scales] if scoring else [],
        "results": [result.model_dump() for result in scoring.results] if scoring else [],
    }


def _result(exercise: Exercise, result_id: str | None) -> Result | None:
    if result_id is None or exercise.scoring is None:
        return None
    found = next((r for r in exercise.scoring.results if r.id == result_id), None)
    # A result no longer in the content still reads as its id.
    return found or Result(id=result_id, title=result_id, explain=result_id)


def _saved(exercise: Exercise, row: ExerciseAnswer) -> dict[str, Any]:
    return {
        "id": row.id,
        "stage": row.stage,
        "exercise": row.exercise,
        "answers": row.answers,
        "result": _result(exercise, row.result),
        "scales": row.scales,
        "created_at": row.created_at,
        "guidance": guidance_for(exercise, row.answers),
    }


def _feeds(user: User, exercise: Exercise) -> list[dict[str, Any]]:
    feeds = []
    for ref in exercise.feeds_from:
        stage_id, exercise_id, *question = ref.split(".")
        row = selectors.latest_answer(user, stage_id, exercise_id)
        answers = row.answers if row is not None else None
        if answers is not None and question:
            answers = {key: answers[key] for key in question if key in answers}
        feeds.append(
            {
                "ref": ref,
                "stage": stage_id,
                "exercise": exercise_id,
                "answers": answers,
                "created_at": row.created_at if row is not None else None,
            }
        )
    return feeds


def _growth(user: User) -> list[dict[str, Any]]:
    return [
        {"id": item.id, "value": item.value, "text": item.text} for item in growth_of(user).items
    ]


def _state(user: User, stage: Stage) -> StageState:
    state = selectors.stage_state(user, stage.id)
    assert state is not None  # every loaded stage has a state
    return state


# -- operations ------------------------------------------------------------------------


@router.get("", response=ProgramOut)
def get_program(request: HttpRequest) -> selectors.ProgramState:
    """Every stage with its status (and why, when locked), and the next recommended step."""
    return selectors.program_state(acting_user(request))


@router.get("/stages/{stage_id}", response=StageOut)
def get_stage(request: HttpRequest, stage_id: str) -> dict[str, Any]:
    """A stage's content and its status. A locked stage still shows its reading."""
    stage = _stage(stage_id)
    user = acting_user(request)
    found = selectors.program_state(user)
    state = next(each for each in found.stages if each.id == stage.id)
    lookup = lookup_for(user, selectors)
    return {
        **stage.model_dump(
            include={"id", "title", "kind", "reconnection", "external", "purpose", "reading"}
        ),
        "status": state.status,
        "locked_reason": state.locked_reason,
        "hard": state.hard,
        "results": [result.model_dump() for result in stage.results],
        "exercises": [_exercise_dict(exercise, lookup) for exercise in stage.exercises],
        "ready_check": [item.model_dump() for item in stage.ready_check],
        "unlocks": list(stage.unlocks),
        "tools": [
            {"app": tool.app, "url": tool.url, "why": tool.why}
            for tool in tools_for(stage, hard=state.hard, block=found.block)
        ],
    }


@router.get("/stages/{stage_id}/exercises/{exercise_id}", response=ExerciseStateOut)
def get_exercise(request: HttpRequest, stage_id: str, exercise_id: str) -> dict[str, Any]:
    """The exercise, the user's latest answers, what it starts from, and its history."""
    user = acting_user(request)
    stage = _stage(stage_id)
    exercise = _exercise(stage, exercise_id)
    _open_stage(user, stage)
    rows = list(selectors.answers_to(user, stage.id, exercise.id))
    return {
        "stage": stage.id,
        "status": _state(user, stage).status,
        "exercise": _exercise_dict(exercise, lookup_for(user, selectors)),
        "latest": _saved(exercise, rows[0]) if rows else None,
        "entries": [_saved(exercise, row) for row in rows] if exercise.type == "log" else None,
        "trend": [
            {"id": row.id, "result": row.result, "scales": row.scales, "created_at": row.created_at}
            for row in reversed(rows)
        ]
        if exercise.scoring is not None
        else None,
        "feeds": _feeds(user, exercise),
        "growth": _growth(user) if exercise.summary == "growth" else None,
    }


@router.post("/stages/{stage_id}/exercises/{exercise_id}/answers", response={201: AnswerOut})
def answer_exercise(
    request: HttpRequest, stage_id: str, exercise_id: str, payload: AnswersIn
) -> Status[dict[str, Any]]:
    """Save one set of answers as a new entry; a scored exercise comes back with its result."""
    user = acting_user(request)
    stage = _stage(stage_id)
    exercise = _exercise(stage, exercise_id)
    _open_stage(user, stage)
    try:
        answered = services.answer_exercise(
            user=user, stage_id=stage.id, exercise_id=exercise.id, answers=payload.answers
        )
    except services.AnswerError as exc:
        raise _invalid(exc) from None
    analysis = answered.coach.to_dict() if answered.coach is not None else None
    return Status(201, {**_saved(exercise, answered.answer), "coach": analysis})


@router.post("/stages/{stage_id}/done", response=DoneOut)
def mark_done(request: HttpRequest, stage_id: str, payload: AnswersIn) -> dict[str, Any]:
    """The stage's ready check: all yes marks it done for good; a no says what to do first."""
    user = acting_user(request)
    stage = _stage(stage_id)
    _open_stage(user, stage)
    try:
        check = services.mark_done(user=user, stage_id=stage.id, answers=payload.answers)
    except services.AnswerError as exc:
        raise _invalid(exc) from None
    except services.NoReadyCheck:
        raise ApiError(
            409,
            "no_ready_check",
            _(
                "This stage is finished in its own app: answer the safety check at "
                "/api/v1/safety/screens."
            ),
        ) from None
    return {"done": check.done, "not_yet": [item.model_dump() for item in check.not_yet]}
