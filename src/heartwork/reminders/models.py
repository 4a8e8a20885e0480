"""What reminders keep: the rule of each reminder, when it fires next, what was delivered,
and each person's reminder preferences (quiet hours, email, the calendar feed).

Nothing here holds words a person wrote. A reminder knows only its kind (check-in, end of
the cool-down, agreement review, ritual) and ``ref``, the id of the thing it is about, so a
notification can never carry content (docs/reminders.md).

The database is the source of truth for background work: ``next_fire_at`` (UTC) says when a
reminder is due, the sweep (heartwork.reminders.sweep) claims due rows and writes one
``Delivery`` per reminder, fire time and channel. A unique constraint on that triple is
what makes "running twice sends once" hold, even with two workers.
"""

from __future__ import annotations

import uuid
from datetime import time

from django.conf import settings
from django.db import models
from django.utils import timezone

KINDS = ("checkin", "cooldown_end", "agreement_review", "ritual")
REPEATS = ("once", "daily", "weekly")
CHANNELS = ("app", "email")
REF_MAX_CHARS = 64


class Reminder(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=20, choices=[(k, k) for k in KINDS])
    # The id of what the reminder is about (a ritual, an agreement), or a fixed word such as
    # "daily" for the check-in. Never text a person wrote.
    ref = models.CharField(max_length=REF_MAX_CHARS, blank=True, default="")
    repeat = models.CharField(max_length=10, choices=[(r, r) for r in REPEATS])
    # The local wall time and weekday (0 = Monday) the rule asks for, in the person's own
    # time zone; kept as wall time so a change of the clocks keeps the hour they chose.
    at = models.TimeField()
    weekday = models.PositiveSmallIntegerField(null=True, blank=True)
    # For a one-off reminder: the moment asked for (UTC).
    due_at = models.DateTimeField()
    # When it fires next (UTC), already moved out of quiet hours; None once it is spent.
    next_fire_at = models.DateTimeField(null=True, blank=True)
    last_fired_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("next_fire_at", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("user", "kind", "ref"), name="reminders_one_per_user_kind_ref"
            ),
        )
        indexes = (models.Index(fields=("next_fire_at",), name="reminders_due"),)

    def __str__(self) -> str:
        return f"{self.repeat} {self.kind} reminder {self.id}"


class Delivery(models.Model):
    """One reminder delivered at one fire time on one channel."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    fire_at = models.DateTimeField()
    channel = models.CharField(max_length=10, choices=[(c, c) for c in CHANNELS])
    created_at = models.DateTimeField(default=timezone.now)
    # In the app: when the person marked it read.
    read_at = models.DateTimeField(null=True, blank=True)
    # By email: when it went out, when a worker took it (so two workers never both send),
    # and how many tries it took.
    sent_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("-fire_at", "id")
        verbose_name_plural = "deliveries"
        constraints = (
            models.UniqueConstraint(
                fields=("reminder", "fire_at", "channel"), name="reminders_deliver_once"
            ),
        )
        indexes = (
            models.Index(fields=("user", "channel", "read_at"), name="reminders_inbox"),
            models.Index(fields=("channel", "sent_at"), name="reminders_outbox"),
        )

    def __str__(self) -> str:
        return f"{self.channel} delivery {self.id}"


class Preferences(models.Model):
    """One row per person, made the first time they are needed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_prefs"
    )
    # Quiet hours, in local wall time: nothing fires from start until end (which may be on
    # the next day). Equal times mean no quiet hours.
    quiet_start = models.TimeField(default=time(22, 0))
    quiet_end = models.TimeField(default=time(8, 0))
    # Email is off until the person turns it on (and the server has SMTP set up).
    email = models.BooleanField(default=False)
    # The private calendar feed: only the SHA-256 of its secret token is kept.
    feed_digest = models.CharField(max_length=64, blank=True, default="", db_index=True)
    feed_created_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "preferences"

    def __str__(self) -> str:
        return f"reminder preferences {self.id}"
