"""What the program keeps: every answer to an exercise (encrypted), and each stage's marks.

Answers are never edited in place: every save is a new row. A log keeps every entry; for
any other exercise the newest row is the answer and the older ones are its history (a
scored check taken again makes a trend). Nothing here is ever reset.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from heartwork.core.fields import EncryptedTextField
from heartwork.partners.models import Partner

# The version of the JSON inside ExerciseAnswer.data (house rule 7).
DATA_VERSION = 1
ID_MAX_CHARS = 48


class ExerciseAnswer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exercise_answers"
    )
    # The current partner when the answer was saved; answers outlive the link.
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stage = models.CharField(max_length=ID_MAX_CHARS)
    exercise = models.CharField(max_length=ID_MAX_CHARS)
    # JSON {"v": 1, "answers": {...}, "result": id or null, "scales": {...} or null}.
    data = EncryptedTextField(owner="user")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (
            models.Index(
                fields=("user", "stage", "exercise", "-created_at"), name="program_answer_newest"
            ),
        )

    def __str__(self) -> str:
        # Never the answers: this string shows up in the admin and in logs.
        return f"{self.stage}.{self.exercise} answer {self.id}"

    @property
    def payload(self) -> dict[str, Any]:
        cached: dict[str, Any] | None = self.__dict__.get("_payload")
        if cached is None:
            cached = json.loads(self.data)
            if cached.get("v") != DATA_VERSION:
                raise ValueError(f"unknown answer format {cached.get('v')!r}")
            self.__dict__["_payload"] = cached
        return cached

    def set_payload(
        self, *, answers: dict[str, Any], result: str | None, scales: dict[str, int] | None
    ) -> None:
        payload = {"v": DATA_VERSION, "answers": answers, "result": result, "scales": scales}
        self.data = json.dumps(payload)
        self.__dict__["_payload"] = payload

    @property
    def answers(self) -> dict[str, Any]:
        answers: dict[str, Any] = self.payload["answers"]
        return answers

    @property
    def result(self) -> str | None:
        result: str | None = self.payload.get("result")
        return result

    @property
    def scales(self) -> dict[str, int] | None:
        scales: dict[str, int] | None = self.payload.get("scales")
        return scales


class StageMark(models.Model):
    """When a stage was first worked on, and when its ready check first passed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stage_marks"
    )
    stage = models.CharField(max_length=ID_MAX_CHARS)
    started_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("user", "stage"), name="program_one_mark_per_stage"),
        )

    def __str__(self) -> str:
        return f"{self.stage} mark {self.id}"
