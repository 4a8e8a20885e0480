"""/api/v1/checkin: the daily check-in, one per local day, with the runs in a summary.

``{day}`` is a date (``2025-03-01``) or ``today``, in the person's own time zone. The chart
of the same data is /api/v1/charts/mood.svg (heartwork.charts_api).
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from heartwork.accounts.auth import API_AUTH, acting_user
from heartwork.accounts.models import User
from heartwork.checkin import selectors, services
from heartwork.checkin.models import CheckIn
from heartwork.checkin.rules import (
    MINUTES_MAX,
    MOOD_MAX,
    MOOD_MIN,
    NOTE_MAX_CHARS,
    SLEEP_MAX,
    SLEEP_MIN,
    SLEEP_STEP,
    CheckinError,
)
from heartwork.checkin.words import STREAK_RULE, mood_word
from heartwork.core.errors import ApiError, not_yours
from heartwork.core.pagination import LimitOffsetPagination

router = Router(tags=["checkin"], auth=API_AUTH)


# -- schemas ---------------------------------------------------------------------------


class CheckinIn(Schema):
    model_config = ConfigDict(extra="forbid")

    # The person's own calendar day; today when left out. Never a day still to come.
    day: date | None = None
    mood: int = Field(strict=True, ge=MOOD_MIN, le=MOOD_MAX, description="1 very low … 5 very good")
    sleep_hours: float | None = Field(
        default=None, strict=True, ge=SLEEP_MIN, le=SLEEP_MAX, multiple_of=SLEEP_STEP
    )
    moved: bool | None = Field(default=None, strict=True)
    movement_minutes: int | None = Field(default=None, strict=True, ge=0, le=MINUTES_MAX)
    talked_to_support: bool | None = Field(default=None, strict=True)
    note: str | None = Field(
        default=None, max_length=NOTE_MAX_CHARS, description="One line: line breaks become spaces."
    )


class CheckinPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    mood: int | None = Field(default=None, strict=True, ge=MOOD_MIN, le=MOOD_MAX)
    sleep_hours: float | None = Field(
        default=None, strict=True, ge=SLEEP_MIN, le=SLEEP_MAX, multiple_of=SLEEP_STEP
    )
    moved: bool | None = Field(default=None, strict=True)
    movement_minutes: int | None = Field(default=None, strict=True, ge=0, le=MINUTES_MAX)
    talked_to_support: bool | None = Field(default=None, strict=True)
    note: str | None = Field(default=None, max_length=NOTE_MAX_CHARS)


class CheckinOut(Schema):
    """Read from a CheckIn row: the answers are decrypted only for the rows sent."""

    id: uuid.UUID
    day: date
    mood: int
    mood_word: str
    sleep_hours: float | None
    moved: bool | None
    movement_minutes: int | None
    talked_to_support: bool | None
    note: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_mood(obj: CheckIn) -> int:
        return obj.answers.mood

    @staticmethod
    def resolve_mood_word(obj: CheckIn) -> str:
        return mood_word(obj.answers.mood)

    @staticmethod
    def resolve_sleep_hours(obj: CheckIn) -> float | None:
        return obj.answers.sleep_hours

    @staticmethod
    def resolve_moved(obj: CheckIn) -> bool | None:
        return obj.answers.moved

    @staticmethod
    def resolve_movement_minutes(obj: CheckIn) -> int | None:
        return obj.answers.movement_minutes

    @staticmethod
    def resolve_talked_to_support(obj: CheckIn) -> bool | None:
        return obj.answers.talked_to_support

    @staticmethod
    def resolve_note(obj: CheckIn) -> str:
        return obj.answers.note


class SummaryOut(Schema):
    today: date
    checked_in_today: bool
    current_streak: int
    best_streak: int
    forgiven_days: int
    days_checked_in: int
    last_checkin: date | None
    mood_average_7_days: float | None
    sleep_average_7_days: float | None
    streak_rule: str


# -- helpers ---------------------------------------------------------------------------


def _invalid(error: CheckinError) -> ApiError:
    return ApiError(422, "invalid", f"{error.field}: {error.message}", field=error.field)


def _day(user: User, raw: str) -> date:
    if raw == "today":
        return selectors.today_of(user)
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ApiError(
            422, "invalid", "day: give a date as YYYY-MM-DD, or today", field="day"
        ) from None


def _own(request: HttpRequest, raw_day: str) -> CheckIn:
    user = acting_user(request)
    found = selectors.checkin_on(user, _day(user, raw_day))
    if found is None:
        raise not_yours("day", _("there is no check-in on this day"))
    return found


# -- operations ------------------------------------------------------------------------


@router.get("", response=list[CheckinOut])
@paginate(LimitOffsetPagination)
def list_checkins(request: HttpRequest) -> QuerySet[CheckIn]:
    """Every check-in, newest day first."""
    return selectors.checkins_of(acting_user(request))


@router.post("", response={200: CheckinOut, 201: CheckinOut})
def save_checkin(request: HttpRequest, payload: CheckinIn) -> Status[CheckIn]:
    """Check in for a day (today by default): 201 for a new one; 200 when that day already
    had one and this replaced its answers (one check-in per day)."""
    values = payload.model_dump(exclude={"day"})
    try:
        saved = services.save_checkin(user=acting_user(request), values=values, day=payload.day)
    except CheckinError as error:
        raise _invalid(error) from None
    return Status(201 if saved.created else 200, saved.checkin)


@router.get("/summary", response=SummaryOut)
def get_summary(request: HttpRequest) -> dict[str, Any]:
    """The current and the longest run (in days, forgiven days included), and the last
    seven days' averages."""
    found = selectors.summary(acting_user(request))
    return {**dataclasses.asdict(found), "streak_rule": str(STREAK_RULE)}


@router.get("/{day}", response=CheckinOut)
def get_checkin(request: HttpRequest, day: str) -> CheckIn:
    """One day's check-in; 404 when that day has none."""
    return _own(request, day)


@router.patch("/{day}", response=CheckinOut)
def patch_checkin(request: HttpRequest, day: str, payload: CheckinPatch) -> CheckIn:
    """Change some answers of a day's check-in; the others stay. Changing ``moved`` without
    ``movement_minutes`` clears the minutes."""
    checkin = _own(request, day)
    changes = payload.model_dump(exclude_unset=True)
    if "mood" in changes and changes["mood"] is None:
        raise ApiError(422, "invalid", _("mood: a check-in always has a mood"), field="mood")
    try:
        return services.update_checkin(checkin=checkin, changes=changes)
    except CheckinError as error:
        raise _invalid(error) from None


@router.delete("/{day}", response={204: None})
def delete_checkin(request: HttpRequest, day: str) -> Status[None]:
    services.delete_checkin(checkin=_own(request, day))
    return Status(204, None)
