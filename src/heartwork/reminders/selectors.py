"""Reads of reminders. Every function takes the acting user (or, for the calendar feed, the
secret token that stands for one)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from heartwork.accounts.models import User
from heartwork.accounts.selectors import zone_of
from heartwork.reminders import schedule as rules
from heartwork.reminders.models import Delivery, Preferences, Reminder
from heartwork.reminders.services import feed_digest, rule_of

FEED_DAYS = 60
FEED_MOST = 500


def prefs_of(user: User) -> Preferences:
    """Saved preferences, or the defaults (unsaved) for someone who never changed them."""
    found = Preferences.objects.filter(user=user).first()
    if found is not None:
        return found
    quiet: rules.Quiet = settings.HEARTWORK_QUIET_HOURS
    return Preferences(user=user, quiet_start=quiet.start, quiet_end=quiet.end)


def reminders_of(user: User) -> QuerySet[Reminder]:
    return Reminder.objects.filter(user=user).order_by("kind", "ref")


def reminder_of(user: User, kind: str, ref: str) -> Reminder | None:
    return reminders_of(user).filter(kind=kind, ref=ref).first()


def inbox(user: User, *, include_read: bool = False) -> QuerySet[Delivery]:
    """The person's reminders in the app, newest first."""
    rows = Delivery.objects.filter(user=user, channel="app").select_related("reminder")
    if not include_read:
        rows = rows.filter(read_at__isnull=True)
    return rows.order_by("-fire_at", "id")


def unread_count(user: User) -> int:
    return inbox(user).count()


def delivery_of(user: User, delivery_id: uuid.UUID | str) -> Delivery | None:
    try:
        key = uuid.UUID(str(delivery_id))
    except ValueError:
        return None
    return inbox(user, include_read=True).filter(pk=key).first()


def feed_owner(token: str) -> User | None:
    """The person whose calendar feed ``token`` opens, if it is live; looked up by digest."""
    if not token or len(token) > 100:
        return None
    prefs = (
        Preferences.objects.select_related("user")
        .filter(feed_digest=feed_digest(token), user__is_active=True)
        .first()
    )
    return None if prefs is None else prefs.user


@dataclass(frozen=True)
class Occurrence:
    reminder: Reminder
    at: datetime


def upcoming(user: User, *, now: datetime | None = None, days: int = FEED_DAYS) -> list[Occurrence]:
    """Every time the person's reminders fire in the next ``days`` days, soonest first."""
    now = now or timezone.now()
    until = now + timedelta(days=days)
    zone = zone_of(user)
    prefs = prefs_of(user)
    quiet = rules.Quiet(prefs.quiet_start, prefs.quiet_end)
    found: list[Occurrence] = []
    for reminder in reminders_of(user).filter(next_fire_at__isnull=False, next_fire_at__lte=until):
        moment = reminder.next_fire_at
        while moment is not None and moment <= until and len(found) < FEED_MOST:
            found.append(Occurrence(reminder, moment))
            if reminder.repeat == "once":
                break
            moment = rules.next_fire(rule_of(reminder), zone, quiet, after=moment)
    return sorted(found, key=lambda item: (item.at, str(item.reminder.id)))
