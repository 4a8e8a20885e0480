"""Every write of reminders. Other apps call ``schedule`` and ``cancel``; the pages, the API
and the sweep call the rest.

``schedule(user=, kind=, ref=, due_at=, repeat=)`` makes or changes the one reminder a person
has for (kind, ref): "once" fires at ``due_at``; "daily" and "weekly" fire at the local wall
time (and weekday) ``due_at`` has in the person's time zone, from ``due_at`` on. ``ref`` is an
id, never text a person wrote. Bad input raises ``ReminderInputError`` naming the field.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heartwork.accounts.models import User
from heartwork.accounts.selectors import zone_of
from heartwork.reminders import schedule as rules
from heartwork.reminders.models import (
    KINDS,
    REF_MAX_CHARS,
    REPEATS,
    Delivery,
    Preferences,
    Reminder,
)
from heartwork.rituals.models import Ritual

FEED_TOKEN_BYTES = 32
_TICK = timedelta(microseconds=1)


class ReminderInputError(ValueError):
    """Input that cannot be saved; ``field`` names the part at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class ReminderHeld(Exception):
    """The safety lock holds: no reminder towards a couple activity now."""


# -- preferences -----------------------------------------------------------------------


def default_quiet() -> rules.Quiet:
    """The quiet hours a person starts with (HEARTWORK_QUIET_HOURS)."""
    quiet: rules.Quiet = settings.HEARTWORK_QUIET_HOURS
    return quiet


def prefs_for(user: User) -> Preferences:
    """The person's preferences, made with the server's defaults the first time."""
    quiet = default_quiet()
    prefs, _created = Preferences.objects.get_or_create(
        user=user, defaults={"quiet_start": quiet.start, "quiet_end": quiet.end}
    )
    return prefs


def quiet_of(prefs: Preferences) -> rules.Quiet:
    return rules.Quiet(prefs.quiet_start, prefs.quiet_end)


def wall_time(value: time, field: str) -> time:
    """A local wall time to the minute. One with a zone or offset ("08:00+02:00") is
    refused: these times follow the person's own time zone, whatever it is that day."""
    if value.tzinfo is not None:
        raise ReminderInputError(field, _("Give a time without a time zone, such as 08:00."))
    return value.replace(second=0, microsecond=0)


def set_preferences(
    *,
    user: User,
    quiet_start: time | None = None,
    quiet_end: time | None = None,
    email: bool | None = None,
    now: datetime | None = None,
) -> Preferences:
    """Change quiet hours or email; every pending reminder moves to fit new quiet hours."""
    quiet_start = None if quiet_start is None else wall_time(quiet_start, "quiet_start")
    quiet_end = None if quiet_end is None else wall_time(quiet_end, "quiet_end")
    with transaction.atomic():
        prefs = prefs_for(user)
        if quiet_start is not None:
            prefs.quiet_start = quiet_start
        if quiet_end is not None:
            prefs.quiet_end = quiet_end
        if email is not None:
            prefs.email = email
        prefs.save()
        if quiet_start is not None or quiet_end is not None:
            reschedule_all(user=user, now=now)
    return prefs


def feed_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_feed_token(*, user: User, now: datetime | None = None) -> str:
    """Make (or replace) the secret calendar feed address; returns the token, shown once.
    The old address stops working at once."""
    token = secrets.token_urlsafe(FEED_TOKEN_BYTES)
    prefs = prefs_for(user)
    prefs.feed_digest = feed_digest(token)
    prefs.feed_created_at = now or timezone.now()
    prefs.save(update_fields=["feed_digest", "feed_created_at", "updated_at"])
    return token


def revoke_feed(*, user: User) -> bool:
    """Turn the calendar feed off; True if there was one."""
    updated = (
        Preferences.objects.filter(user=user)
        .exclude(feed_digest="")
        .update(feed_digest="", feed_created_at=None)
    )
    return updated > 0


# -- reminders -------------------------------------------------------------------------


def _check(kind: str, ref: str, due_at: datetime, repeat: str) -> None:
    if kind not in KINDS:
        raise ReminderInputError("kind", _("This is not a kind of reminder Heartwork has."))
    if not isinstance(ref, str) or len(ref) > REF_MAX_CHARS:
        raise ReminderInputError("ref", _("This is not an id Heartwork knows."))
    if repeat not in REPEATS:
        raise ReminderInputError("repeat", _("Choose once, daily or weekly."))
    if timezone.is_naive(due_at):
        raise ReminderInputError("due_at", _("Give a time with its time zone."))


def rule_of(reminder: Reminder) -> rules.Rule:
    return rules.Rule(
        repeat=reminder.repeat,
        at=reminder.at,
        weekday=reminder.weekday,
        once_at=reminder.due_at,
    )


def first_fire(reminder: Reminder, quiet: rules.Quiet, now: datetime) -> datetime | None:
    """When a new or changed reminder fires first: at its start, or as soon as quiet hours
    allow if that has passed (a one-off reminder is still delivered once)."""
    zone = zone_of(reminder.user)
    if reminder.repeat == "once":
        return rules.out_of_quiet(max(reminder.due_at, now), quiet, zone)
    # Repeating: the first occurrence at or after the start that is still ahead.
    start = max(reminder.due_at, now)
    return rules.next_fire(rule_of(reminder), zone, quiet, after=start - _TICK)


def _spent_with(reminder: Reminder, rule: dict[str, object]) -> bool:
    same = all(getattr(reminder, name) == value for name, value in rule.items())
    return same and reminder.next_fire_at is None and reminder.last_fired_at is not None


def schedule(
    *, user: User, kind: str, ref: str, due_at: datetime, repeat: str = "once"
) -> Reminder:
    """Make or change the person's reminder for (kind, ref). See the module docstring."""
    _check(kind, ref, due_at, repeat)
    now = timezone.now()
    local = due_at.astimezone(zone_of(user))
    with transaction.atomic():
        quiet = quiet_of(prefs_for(user))
        rule = {
            "repeat": repeat,
            "at": local.time().replace(second=0, microsecond=0, tzinfo=None),
            "weekday": local.weekday() if repeat == "weekly" else None,
            "due_at": due_at.astimezone(UTC),
        }
        existing = Reminder.objects.select_for_update().filter(user=user, kind=kind, ref=ref)
        reminder = existing.first()
        if reminder is not None and _spent_with(reminder, rule):
            # The same one-off reminder saved again after it fired: it is not sent twice.
            return reminder
        reminder, _created = Reminder.objects.update_or_create(
            user=user, kind=kind, ref=ref, defaults=rule
        )
        reminder.user = user
        reminder.next_fire_at = first_fire(reminder, quiet, now)
        reminder.save(update_fields=["next_fire_at", "updated_at"])
    return reminder


def cancel(*, user: User, kind: str, ref: str) -> None:
    """Forget the person's reminder for (kind, ref), with what it delivered. No error when
    there is none: cancelling is safe to repeat."""
    Reminder.objects.filter(user=user, kind=kind, ref=ref).delete()


def reschedule_all(*, user: User, now: datetime | None = None) -> int:
    """Work out every pending reminder's next fire again (after a change of quiet hours or
    time zone). Returns how many moved."""
    now = now or timezone.now()
    quiet = quiet_of(prefs_for(user))
    moved = 0
    for reminder in Reminder.objects.filter(user=user, next_fire_at__isnull=False):
        reminder.user = user
        fire = first_fire(reminder, quiet, now)
        if fire != reminder.next_fire_at:
            reminder.next_fire_at = fire
            reminder.save(update_fields=["next_fire_at", "updated_at"])
            moved += 1
    return moved


# -- the in-app list -------------------------------------------------------------------


def mark_read(
    *, user: User, delivery_id: uuid.UUID | None = None, now: datetime | None = None
) -> int:
    """Mark one in-app reminder (or all of them) read; returns how many changed."""
    rows = Delivery.objects.filter(user=user, channel="app", read_at__isnull=True)
    if delivery_id is not None:
        rows = rows.filter(pk=delivery_id)
    return rows.update(read_at=now or timezone.now())


# -- reminders a person sets themselves ------------------------------------------------

CHECKIN_REF = "daily"
_NO_QUIET = rules.Quiet(time(0, 0), time(0, 0))


def schedule_local(
    *,
    user: User,
    kind: str,
    ref: str,
    at: time,
    weekday: int | None = None,
    now: datetime | None = None,
) -> Reminder:
    """Every day (or every ``weekday``, 0 = Monday) at the local wall time ``at``."""
    if weekday is not None and (isinstance(weekday, bool) or not 0 <= weekday <= 6):
        raise ReminderInputError("weekday", _("Choose a day of the week."))
    at = wall_time(at, "at")
    repeat = "daily" if weekday is None else "weekly"
    rule = rules.Rule(repeat=repeat, at=at, weekday=weekday)
    now = now or timezone.now()
    first = rules.next_fire(rule, zone_of(user), _NO_QUIET, after=now)
    assert first is not None  # a repeating rule always has a next time
    reminder = schedule(user=user, kind=kind, ref=ref, due_at=first, repeat=repeat)
    if reminder.at != at:
        # The first time fell in an hour the clocks skip: keep the wall time asked for.
        reminder.at = at
        reminder.weekday = weekday
        reminder.save(update_fields=["at", "weekday", "updated_at"])
        reschedule_all(user=user, now=now)
    return reminder


def set_checkin_time(*, user: User, at: time | None, now: datetime | None = None) -> None:
    """The daily check-in reminder at ``at`` (local), or none when ``at`` is None."""
    if at is None:
        cancel(user=user, kind="checkin", ref=CHECKIN_REF)
    else:
        schedule_local(user=user, kind="checkin", ref=CHECKIN_REF, at=at, now=now)


# Reminders that nudge towards something done as a couple. While the safety lock holds
# (SAFETY.md: no couple exercises after a red signal) they are neither set nor delivered.
COUPLE_KINDS = frozenset({"ritual", "agreement_review"})


def held_for_safety(user: User, kind: str) -> bool:
    """Whether the safety lock holds back this kind of reminder for this person."""
    if kind not in COUPLE_KINDS:
        return False
    from heartwork.safety.gate import reconnection_block

    block = reconnection_block(user)
    return block is not None and block.code == "safety_lock"


def set_ritual_time(
    *,
    user: User,
    ritual: Ritual,
    at: time | None,
    weekday: int | None = None,
    now: datetime | None = None,
) -> None:
    """A reminder for one of the person's rituals: daily ones every day at ``at``, weekly
    ones on ``weekday``; None turns it off."""
    ref = str(ritual.id)
    if at is None:
        cancel(user=user, kind="ritual", ref=ref)
        return
    if held_for_safety(user, "ritual"):
        raise ReminderHeld()
    if ritual.cadence == "weekly" and weekday is None:
        raise ReminderInputError("weekday", _("Choose the day of the week for this ritual."))
    day = weekday if ritual.cadence == "weekly" else None
    schedule_local(user=user, kind="ritual", ref=ref, at=at, weekday=day, now=now)


# -- the end of the cool-down (called by heartwork.space.services) ---------------------

COOLDOWN_REF = "plan"
# The morning of the day the planned cool-down is up (moved later by quiet hours if needed).
COOLDOWN_AT = time(9, 0)


def schedule_cooldown_end(*, user: User, ends_on: date | None, now: datetime | None = None) -> None:
    """Remind the person on the morning their planned cool-down ends; nothing without an end
    (no contact as a boundary has none). An end already past is not announced late, but a
    reminder already delivered stays in the app."""
    now = now or timezone.now()
    due = None
    if ends_on is not None:
        due = datetime.combine(ends_on, COOLDOWN_AT, tzinfo=zone_of(user))
    if due is None or due <= now:
        Reminder.objects.filter(
            user=user, kind="cooldown_end", ref=COOLDOWN_REF, next_fire_at__isnull=False
        ).delete()
        return
    schedule(user=user, kind="cooldown_end", ref=COOLDOWN_REF, due_at=due)
