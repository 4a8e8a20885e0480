"""What the safety net keeps: each standing, and each set of answers, encrypted.

A level is a disclosure ("crisis", "high_danger"), so it is stored like the rest of
what a person tells us: encrypted with their own data key (SAFETY.md, never 10).
Reading it costs one AES-GCM decryption per request, which the gate can afford.
"""

from __future__ import annotations

import json
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from heartwork.core.fields import EncryptedTextField
from heartwork.partners.models import Partner
from heartwork.safety.standing import Standing


class SafetyStanding(models.Model):
    """The standing of one user (partner is null) or of one (user, partner) pair."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_standings"
    )
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # JSON of heartwork.safety.standing.Standing.to_dict(), which carries its version.
    state = EncryptedTextField(owner="user")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("user", "partner"), name="safety_one_per_pair"),
            models.UniqueConstraint(
                fields=("user",),
                condition=models.Q(partner__isnull=True),
                name="safety_one_per_user",
            ),
        )

    def __str__(self) -> str:
        return f"safety standing {self.id}"

    @property
    def standing(self) -> Standing:
        return Standing.from_dict(json.loads(self.state))

    @standing.setter
    def standing(self, value: Standing) -> None:
        self.state = json.dumps(value.to_dict())


class ScreenAnswers(models.Model):
    """One completed screen, kept so the person can see what they told us, and when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="screen_answers"
    )
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    screen = models.CharField(max_length=16)
    # JSON {"answers": {...}, "level": ..., "codes": [...]}.
    result = EncryptedTextField(owner="user")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.screen} answers {self.id}"
