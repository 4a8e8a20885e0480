"""/api/v1/wellbeing: both checks with their scores, one check's questions, and a new take.

The chart of the same data is /api/v1/charts/wellbeing.svg (heartwork.charts_api).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import ConfigDict

from heartwork.accounts.auth import API_AUTH, acting_user
from heartwork.core.errors import ApiError
from heartwork.wellbeing import selectors, services
from heartwork.wellbeing.questions import Check, load_checks
from heartwork.wellbeing.selectors import CheckState, Score

router = Router(tags=["wellbeing"], auth=API_AUTH)


# -- schemas ---------------------------------------------------------------------------


class ScoreOut(Schema):
    at: datetime
    score: int


class CheckOut(Schema):
    id: str
    title: str
    due: bool
    # null until the first take: the check is due now.
    next_due: datetime | None
    takes: list[ScoreOut]
    before: ScoreOut | None
    now: ScoreOut | None


class HistoryOut(Schema):
    checks: list[CheckOut]


class ItemOut(Schema):
    id: str
    text: str
    low: str
    high: str


class QuestionsOut(Schema):
    id: str
    title: str
    intro: str
    scale_min: int
    scale_max: int
    interval_days: int
    items: list[ItemOut]


class AnswersIn(Schema):
    model_config = ConfigDict(extra="forbid")

    # {item id: a whole number from scale_min to scale_max}, checked by
    # heartwork.wellbeing.questions.clean_answers, which names the item at fault.
    answers: dict[str, Any]


class TakeOut(Schema):
    id: uuid.UUID
    check: str
    score: int
    answers: dict[str, int]
    at: datetime
    next_due: datetime


# -- helpers ---------------------------------------------------------------------------


def _score(score: Score | None) -> dict[str, Any] | None:
    return None if score is None else {"at": score.at, "score": score.score}


def _state(state: CheckState) -> dict[str, Any]:
    return {
        "id": state.check.id,
        "title": _(state.check.title),
        "due": state.due,
        "next_due": state.next_due,
        "takes": [_score(take) for take in state.takes],
        "before": _score(state.before),
        "now": _score(state.now),
    }


def _check(check_id: str) -> Check:
    check = load_checks().get(check_id)
    if check is None:
        raise Http404
    return check


# -- operations ------------------------------------------------------------------------


@router.get("", response=HistoryOut)
def get_history(request: HttpRequest) -> dict[str, Any]:
    """Both checks: whether each is due, every score (oldest first), before and now."""
    return {"checks": [_state(state) for state in selectors.history(acting_user(request))]}


@router.get("/{check}", response=QuestionsOut)
def get_questions(request: HttpRequest, check: str) -> dict[str, Any]:
    """One check's questions, with the words for both ends of the scale."""
    found = _check(check)
    checks = load_checks()
    return {
        "id": found.id,
        "title": _(found.title),
        "intro": _(found.intro),
        "scale_min": checks.scale_min,
        "scale_max": checks.scale_max,
        "interval_days": checks.interval.days,
        "items": [
            {"id": item.id, "text": _(item.text), "low": _(item.low), "high": _(item.high)}
            for item in found.items
        ],
    }


@router.post("/{check}", response={201: TakeOut})
def take_check(request: HttpRequest, check: str, payload: AnswersIn) -> Status[dict[str, Any]]:
    """Save one take (an answer to every item) and return its score from 0 to 100."""
    found = _check(check)
    try:
        take = services.record_take(
            user=acting_user(request), check_id=found.id, answers=payload.answers
        )
    except services.AnswerError as exc:
        field = f"answers.{exc.field}"
        raise ApiError(422, "invalid", f"{field}: {exc.message}", field=field) from None
    return Status(
        201,
        {
            "id": take.id,
            "check": take.check_id,
            "score": take.score,
            "answers": take.answers,
            "at": take.created_at,
            "next_due": take.created_at + load_checks().interval,
        },
    )
