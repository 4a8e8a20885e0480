"""What the space tracker keeps: the cool-down, urges, slips, social-media checks, letters.

Everything a person writes (an urge's trigger and what they did instead, what a slip
taught them, an unsent letter) is encrypted with their own data key. Times, an urge's
strength and how a slip happened stay in the clear so that days and counts can be worked
out in the database without decrypting anything (docs/privacy.md). Times are stored in
UTC; a "day" is the person's local day (heartwork.space.selectors).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heartwork.core.fields import EncryptedTextField

STRENGTH_MIN, STRENGTH_MAX = 1, 10
PLANNED_DAYS_MAX = 730
TRIGGER_MAX_CHARS = 1_000
INSTEAD_MAX_CHARS = 2_000
LEARNED_MAX_CHARS = 5_000
LETTER_MAX_CHARS = 20_000
HOW_MAX_LENGTH = 24

# How a slip happened. The keys are a public contract (the API uses them).
HOW_LABELS = {
    "message": _("A message or chat"),
    "call": _("A call or video call"),
    "in_person": _("In person"),
    "social_media": _("On social media (a comment, a like, a message)"),
    "through_someone": _("Through someone else"),
    "other": _("Another way"),
}


class Plan(models.Model):
    """A person's cool-down. One at a time: saving again changes it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_plan"
    )
    started_on = models.DateField()
    # None: no end date (their request for no contact is a boundary, not a pause).
    planned_days = models.PositiveSmallIntegerField(null=True, blank=True)
    last_contact_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"cool-down {self.id}"


class Urge(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_urges"
    )
    at = models.DateTimeField()
    strength = models.PositiveSmallIntegerField()
    trigger = EncryptedTextField(owner="user")
    instead = EncryptedTextField(owner="user")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=("user", "at"), name="space_urge_user_at"),)

    def __str__(self) -> str:
        # Never the text: this string shows up in the admin and in logs.
        return f"urge {self.id}"


class Slip(models.Model):
    """A contact the person did not plan: it adds a contact day and erases nothing."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_slips"
    )
    at = models.DateTimeField()
    how = models.CharField(max_length=HOW_MAX_LENGTH, choices=list(HOW_LABELS.items()))
    learned = EncryptedTextField(owner="user")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=("user", "at"), name="space_slip_user_at"),)

    def __str__(self) -> str:
        return f"slip {self.id}"


class SocialCheck(models.Model):
    """One look at their profile or posts: counted apart from urges and slips."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_social_checks"
    )
    at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=("user", "at"), name="space_check_user_at"),)

    def __str__(self) -> str:
        return f"social-media check {self.id}"


class Letter(models.Model):
    """An unsent letter: written to them, kept here, never sent by Heartwork."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_letters"
    )
    body = EncryptedTextField(owner="user")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=("user", "-created_at"), name="space_letter_newest"),)

    def __str__(self) -> str:
        return f"unsent letter {self.id}"
