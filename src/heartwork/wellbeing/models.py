"""What the well-being checks keep: one row per take, its answers and score encrypted.

Which check was taken, and when, stay in the clear so the schedule ("due again in 28
days") can be worked out without decrypting anything. A take is never edited: taking a
check again adds a row, and the rows make the before/after chart.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from heartwork.core.fields import EncryptedTextField

# The version of the JSON inside Take.data (house rule 7).
DATA_VERSION = 1
ID_MAX_CHARS = 48


class Take(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wellbeing_takes"
    )
    # "relationship" or "personal" (data/checks.toml). Not called "check": Model.check()
    # is Django's system check hook.
    check_id = models.CharField(max_length=ID_MAX_CHARS)
    # JSON {"v": 1, "answers": {item id: 1-5}, "score": 0-100}.
    data = EncryptedTextField(owner="user")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("created_at", "id")
        indexes = (
            models.Index(fields=("user", "check_id", "created_at"), name="wellbeing_take_by_check"),
        )

    def __str__(self) -> str:
        # Never the answers or the score: this string shows up in the admin and in logs.
        return f"{self.check_id} take {self.id}"

    @property
    def payload(self) -> dict[str, Any]:
        cached: dict[str, Any] | None = self.__dict__.get("_payload")
        if cached is None:
            cached = json.loads(self.data)
            if cached.get("v") != DATA_VERSION:
                raise ValueError(f"unknown take format {cached.get('v')!r}")
            self.__dict__["_payload"] = cached
        return cached

    def set_payload(self, *, answers: dict[str, int], score: int) -> None:
        payload = {"v": DATA_VERSION, "answers": answers, "score": score}
        self.data = json.dumps(payload)
        self.__dict__["_payload"] = payload

    @property
    def answers(self) -> dict[str, int]:
        answers: dict[str, int] = self.payload["answers"]
        return answers

    @property
    def score(self) -> int:
        return int(self.payload["score"])
