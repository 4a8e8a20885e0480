"""/api/v1/onboarding: the situation questions, the person's answers and their plan.

The situation (content/onboarding.yaml) is saved like any exercise, as a new encrypted row
of ``onboarding.situation``; it is not a stage, so it never shows in /api/v1/program. The
plan is heartwork.program.plan's, starting at the program's next step.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import ConfigDict

from heartwork.accounts.auth import API_AUTH, acting_user
from heartwork.accounts.models import User
from heartwork.core.errors import ApiError
from heartwork.program import selectors, services
from heartwork.program.api import ExerciseOut
from heartwork.program.content import program
from heartwork.program.schema import Exercise
from heartwork.wellbeing import selectors as wellbeing

router = Router(tags=["onboarding"], auth=API_AUTH)


class PlanStepOut(Schema):
    stage: str
    why: str
    locked: bool
    # True for the safety gate's lock; false for a pause the person's own answers suggest.
    hard: bool
    locked_reason: str | None


class CheckDueOut(Schema):
    # A well-being check (GET /api/v1/wellbeing/{id}); taken_before is false the first time.
    id: str
    title: str
    taken_before: bool


class OnboardingOut(Schema):
    # The newest answers to the situation questions; null before any.
    situation: dict[str, Any] | None
    plan: list[PlanStepOut]
    # The well-being checks due now: both at the start, then each every few weeks.
    wellbeing_due: list[CheckDueOut]


class SituationQuestionsOut(Schema):
    questions: ExerciseOut
    answers: dict[str, Any] | None


class SituationIn(Schema):
    model_config = ConfigDict(extra="forbid")

    # Checked against content/onboarding.yaml by heartwork.program.scoring.
    answers: dict[str, Any]


def _questions() -> Exercise:
    found = program().onboarding
    if found is None:
        raise Http404
    return found


def _exercise(questions: Exercise) -> dict[str, Any]:
    return {
        **questions.model_dump(include={"id", "title", "intro", "type", "coach_kind", "draft"}),
        "feeds_from": [],
        "questions": [
            {**q.model_dump(exclude={"weights"}), "options": [o.model_dump() for o in q.options]}
            for q in questions.questions
        ],
        "scales": [],
        "results": [],
    }


def _state(user: User) -> dict[str, Any]:
    state = selectors.onboarding_state(user)
    return {
        "situation": state.situation,
        "plan": [
            {
                "stage": step.stage,
                "why": _(step.why),
                "locked": step.locked,
                "hard": step.hard,
                "locked_reason": _(step.locked_reason) if step.locked_reason else None,
            }
            for step in state.plan
        ],
        "wellbeing_due": [
            {"id": due.check.id, "title": _(due.check.title), "taken_before": due.taken_before}
            for due in wellbeing.due_checks(user)
        ],
    }


@router.get(
    "",
    response=OnboardingOut,
    summary="Your situation and personal plan",
)
def get_onboarding(request: HttpRequest) -> dict[str, Any]:
    """The newest situation answers (null before any) and the personal plan: every stage
    in the order that fits, each with why and whether it is locked. The first open step is
    the program's next step (GET /api/v1/program). ``wellbeing_due`` lists the well-being
    checks due now (POST /api/v1/wellbeing/{id}): both at the start, then every few weeks."""
    return _state(acting_user(request))


@router.get(
    "/situation",
    response=SituationQuestionsOut,
    summary="The situation questions",
)
def get_situation(request: HttpRequest) -> dict[str, Any]:
    """The questions about where things stand, with the newest answers (null before any)."""
    row = selectors.situation_of(acting_user(request))
    return {
        "questions": _exercise(_questions()),
        "answers": row.answers if row is not None else None,
    }


@router.post(
    "/situation",
    response={201: OnboardingOut},
    summary="Answer the situation questions",
)
def answer_situation(request: HttpRequest, payload: SituationIn) -> Status[dict[str, Any]]:
    """Save the answers as a new entry (the newest counts) and get the updated plan back.
    A bad answer is refused with 422, naming it as ``answers.QUESTION``."""
    user = acting_user(request)
    _questions()
    try:
        services.answer_situation(user=user, answers=payload.answers)
    except services.AnswerError as exc:
        field = f"answers.{exc.field}"
        raise ApiError(422, "invalid", f"{field}: {exc.message}", field=field) from None
    return Status(201, _state(user))
