"""Every write of rituals and time together.

Words a person writes are stored encrypted and read by the safety net right after saving.
Bad input raises ``RitualInputError`` naming the field before anything is written.

These are couple activities (the "closeness" stage): the pages and the API ask the safety
gate before any of these writes, and leave reading and deleting one's own rows open
(docs/trackers.md, "The safety gate"). The services themselves do not ask, like the
other services, so a test or a future import can still write on purpose.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from heartwork.accounts.models import User
from heartwork.partners.selectors import current_partner
from heartwork.rituals.models import (
    MINUTES_MAX,
    NAME_MAX_CHARS,
    REFLECTION_MAX_CHARS,
    WHAT_MAX_CHARS,
    Reflection,
    Ritual,
    RitualDone,
    TimeTogether,
)
from heartwork.rituals.rhythm import CADENCES
from heartwork.rituals.selectors import today_for
from heartwork.safety.services import record_text

# A day further back than this is almost surely a typo.
FURTHEST = timedelta(days=3653)


class RitualInputError(ValueError):
    """Input that cannot be saved; ``field`` names the part at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class Unset:
    """Marks a part left out of an update."""


UNSET = Unset()


# -- checks --------------------------------------------------------------------------------


@sensitive_variables("text")
def _text(text: str | None, field: str, most: int, *, required: bool) -> str | None:
    cleaned = (text or "").strip() or None
    if cleaned is None and required:
        raise RitualInputError(field, _("Write a few words here."))
    if cleaned is not None and len(cleaned) > most:
        raise RitualInputError(field, _("Keep it under %(max)d characters.") % {"max": most})
    return cleaned


def check_cadence(cadence: str) -> str:
    if cadence not in CADENCES:
        raise RitualInputError("cadence", _("Choose daily or weekly."))
    return cadence


def check_day(day: date, today: date) -> date:
    if day > today:
        raise RitualInputError("day", _("This day has not happened yet. Pick today or earlier."))
    if day < today - FURTHEST:
        raise RitualInputError("day", _("That is more than ten years ago. Check the date."))
    return day


def check_minutes(minutes: int) -> int:
    if isinstance(minutes, bool) or not 1 <= minutes <= MINUTES_MAX:
        raise RitualInputError(
            "minutes",
            _("Give the minutes as a whole number from 1 to %(max)d.") % {"max": MINUTES_MAX},
        )
    return minutes


def _scan(user: User, text: str | None, now: datetime | None) -> None:
    if text:
        record_text(user=user, text=text, partner=current_partner(user), now=now)


# -- rituals -------------------------------------------------------------------------------


@sensitive_variables("name")
def add_ritual(*, user: User, name: str, cadence: str, now: datetime | None = None) -> Ritual:
    cleaned = _text(name, "name", NAME_MAX_CHARS, required=True)
    ritual = Ritual(
        user=user,
        partner=current_partner(user),
        name=cleaned,
        cadence=check_cadence(cadence),
        created_at=now or timezone.now(),
    )
    ritual.save(force_insert=True)
    _scan(user, cleaned, now)
    return ritual


@sensitive_variables("name")
def update_ritual(
    *,
    ritual: Ritual,
    name: str | Unset = UNSET,
    cadence: str | Unset = UNSET,
    now: datetime | None = None,
) -> Ritual:
    fields = []
    cleaned = None
    if not isinstance(name, Unset):
        cleaned = _text(name, "name", NAME_MAX_CHARS, required=True)
    if not isinstance(cadence, Unset):
        ritual.cadence = check_cadence(cadence)
        fields.append("cadence")
    if cleaned is not None:
        ritual.name = cleaned
        fields.append("name")
    if fields:
        ritual.save(update_fields=fields)
        _scan(ritual.user, cleaned, now)
    return ritual


def delete_ritual(*, ritual: Ritual) -> None:
    """The ritual and every day it was done."""
    ritual.delete()


def mark_done(
    *, ritual: Ritual, day: date | None = None, now: datetime | None = None
) -> tuple[RitualDone, bool]:
    """Note that the ritual was done on ``day`` (today by default). Doing it twice on one
    day is one day: returns the row and whether it is new."""
    today = today_for(ritual.user, now)
    day = check_day(day or today, today)
    existing = RitualDone.objects.filter(ritual=ritual, day=day).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            done = RitualDone(
                ritual=ritual, user=ritual.user, day=day, created_at=now or timezone.now()
            )
            done.save(force_insert=True)
    except IntegrityError:  # the same day saved at the same moment by another request
        return RitualDone.objects.get(ritual=ritual, day=day), False
    return done, True


def undo_done(*, ritual: Ritual, day: date) -> bool:
    """Take a day back out; False if it was not there."""
    deleted, _rows = RitualDone.objects.filter(ritual=ritual, day=day).delete()
    return deleted > 0


# -- time together -------------------------------------------------------------------------


@sensitive_variables("what")
def log_time(
    *,
    user: User,
    minutes: int,
    what: str | None = None,
    day: date | None = None,
    now: datetime | None = None,
) -> TimeTogether:
    today = today_for(user, now)
    entry = TimeTogether(
        user=user,
        partner=current_partner(user),
        day=check_day(day or today, today),
        minutes=check_minutes(minutes),
        what=_text(what, "what", WHAT_MAX_CHARS, required=False),
        created_at=now or timezone.now(),
    )
    entry.save(force_insert=True)
    _scan(user, entry.what, now)
    return entry


def delete_time(*, entry: TimeTogether) -> None:
    entry.delete()


# -- what drew us together -----------------------------------------------------------------


@sensitive_variables("text")
def add_reflection(*, user: User, text: str, now: datetime | None = None) -> Reflection:
    cleaned = _text(text, "text", REFLECTION_MAX_CHARS, required=True)
    reflection = Reflection(
        user=user, partner=current_partner(user), text=cleaned, created_at=now or timezone.now()
    )
    reflection.save(force_insert=True)
    _scan(user, cleaned, now)
    return reflection


def delete_reflection(*, reflection: Reflection) -> None:
    reflection.delete()
