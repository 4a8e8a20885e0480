"""The daily check-in: one row per person per local day, its answers encrypted.

Only the day stays in the clear, so streaks can be counted without decrypting anything.
The answers (mood, sleep, movement, support, the one-line note) are one encrypted JSON
value: someone holding the database learns on which days a person checked in, never how
they were.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from heartwork.checkin.rules import Answers
from heartwork.core import crypto
from heartwork.core.fields import EncryptedTextField
from heartwork.core.keys import unwrapped

if TYPE_CHECKING:
    from heartwork.accounts.models import User

# The version of the JSON inside CheckIn.data (house rule 7).
DATA_VERSION = 1


class CheckIn(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    # The person's own calendar day (their time zone), not a UTC date.
    day = models.DateField()
    # JSON {"v": 1, "mood", "sleep_hours", "moved", "movement_minutes",
    # "talked_to_support", "note"} (heartwork.checkin.rules.Answers).
    data = EncryptedTextField(owner="user")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-day",)
        constraints = (models.UniqueConstraint(fields=("user", "day"), name="checkin_one_per_day"),)

    def __str__(self) -> str:
        # Never the answers: this string shows up in the admin and in logs.
        return f"check-in {self.id}"

    @property
    def answers(self) -> Answers:
        cached: Answers | None = self.__dict__.get("_answers")
        if cached is None:
            cached = parse_data(self.data)
            self.__dict__["_answers"] = cached
        return cached

    def set_answers(self, answers: Answers) -> None:
        self.data = json.dumps({"v": DATA_VERSION, **answers.as_dict()})
        self.__dict__["_answers"] = answers

    @property
    def was_edited(self) -> bool:
        return self.updated_at > self.created_at


def parse_data(text: str) -> Answers:
    raw: dict[str, Any] = json.loads(text)
    if raw.pop("v", None) != DATA_VERSION:
        raise ValueError("unknown check-in format")
    return Answers(**raw)


def decrypted(
    owner: User, rows: Iterable[tuple[uuid.UUID, date, bytes | memoryview]]
) -> Iterator[tuple[date, Answers]]:
    """Each (id, day, stored data) row's answers, exactly as reading ``CheckIn.answers``
    would give them, without building a model instance per row: years of daily rows
    decrypt in a few milliseconds. The associated data is the field's own (model, field,
    row, owner), so a value moved to another row still fails to decrypt; ``owner``
    should come with its data key (select_related), which is unwrapped once.
    """
    keys = unwrapped(owner.data_key)
    label, owner_id = CheckIn._meta.label_lower, str(owner.pk)
    for row_id, day, blob in rows:
        aad = crypto.associated_data(
            model=label, field="data", row_id=str(row_id), owner_id=owner_id
        )
        yield day, parse_data(crypto.decrypt(keys, bytes(blob), aad=aad))
