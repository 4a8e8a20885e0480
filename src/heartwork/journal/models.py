"""A private journal. Title and body are encrypted with the owner's data key."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from heartwork.core.fields import EncryptedTextField

EDIT_GRACE = timedelta(seconds=2)
TITLE_MAX_CHARS = 200
BODY_MAX_CHARS = 50_000
STAGE_MAX_CHARS = 48


class Entry(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries"
    )
    title = EncryptedTextField(owner="user")
    body = EncryptedTextField(owner="user")
    # The program stage the entry is about (heartwork.program.schema.STAGE_IDS), or "".
    # In the clear like the program's own progress, so entries can be listed by stage.
    stage = models.CharField(max_length=STAGE_MAX_CHARS, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (
            models.Index(fields=("user", "-created_at"), name="journal_user_newest"),
            models.Index(fields=("user", "stage", "-created_at"), name="journal_user_stage"),
        )
        verbose_name_plural = "entries"

    def __str__(self) -> str:
        # Never the title or body: this string shows up in the admin and in logs.
        return f"journal entry {self.id}"

    @property
    def was_edited(self) -> bool:
        # Saving a new entry sets both times a few microseconds apart; only a
        # later save is an edit.
        return self.updated_at - self.created_at > EDIT_GRACE
