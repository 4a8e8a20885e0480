"""The people a user is working on a relationship with.

Safety levels attach to the (user, partner) pair (SAFETY.md principle 3), so each
relationship is its own row: a new ex is screened afresh, and a locked partner stays
locked after the user moves on. Rows are never reused for a different person.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from heartwork.core.fields import EncryptedTextField

NAME_MAX_CHARS = 60


class Partner(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partners"
    )
    # What the user calls them: a first name, a nickname, an initial. Encrypted.
    name = EncryptedTextField(owner="user")
    created_at = models.DateTimeField(default=timezone.now)
    # Set when the user stops working on this relationship; the row (and its safety
    # standing) stays.
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=("user", "-created_at"), name="partners_user_newest"),)

    def __str__(self) -> str:
        # Never the name: this string shows up in the admin and in logs.
        return f"partner {self.id}"

    @property
    def is_current(self) -> bool:
        return self.ended_at is None
