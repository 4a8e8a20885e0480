"""/api/v1/rituals: small rituals and the days they were done, time together, and "what
drew us together" reflections.

These are couple activities (the "closeness" stage), so every operation that writes
something new (POST, PATCH) asks the safety gate first and answers 403 with its code while
it holds. Reading and deleting one's own rows stay open at every level, like saved drafts
(docs/trackers.md, "The safety gate"). The operations call ``require_reconnection``
themselves instead of wearing ``reconnection_api``: tests/api/test_rituals_gate.py walks
this router and holds every write to it.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict, StrictInt

from heartwork.accounts.auth import API_AUTH, acting_user
from heartwork.accounts.models import User
from heartwork.core.errors import ApiError, not_yours
from heartwork.core.pagination import LimitOffsetPagination
from heartwork.rituals import selectors, services
from heartwork.rituals.models import Reflection, Ritual, TimeTogether
from heartwork.rituals.services import RitualInputError
from heartwork.safety.gate import require_reconnection

router = Router(tags=["rituals"], auth=API_AUTH)


# -- schemas ---------------------------------------------------------------------------


class SummaryOut(Schema):
    rituals: int
    # Rituals done in their period going on now (today for daily, this week for weekly).
    done_now: int
    minutes_this_week: int
    minutes_last_28_days: int
    reflections: int


class RitualIn(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str
    cadence: str


class RitualPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    cadence: str | None = None


class RitualOut(Schema):
    id: uuid.UUID
    name: str
    cadence: str
    done_now: bool
    # Days (or weeks) done over the last four weeks, out of those counted.
    kept: int
    periods: int
    last_done: date | None
    created_at: datetime


class DoneIn(Schema):
    model_config = ConfigDict(extra="forbid")

    day: date | None = None


class DoneOut(Schema):
    ritual_id: uuid.UUID
    day: date


class TimeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    # A whole number from 1 to 1440; true, 12.5 or "30" are refused, not guessed at.
    minutes: StrictInt
    what: str | None = None
    day: date | None = None


class TimeOut(Schema):
    id: uuid.UUID
    day: date
    minutes: int
    what: str | None
    created_at: datetime


class ReflectionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    text: str


class ReflectionOut(Schema):
    id: uuid.UUID
    text: str
    created_at: datetime


# -- helpers ---------------------------------------------------------------------------


def _writer(request: HttpRequest) -> User:
    """The acting user, once the safety gate lets couple activities run (else 403)."""
    user = acting_user(request)
    require_reconnection(user)
    return user


def _invalid(exc: RitualInputError) -> ApiError:
    return ApiError(422, "invalid", f"{exc.field}: {exc.message}", field=exc.field)


def _own_ritual(user: User, ritual_id: str) -> Ritual:
    # Someone else's id looks exactly like an id that does not exist.
    ritual = selectors.ritual_of(user, ritual_id)
    if ritual is None:
        raise not_yours("ritual_id", _("there is nothing with this id"))
    return ritual


def _own_time(user: User, time_id: str) -> TimeTogether:
    entry = selectors.time_entry_of(user, time_id)
    if entry is None:
        raise not_yours("time_id", _("there is nothing with this id"))
    return entry


def _own_reflection(user: User, reflection_id: str) -> Reflection:
    reflection = selectors.reflection_of(user, reflection_id)
    if reflection is None:
        raise not_yours("reflection_id", _("there is nothing with this id"))
    return reflection


def _ritual(user: User, ritual_id: uuid.UUID) -> dict[str, Any]:
    row = next(row for row in selectors.ritual_rows(user) if row.ritual.id == ritual_id)
    return _row(row)


def _row(row: selectors.RitualRow) -> dict[str, Any]:
    return {
        "id": row.ritual.id,
        "name": row.ritual.name,
        "cadence": row.ritual.cadence,
        "done_now": row.record.done_now,
        "kept": row.record.kept,
        "periods": row.record.periods,
        "last_done": row.record.last_done,
        "created_at": row.ritual.created_at,
    }


def _time(entry: TimeTogether) -> dict[str, Any]:
    return {
        "id": entry.id,
        "day": entry.day,
        "minutes": entry.minutes,
        "what": entry.what,
        "created_at": entry.created_at,
    }


def _reflection(reflection: Reflection) -> dict[str, Any]:
    return {"id": reflection.id, "text": reflection.text, "created_at": reflection.created_at}


# -- the summary -----------------------------------------------------------------------


@router.get("/summary", response=SummaryOut)
def get_summary(request: HttpRequest) -> selectors.Summary:
    """How many rituals, how many done now, minutes together, reflections written."""
    return selectors.summary(acting_user(request))


# -- time together ---------------------------------------------------------------------


@router.get("/time", response=list[TimeOut])
@paginate(LimitOffsetPagination)
def list_time(request: HttpRequest) -> object:
    """Newest day first."""
    # The queryset itself: only the page asked for is read and decrypted.
    return selectors.time_of(acting_user(request))


@router.post("/time", response={201: TimeOut})
def log_time(request: HttpRequest, payload: TimeIn) -> Status[dict[str, Any]]:
    """Time together without distractions: minutes (1 to 1440), what you did, which day."""
    user = _writer(request)
    try:
        entry = services.log_time(
            user=user, minutes=payload.minutes, what=payload.what, day=payload.day
        )
    except RitualInputError as exc:
        raise _invalid(exc) from None
    return Status(201, _time(entry))


@router.delete("/time/{time_id}", response={204: None})
def delete_time(request: HttpRequest, time_id: str) -> Status[None]:
    services.delete_time(entry=_own_time(acting_user(request), time_id))
    return Status(204, None)


# -- what drew us together -------------------------------------------------------------


@router.get("/reflections", response=list[ReflectionOut])
@paginate(LimitOffsetPagination)
def list_reflections(request: HttpRequest) -> object:
    """Newest first."""
    return selectors.reflections_of(acting_user(request))


@router.post("/reflections", response={201: ReflectionOut})
def add_reflection(request: HttpRequest, payload: ReflectionIn) -> Status[dict[str, Any]]:
    """What drew you together, and what of it is still true."""
    user = _writer(request)
    try:
        reflection = services.add_reflection(user=user, text=payload.text)
    except RitualInputError as exc:
        raise _invalid(exc) from None
    return Status(201, _reflection(reflection))


@router.delete("/reflections/{reflection_id}", response={204: None})
def delete_reflection(request: HttpRequest, reflection_id: str) -> Status[None]:
    services.delete_reflection(reflection=_own_reflection(acting_user(request), reflection_id))
    return Status(204, None)


# -- rituals ---------------------------------------------------------------------------


@router.get("", response=list[RitualOut])
def list_rituals(request: HttpRequest) -> list[dict[str, Any]]:
    """Oldest first, each with how it held over the last four weeks."""
    return [_row(row) for row in selectors.ritual_rows(acting_user(request))]


@router.post("", response={201: RitualOut})
def add_ritual(request: HttpRequest, payload: RitualIn) -> Status[dict[str, Any]]:
    """A small shared habit, ``daily`` or ``weekly``."""
    user = _writer(request)
    try:
        ritual = services.add_ritual(user=user, name=payload.name, cadence=payload.cadence)
    except RitualInputError as exc:
        raise _invalid(exc) from None
    return Status(201, _ritual(user, ritual.id))


@router.get("/{ritual_id}", response=RitualOut)
def get_ritual(request: HttpRequest, ritual_id: str) -> dict[str, Any]:
    user = acting_user(request)
    return _ritual(user, _own_ritual(user, ritual_id).id)


@router.patch("/{ritual_id}", response=RitualOut)
def patch_ritual(request: HttpRequest, ritual_id: str, payload: RitualPatch) -> dict[str, Any]:
    """Rename it or change how often it happens."""
    user = _writer(request)
    ritual = _own_ritual(user, ritual_id)
    changes = payload.model_dump(exclude_unset=True)
    for field in ("name", "cadence"):
        if field in changes and changes[field] is None:
            raise ApiError(422, "invalid", f"{field}: this field cannot be null", field=field)
    try:
        services.update_ritual(
            ritual=ritual,
            name=changes.get("name", services.UNSET),
            cadence=changes.get("cadence", services.UNSET),
        )
    except RitualInputError as exc:
        raise _invalid(exc) from None
    return _ritual(user, ritual.id)


@router.delete("/{ritual_id}", response={204: None})
def delete_ritual(request: HttpRequest, ritual_id: str) -> Status[None]:
    """The ritual and every day it was done."""
    services.delete_ritual(ritual=_own_ritual(acting_user(request), ritual_id))
    return Status(204, None)


@router.get("/{ritual_id}/done", response=list[DoneOut])
@paginate(LimitOffsetPagination)
def list_done(request: HttpRequest, ritual_id: str) -> object:
    """The days it was done, newest first."""
    ritual = _own_ritual(acting_user(request), ritual_id)
    return selectors.done_days(ritual)


@router.post("/{ritual_id}/done", response={200: DoneOut, 201: DoneOut})
def mark_done(request: HttpRequest, ritual_id: str, payload: DoneIn) -> Status[dict[str, Any]]:
    """Done on ``day`` (today by default): 201, or 200 if that day was already noted."""
    user = _writer(request)
    ritual = _own_ritual(user, ritual_id)
    try:
        done, created = services.mark_done(ritual=ritual, day=payload.day)
    except RitualInputError as exc:
        raise _invalid(exc) from None
    return Status(201 if created else 200, {"ritual_id": ritual.id, "day": done.day})


@router.delete("/{ritual_id}/done/{day}", response={204: None})
def undo_done(request: HttpRequest, ritual_id: str, day: date) -> Status[None]:
    """Take a day back out (404 if it was not noted)."""
    ritual = _own_ritual(acting_user(request), ritual_id)
    if not services.undo_done(ritual=ritual, day=day):
        raise not_yours("day", _("this day was not noted as done"))
    return Status(204, None)
