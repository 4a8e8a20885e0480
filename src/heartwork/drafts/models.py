"""Message drafts the person chose to keep. The text is encrypted with the owner's data key.

Nothing is stored while the coach analyses a draft: a row exists only after "Save draft".
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heartwork.coach import KINDS, MAX_CHARS
from heartwork.core.fields import EncryptedTextField

TEXT_MAX_CHARS = MAX_CHARS
KIND_MAX_LENGTH = 32
# What each kind of message is called on the page. The coach's KINDS are the keys.
KIND_LABELS = {
    "apology": _("An apology"),
    "reach_out": _("A first message after distance"),
    "conflict_reply": _("A reply in an argument"),
}


class Draft(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    kind = models.CharField(
        max_length=KIND_MAX_LENGTH, choices=[(kind, KIND_LABELS[kind]) for kind in KINDS]
    )
    text = EncryptedTextField(owner="user")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-updated_at", "-id")
        indexes = (models.Index(fields=("user", "-updated_at"), name="drafts_user_newest"),)

    def __str__(self) -> str:
        # Never the text: this string shows up in the admin and in logs.
        return f"draft {self.id}"
