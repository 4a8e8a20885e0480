"""The reminder sweep: a plain function the worker calls every minute (heartwork.reminders.jobs).

Idempotent by construction (ARCHITECTURE rule 8): the database says what is due, and
``sweep(now)`` can run twice, in two workers at once, or again after a crash or a restart,
and each reminder is still delivered once per fire time and channel:

1. Each due reminder is claimed in its own transaction: ``SELECT ... FOR UPDATE SKIP LOCKED``
   on PostgreSQL (a second worker passes over it); on SQLite the transaction is IMMEDIATE
   (settings), so writers take turns. Inside it, one ``Delivery`` row per channel is inserted
   (the unique constraint refuses a second) and ``next_fire_at`` moves on, together or not
   at all.
2. Emails go out after that, each one taken by a conditional UPDATE that only one worker can
   win. A failed send is tried again on later sweeps, up to ``EMAIL_ATTEMPTS`` times.

Missed fire times (the server was off for a day) are not caught up one by one: a repeating
reminder is delivered once, then moves to its next time after now.
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from heartwork.accounts.selectors import zone_of
from heartwork.reminders import mail
from heartwork.reminders import schedule as rules
from heartwork.reminders.models import Delivery, Reminder
from heartwork.reminders.services import held_for_safety, prefs_for, quiet_of, rule_of

logger = logging.getLogger("heartwork.reminders")

# Reminders handled in one sweep; the rest wait for the next minute.
SWEEP_BATCH = 500
EMAIL_BATCH = 100
EMAIL_ATTEMPTS = 5
# A worker that took an email and died: after this long another may try it.
CLAIM_TIMEOUT = timedelta(minutes=10)


@dataclass(frozen=True)
class SweepResult:
    fired: int
    emails_sent: int


def sweep(now: datetime | None = None) -> SweepResult:
    """Deliver every reminder due at ``now`` (default: the clock) once, then send emails."""
    now = now or timezone.now()
    due = (
        Reminder.objects.filter(next_fire_at__lte=now)
        .order_by("next_fire_at")
        .values_list("id", flat=True)[:SWEEP_BATCH]
    )
    fired = sum(_fire(reminder_id, now) for reminder_id in list(due))
    return SweepResult(fired=fired, emails_sent=send_emails(now))


def _fire(reminder_id: uuid.UUID, now: datetime) -> int:
    """Claim one reminder, record its deliveries and move it on. 1 if this call fired it."""
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("user")
            .filter(pk=reminder_id, next_fire_at__lte=now)
            .first()
        )
        if reminder is None:  # another worker has it, or it was changed meanwhile
            return 0
        fire_at = reminder.next_fire_at
        assert fire_at is not None  # the filter above
        prefs = prefs_for(reminder.user)
        channels = ["app"]
        if prefs.email and mail.enabled() and reminder.user.is_active:
            channels.append("email")
        if held_for_safety(reminder.user, reminder.kind):
            channels = []  # skipped, not postponed: it must not arrive later either
        for channel in channels:
            Delivery.objects.get_or_create(
                reminder=reminder,
                fire_at=fire_at,
                channel=channel,
                defaults={"user": reminder.user, "created_at": now},
            )
        reminder.last_fired_at = fire_at
        reminder.next_fire_at = (
            None
            if reminder.repeat == "once"
            else rules.next_fire(
                rule_of(reminder), zone_of(reminder.user), quiet_of(prefs), after=now
            )
        )
        reminder.save(update_fields=["last_fired_at", "next_fire_at", "updated_at"])
    return 1 if channels else 0


def _claimable(now: datetime) -> Q:
    return Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT)


def send_emails(now: datetime) -> int:
    """Send the emails deliveries are waiting for; returns how many went out."""
    if not mail.enabled():
        return 0
    waiting = (
        Delivery.objects.filter(channel="email", sent_at__isnull=True, attempts__lt=EMAIL_ATTEMPTS)
        .filter(_claimable(now))
        .order_by("fire_at")
        .values_list("id", flat=True)[:EMAIL_BATCH]
    )
    return sum(_send_one(delivery_id, now) for delivery_id in list(waiting))


def _send_one(delivery_id: uuid.UUID, now: datetime) -> int:
    taken = (
        Delivery.objects.filter(pk=delivery_id, sent_at__isnull=True)
        .filter(_claimable(now))
        .update(claimed_at=now, attempts=F("attempts") + 1)
    )
    if not taken:  # another worker won it
        return 0
    delivery = Delivery.objects.select_related("user").get(pk=delivery_id)
    if not prefs_for(delivery.user).email or not delivery.user.is_active:
        # Turned off since it was due: it is not sent, and never will be.
        delivery.delete()
        return 0
    try:
        mail.send_reminder(delivery.user)
    except (smtplib.SMTPException, OSError) as exc:
        # Only the id and the kind of failure: an address is personal.
        logger.warning("reminder email %s not sent: %s", delivery.id, type(exc).__name__)
        Delivery.objects.filter(pk=delivery_id).update(claimed_at=None)
        return 0
    Delivery.objects.filter(pk=delivery_id).update(sent_at=now)
    return 1
