"""/api/v1/space: the cool-down, urges, slips, social-media checks and unsent letters.

Times go in and out in ISO 8601; a time without a zone is read in the person's own time
zone, and each row also says its local ``day``. Bad input is a 422 naming the field;
another person's id looks exactly like one that does not exist (a 404 naming the id).
Nothing here sends anything to anyone: a letter is kept, never sent. None of this is
contact coaching, so none of it is behind the safety gate. The charts are
/api/v1/charts/days-since-contact.svg and /api/v1/charts/urges.svg (heartwork.charts_api).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from heartwork.accounts.auth import API_AUTH, acting_user
from heartwork.accounts.models import User
from heartwork.accounts.selectors import zone_of
from heartwork.core.errors import ApiError, not_yours
from heartwork.core.pagination import LimitOffsetPagination
from heartwork.core.timezones import local_day
from heartwork.space import selectors, services
from heartwork.space.models import (
    INSTEAD_MAX_CHARS,
    LEARNED_MAX_CHARS,
    LETTER_MAX_CHARS,
    PLANNED_DAYS_MAX,
    STRENGTH_MAX,
    STRENGTH_MIN,
    TRIGGER_MAX_CHARS,
    Letter,
    Plan,
    Slip,
    SocialCheck,
    Urge,
)
from heartwork.space.progress import CoolDownState, PlanDates, cool_down
from heartwork.space.services import SpaceInputError

router = Router(tags=["space"], auth=API_AUTH)

How = Literal["message", "call", "in_person", "social_media", "through_someone", "other"]


# -- schemas ---------------------------------------------------------------------------


class PlanIn(Schema):
    model_config = ConfigDict(extra="forbid")

    started_on: date
    # null or left out: no end date.
    planned_days: int | None = Field(default=None, ge=1, le=PLANNED_DAYS_MAX, strict=True)
    last_contact_on: date


class CoolDownOut(Schema):
    started_on: date
    planned_days: int | None
    last_contact_on: date
    # 1 on the cool-down's first day.
    day_number: int
    # The first day after the planned length; null without an end date.
    ends_on: date | None
    days_left: int | None
    finished: bool


class SummaryOut(Schema):
    days_since_contact: int | None
    urges_last_7_days: int
    slips_total: int
    longest_run_days: int
    days_without_contact: int
    urges_previous_7_days: int
    urge_strength_last_7_days: float | None
    social_checks_last_7_days: int
    social_checks_previous_7_days: int
    # The person's local day the numbers are counted up to.
    today: date
    cool_down: CoolDownOut | None


def _day_of(obj: Any, context: Any) -> date:
    request = context["request"] if context else None
    user = getattr(request, "auth", None)
    at: datetime = obj.at
    return local_day(at, zone_of(user)) if isinstance(user, User) else at.date()


class UrgeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    # Left out: now.
    at: datetime | None = None
    strength: int = Field(ge=STRENGTH_MIN, le=STRENGTH_MAX, strict=True)
    trigger: str = Field(default="", max_length=TRIGGER_MAX_CHARS)
    instead: str = Field(default="", max_length=INSTEAD_MAX_CHARS)


class UrgePatch(Schema):
    model_config = ConfigDict(extra="forbid")

    at: datetime | None = None
    strength: int | None = Field(default=None, ge=STRENGTH_MIN, le=STRENGTH_MAX, strict=True)
    trigger: str | None = Field(default=None, max_length=TRIGGER_MAX_CHARS)
    instead: str | None = Field(default=None, max_length=INSTEAD_MAX_CHARS)


class UrgeOut(Schema):
    id: uuid.UUID
    at: datetime
    day: date
    strength: int
    trigger: str
    instead: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_day(obj: Any, context: Any) -> date:
        return _day_of(obj, context)


class SlipIn(Schema):
    model_config = ConfigDict(extra="forbid")

    at: datetime | None = None
    how: How
    learned: str = Field(default="", max_length=LEARNED_MAX_CHARS)


class SlipPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    at: datetime | None = None
    how: How | None = None
    learned: str | None = Field(default=None, max_length=LEARNED_MAX_CHARS)


class SlipOut(Schema):
    id: uuid.UUID
    at: datetime
    day: date
    how: str
    learned: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_day(obj: Any, context: Any) -> date:
        return _day_of(obj, context)


class SocialCheckIn(Schema):
    model_config = ConfigDict(extra="forbid")

    at: datetime | None = None


class SocialCheckOut(Schema):
    id: uuid.UUID
    at: datetime
    day: date
    created_at: datetime

    @staticmethod
    def resolve_day(obj: Any, context: Any) -> date:
        return _day_of(obj, context)


class LetterIn(Schema):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(max_length=LETTER_MAX_CHARS)


class LetterOut(Schema):
    id: uuid.UUID
    body: str
    created_at: datetime
    updated_at: datetime


# -- helpers ---------------------------------------------------------------------------


def _invalid(error: SpaceInputError) -> ApiError:
    return ApiError(422, "invalid", f"{error.field}: {error.message}", field=error.field)


def _aware(user: User, at: datetime | None) -> datetime | None:
    """A time without a zone is a time on the person's own clock."""
    if at is None or at.tzinfo is not None:
        return at
    return at.replace(tzinfo=zone_of(user))


def _no_nulls(changes: dict[str, Any], *names: str) -> None:
    for name in names:
        if name in changes and changes[name] is None:
            raise ApiError(422, "invalid", f"{name}: this field cannot be null", field=name)


def _cool_down(dates: PlanDates, state: CoolDownState) -> dict[str, Any]:
    return {
        "started_on": dates.started_on,
        "planned_days": dates.planned_days,
        "last_contact_on": dates.last_contact_on,
        "day_number": state.day_number,
        "ends_on": state.ends_on,
        "days_left": state.days_left,
        "finished": state.finished,
    }


def _own(found: Any, field: str) -> Any:
    # Someone else's id looks exactly like an id that does not exist.
    if found is None:
        raise not_yours(field, _("there is nothing with this id"))
    return found


# -- summary and cool-down -------------------------------------------------------------


@router.get("/summary", response=SummaryOut)
def get_summary(request: HttpRequest) -> dict[str, Any]:
    """Days since contact, the runs, urges and checks of the last two weeks, slips."""
    summary = selectors.summary_card(acting_user(request))
    body = {
        name: getattr(summary, name)
        for name in SummaryOut.model_fields
        if name not in {"cool_down"}
    }
    plan, state = summary.plan, summary.cool_down
    body["cool_down"] = None if plan is None or state is None else _cool_down(plan, state)
    return body


def _plan_out(user: User, plan: Plan) -> dict[str, Any]:
    dates = PlanDates(plan.started_on, plan.planned_days, plan.last_contact_on)
    return _cool_down(dates, cool_down(dates, selectors.today_of(user)))


@router.get("/plan", response=CoolDownOut)
def get_plan(request: HttpRequest) -> dict[str, Any]:
    """The cool-down; 404 until one is set."""
    user = acting_user(request)
    plan = selectors.plan_of(user)
    if plan is None:
        raise ApiError(404, "not_found", _("No cool-down is set yet."))
    return _plan_out(user, plan)


@router.put("/plan", response=CoolDownOut)
def put_plan(request: HttpRequest, payload: PlanIn) -> dict[str, Any]:
    """Set the cool-down, or change it. Urges, slips and letters are never touched."""
    user = acting_user(request)
    try:
        plan = services.set_plan(
            user=user,
            started_on=payload.started_on,
            planned_days=payload.planned_days,
            last_contact_on=payload.last_contact_on,
        )
    except SpaceInputError as error:
        raise _invalid(error) from None
    return _plan_out(user, plan)


@router.delete("/plan", response={204: None})
def delete_plan(request: HttpRequest) -> Status[None]:
    """Stop tracking the cool-down. Urges, slips and letters stay."""
    services.clear_plan(user=acting_user(request))
    return Status(204, None)


# -- urges -----------------------------------------------------------------------------


@router.get("/urges", response=list[UrgeOut])
@paginate(LimitOffsetPagination)
def list_urges(request: HttpRequest) -> object:
    """Newest first."""
    return selectors.urges_of(acting_user(request))


@router.post("/urges", response={201: UrgeOut})
def create_urge(request: HttpRequest, payload: UrgeIn) -> Status[Urge]:
    user = acting_user(request)
    try:
        urge = services.log_urge(
            user=user,
            at=_aware(user, payload.at),
            strength=payload.strength,
            trigger=payload.trigger,
            instead=payload.instead,
        )
    except SpaceInputError as error:
        raise _invalid(error) from None
    return Status(201, urge)


@router.get("/urges/{urge_id}", response=UrgeOut)
def get_urge(request: HttpRequest, urge_id: str) -> Urge:
    found: Urge = _own(selectors.urge_of(acting_user(request), urge_id), "urge_id")
    return found


@router.patch("/urges/{urge_id}", response=UrgeOut)
def patch_urge(request: HttpRequest, urge_id: str, payload: UrgePatch) -> Urge:
    user = acting_user(request)
    urge: Urge = _own(selectors.urge_of(user, urge_id), "urge_id")
    changes = payload.model_dump(exclude_unset=True)
    _no_nulls(changes, "at", "strength")
    try:
        return services.update_urge(
            urge=urge,
            at=_aware(user, changes.get("at")),
            strength=changes.get("strength"),
            # An explicit null clears a text.
            trigger=""
            if "trigger" in changes and changes["trigger"] is None
            else changes.get("trigger"),
            instead=""
            if "instead" in changes and changes["instead"] is None
            else changes.get("instead"),
        )
    except SpaceInputError as error:
        raise _invalid(error) from None


@router.delete("/urges/{urge_id}", response={204: None})
def delete_urge(request: HttpRequest, urge_id: str) -> Status[None]:
    services.delete_urge(urge=_own(selectors.urge_of(acting_user(request), urge_id), "urge_id"))
    return Status(204, None)


# -- slips -----------------------------------------------------------------------------


@router.get("/slips", response=list[SlipOut])
@paginate(LimitOffsetPagination)
def list_slips(request: HttpRequest) -> object:
    """Newest first."""
    return selectors.slips_of(acting_user(request))


@router.post("/slips", response={201: SlipOut})
def create_slip(request: HttpRequest, payload: SlipIn) -> Status[Slip]:
    """Note a contact that was not planned. It adds a contact day and erases nothing."""
    user = acting_user(request)
    try:
        slip = services.log_slip(
            user=user, at=_aware(user, payload.at), how=payload.how, learned=payload.learned
        )
    except SpaceInputError as error:
        raise _invalid(error) from None
    return Status(201, slip)


@router.get("/slips/{slip_id}", response=SlipOut)
def get_slip(request: HttpRequest, slip_id: str) -> Slip:
    found: Slip = _own(selectors.slip_of(acting_user(request), slip_id), "slip_id")
    return found


@router.patch("/slips/{slip_id}", response=SlipOut)
def patch_slip(request: HttpRequest, slip_id: str, payload: SlipPatch) -> Slip:
    user = acting_user(request)
    slip: Slip = _own(selectors.slip_of(user, slip_id), "slip_id")
    changes = payload.model_dump(exclude_unset=True)
    _no_nulls(changes, "at", "how")
    learned = changes.get("learned")
    try:
        return services.update_slip(
            slip=slip,
            at=_aware(user, changes.get("at")),
            how=changes.get("how"),
            learned="" if "learned" in changes and learned is None else learned,
        )
    except SpaceInputError as error:
        raise _invalid(error) from None


@router.delete("/slips/{slip_id}", response={204: None})
def delete_slip(request: HttpRequest, slip_id: str) -> Status[None]:
    services.delete_slip(slip=_own(selectors.slip_of(acting_user(request), slip_id), "slip_id"))
    return Status(204, None)


# -- social-media checks ---------------------------------------------------------------


@router.get("/social-checks", response=list[SocialCheckOut])
@paginate(LimitOffsetPagination)
def list_social_checks(request: HttpRequest) -> object:
    """Newest first."""
    return selectors.social_checks_of(acting_user(request))


@router.post("/social-checks", response={201: SocialCheckOut})
def create_social_check(request: HttpRequest, payload: SocialCheckIn) -> Status[SocialCheck]:
    """Count one look at their profile or posts (counted apart from urges and slips)."""
    user = acting_user(request)
    try:
        check = services.log_social_check(user=user, at=_aware(user, payload.at))
    except SpaceInputError as error:
        raise _invalid(error) from None
    return Status(201, check)


@router.delete("/social-checks/{check_id}", response={204: None})
def delete_social_check(request: HttpRequest, check_id: str) -> Status[None]:
    found = _own(selectors.social_check_of(acting_user(request), check_id), "check_id")
    services.delete_social_check(check=found)
    return Status(204, None)


# -- unsent letters --------------------------------------------------------------------


@router.get("/letters", response=list[LetterOut])
@paginate(LimitOffsetPagination)
def list_letters(request: HttpRequest) -> object:
    """Newest first."""
    return selectors.letters_of(acting_user(request))


@router.post("/letters", response={201: LetterOut})
def create_letter(request: HttpRequest, payload: LetterIn) -> Status[Letter]:
    """Keep an unsent letter. It is never sent."""
    try:
        letter = services.write_letter(user=acting_user(request), body=payload.body)
    except SpaceInputError as error:
        raise _invalid(error) from None
    return Status(201, letter)


@router.get("/letters/{letter_id}", response=LetterOut)
def get_letter(request: HttpRequest, letter_id: str) -> Letter:
    found: Letter = _own(selectors.letter_of(acting_user(request), letter_id), "letter_id")
    return found


@router.patch("/letters/{letter_id}", response=LetterOut)
def patch_letter(request: HttpRequest, letter_id: str, payload: LetterIn) -> Letter:
    letter: Letter = _own(selectors.letter_of(acting_user(request), letter_id), "letter_id")
    try:
        return services.update_letter(letter=letter, body=payload.body)
    except SpaceInputError as error:
        raise _invalid(error) from None


@router.delete("/letters/{letter_id}", response={204: None})
def delete_letter(request: HttpRequest, letter_id: str) -> Status[None]:
    services.delete_letter(
        letter=_own(selectors.letter_of(acting_user(request), letter_id), "letter_id")
    )
    return Status(204, None)
