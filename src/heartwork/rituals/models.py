"""What rituals and time together keep: small rituals and the days they were done, time
spent together without distractions, and "what drew us together" reflections.

What a person writes (a ritual's name, what we did, a reflection) is encrypted. Days,
cadences and minutes are plain columns, so "done this week" and "minutes this month" are
counted in the database (docs/privacy.md).

``partner`` records which relationship a row was about (the current partner when it was
saved), for partner mode later (shared rituals); nothing here is shared today.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from heartwork.core.fields import EncryptedTextField
from heartwork.partners.models import Partner

NAME_MAX_CHARS = 120
WHAT_MAX_CHARS = 2000
REFLECTION_MAX_CHARS = 5000
MINUTES_MAX = 24 * 60


class Ritual(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rituals"
    )
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # "Tea together after work." Encrypted.
    name = EncryptedTextField(owner="user")
    cadence = models.CharField(max_length=10, choices=[("daily", "daily"), ("weekly", "weekly")])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "id")
        indexes = (models.Index(fields=("user", "created_at"), name="rituals_ritual_user"),)

    def __str__(self) -> str:
        # Never the name: this string shows up in the admin and in logs.
        return f"{self.cadence} ritual {self.id}"


class RitualDone(models.Model):
    """One local day a ritual was done (at most one row per ritual and day)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ritual = models.ForeignKey(Ritual, on_delete=models.CASCADE, related_name="done")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-day",)
        constraints = (
            models.UniqueConstraint(fields=("ritual", "day"), name="rituals_done_once_a_day"),
        )
        indexes = (models.Index(fields=("user", "day"), name="rituals_done_by_day"),)

    def __str__(self) -> str:
        return f"ritual done {self.id}"


class TimeTogether(models.Model):
    """Time spent together without phones or screens."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="time_together"
    )
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    day = models.DateField()
    minutes = models.PositiveSmallIntegerField()
    # What we did. Optional; encrypted; NULL when none was written.
    what = EncryptedTextField(owner="user", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-day", "-created_at", "-id")
        indexes = (models.Index(fields=("user", "day"), name="rituals_time_by_day"),)
        verbose_name_plural = "time together"

    def __str__(self) -> str:
        return f"time together {self.id}"


class Reflection(models.Model):
    """ "What drew us together": remembering what was good, and what is still true."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = EncryptedTextField(owner="user")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=("user", "-created_at"), name="rituals_reflection_new"),)

    def __str__(self) -> str:
        return f"reflection {self.id}"
