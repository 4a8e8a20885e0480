"""/api/v1/reminders: the person's reminders, their in-app inbox, preferences (quiet hours,
email) and the private calendar feed.

Reminders carry no text: a kind and the id of what they are about. The feed's secret address
is returned once, when it is made; only its digest is kept.
"""

from __future__ import annotations

import uuid
from datetime import datetime, time
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict, Field, StrictBool, StrictInt

from heartwork.accounts.auth import API_AUTH, acting_user
from heartwork.core.errors import ApiError
from heartwork.core.pagination import LimitOffsetPagination
from heartwork.reminders import mail, selectors, services
from heartwork.reminders.models import Delivery, Reminder
from heartwork.reminders.services import ReminderInputError
from heartwork.rituals.selectors import ritual_of
from heartwork.safety.gate import require_reconnection

router = Router(tags=["reminders"], auth=API_AUTH)
# Deeper than anyone's inbox; an offset past what the database's integers hold would
# otherwise reach SQLite as an error instead of an empty page.
MAX_OFFSET = 1_000_000


class InboxPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(
            settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class ReminderOut(Schema):
    id: uuid.UUID
    kind: str
    ref: str
    repeat: str
    # Local wall time and weekday (0 = Monday) in the person's time zone.
    at: str
    weekday: int | None
    next_fire_at: datetime | None
    last_fired_at: datetime | None


class InboxOut(Schema):
    id: uuid.UUID
    kind: str
    ref: str
    fire_at: datetime
    read_at: datetime | None

    @staticmethod
    def resolve_kind(obj: Delivery) -> str:
        return obj.reminder.kind

    @staticmethod
    def resolve_ref(obj: Delivery) -> str:
        return obj.reminder.ref


class ReadOut(Schema):
    marked: int


class PreferencesIn(Schema):
    model_config = ConfigDict(extra="forbid")

    quiet_start: time | None = None
    quiet_end: time | None = None
    email: StrictBool | None = None


class PreferencesOut(Schema):
    quiet_start: str
    quiet_end: str
    email: bool
    # Whether this server can send email at all (HEARTWORK_EMAIL_HOST).
    email_available: bool
    feed: bool


class TimeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    at: time
    weekday: StrictInt | None = None


class FeedOut(Schema):
    url: str


def _invalid(exc: ReminderInputError) -> ApiError:
    return ApiError(422, "invalid", f"{exc.field}: {exc.message}", field=exc.field)


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def _reminder(reminder: Reminder) -> dict[str, Any]:
    return {
        "id": reminder.id,
        "kind": reminder.kind,
        "ref": reminder.ref,
        "repeat": reminder.repeat,
        "at": _hhmm(reminder.at),
        "weekday": reminder.weekday,
        "next_fire_at": reminder.next_fire_at,
        "last_fired_at": reminder.last_fired_at,
    }


@router.get("", response=list[ReminderOut])
def list_reminders(request: HttpRequest) -> list[dict[str, Any]]:
    """Every reminder the person has, with when it fires next (UTC)."""
    return [_reminder(r) for r in selectors.reminders_of(acting_user(request))]


@router.get("/inbox", response=list[InboxOut])
@paginate(InboxPagination)
def inbox(request: HttpRequest, all: bool = False) -> QuerySet[Delivery]:
    """Reminders delivered in the app, newest first: unread ones, or all with ``all=true``."""
    # The queryset itself: only the page asked for is read.
    return selectors.inbox(acting_user(request), include_read=all)


@router.post("/inbox/read", response=ReadOut)
def read_all(request: HttpRequest) -> dict[str, int]:
    return {"marked": services.mark_read(user=acting_user(request))}


@router.post("/inbox/{delivery_id}/read", response={204: None})
def read_one(request: HttpRequest, delivery_id: str) -> Status[None]:
    user = acting_user(request)
    delivery = selectors.delivery_of(user, delivery_id)
    if delivery is None:  # someone else's id looks like one that does not exist
        raise Http404
    services.mark_read(user=user, delivery_id=delivery.id)
    return Status(204, None)


def _prefs(request: HttpRequest) -> dict[str, Any]:
    prefs = selectors.prefs_of(acting_user(request))
    return {
        "quiet_start": _hhmm(prefs.quiet_start),
        "quiet_end": _hhmm(prefs.quiet_end),
        "email": prefs.email,
        "email_available": mail.enabled(),
        "feed": bool(prefs.feed_digest),
    }


@router.get("/preferences", response=PreferencesOut)
def get_preferences(request: HttpRequest) -> dict[str, Any]:
    """Quiet hours (local times; equal times mean none), email, and whether a feed is on."""
    return _prefs(request)


@router.patch("/preferences", response=PreferencesOut)
def patch_preferences(request: HttpRequest, payload: PreferencesIn) -> dict[str, Any]:
    try:
        services.set_preferences(
            user=acting_user(request),
            quiet_start=payload.quiet_start,
            quiet_end=payload.quiet_end,
            email=payload.email,
        )
    except ReminderInputError as exc:
        raise _invalid(exc) from None
    return _prefs(request)


@router.put("/checkin", response=ReminderOut)
def set_checkin(request: HttpRequest, payload: TimeIn) -> dict[str, Any]:
    """A daily reminder for the check-in, at a local time such as "20:30"."""
    user = acting_user(request)
    if payload.weekday is not None:
        raise ApiError(422, "invalid", _("weekday: the check-in is daily"), field="weekday")
    try:
        services.set_checkin_time(user=user, at=payload.at)
    except ReminderInputError as exc:
        raise _invalid(exc) from None
    found = selectors.reminder_of(user, "checkin", services.CHECKIN_REF)
    assert found is not None
    return _reminder(found)


@router.delete("/checkin", response={204: None})
def delete_checkin(request: HttpRequest) -> Status[None]:
    services.set_checkin_time(user=acting_user(request), at=None)
    return Status(204, None)


@router.put("/rituals/{ritual_id}", response=ReminderOut)
def set_ritual(request: HttpRequest, ritual_id: str, payload: TimeIn) -> dict[str, Any]:
    """A reminder for one of your rituals: daily ones every day at ``at``; weekly ones also
    need ``weekday`` (0 = Monday)."""
    user = acting_user(request)
    ritual = ritual_of(user, ritual_id)
    if ritual is None:
        raise Http404
    try:
        services.set_ritual_time(user=user, ritual=ritual, at=payload.at, weekday=payload.weekday)
    except ReminderInputError as exc:
        raise _invalid(exc) from None
    except services.ReminderHeld:
        require_reconnection(user)  # raises the gate's own 403 with its message
        raise
    found = selectors.reminder_of(user, "ritual", str(ritual.id))
    assert found is not None
    return _reminder(found)


@router.delete("/rituals/{ritual_id}", response={204: None})
def delete_ritual(request: HttpRequest, ritual_id: str) -> Status[None]:
    user = acting_user(request)
    ritual = ritual_of(user, ritual_id)
    if ritual is None:
        raise Http404
    services.set_ritual_time(user=user, ritual=ritual, at=None)
    return Status(204, None)


@router.post("/feed", response={201: FeedOut})
def new_feed(request: HttpRequest) -> Status[dict[str, str]]:
    """A new secret calendar address (shown once); any earlier one stops working."""
    token = services.new_feed_token(user=acting_user(request))
    return Status(201, {"url": feed_url(token)})


@router.delete("/feed", response={204: None})
def revoke_feed(request: HttpRequest) -> Status[None]:
    services.revoke_feed(user=acting_user(request))
    return Status(204, None)


def feed_url(token: str) -> str:
    return mail.base_url() + reverse("reminders:feed", args=[token])
