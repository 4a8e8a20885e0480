"""What the trust ledger keeps: commitments and their follow-through, and ledger entries.

The words a person writes (a commitment, an entry's note) are encrypted. The direction
and kind of an entry, its day, and a commitment's due day and status are plain columns:
the balance, the ratio and the steady weeks are added up in the database, so a page with
years of entries costs one query instead of decrypting every row (docs/privacy.md).

Partner confirmation (a later feature) will be a model of its own pointing at an entry or
a commitment, written only while heartwork.safety.gate.reconnection_block lets it: the
``partner`` column below only records which relationship an entry was about.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from heartwork.core.fields import EncryptedTextField
from heartwork.partners.models import Partner

COMMITMENT_MAX_CHARS = 300
NOTE_MAX_CHARS = 2000

DEPOSIT, WITHDRAWAL = "deposit", "withdrawal"
OPEN, KEPT, NOT_KEPT = "open", "kept", "not_kept"
# Kinds are ids (a public contract in the API); their words live in heartwork.trust.kinds.
DEPOSIT_KINDS = ("kept_word", "took_responsibility", "stayed_calm", "was_present", "own_words")
WITHDRAWAL_KINDS = ("broke_promise", "old_behaviour", "made_excuses", "own_words")
# The kind an entry gets when a commitment is marked kept, or not kept.
KEPT_KIND, NOT_KEPT_KIND = "kept_word", "broke_promise"
OWN_WORDS = "own_words"


class Commitment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trust_commitments"
    )
    # The current partner when it was made; commitments outlive the link.
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # "I will call when I'm late."
    text = EncryptedTextField(owner="user")
    # The local day by which the person will look back and ask: did I keep it?
    due = models.DateField()
    status = models.CharField(
        max_length=10,
        choices=[(OPEN, "open"), (KEPT, "kept"), (NOT_KEPT, "not kept")],
        default=OPEN,
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("due", "created_at", "id")
        indexes = (models.Index(fields=("user", "status", "due"), name="trust_commitment_due"),)

    def __str__(self) -> str:
        # Never the text: this string shows up in the admin and in logs.
        return f"commitment {self.id}"


class Entry(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trust_entries"
    )
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    direction = models.CharField(
        max_length=10, choices=[(DEPOSIT, "deposit"), (WITHDRAWAL, "withdrawal")]
    )
    kind = models.CharField(max_length=32)
    # The local day it happened (never after today in the person's time zone).
    day = models.DateField()
    # Optional for every kind but "own words". Encrypted; NULL when none was written.
    note = EncryptedTextField(owner="user", null=True, blank=True)
    # Set when the entry was made by marking a commitment kept or not kept: it follows the
    # commitment (changed or removed with it).
    commitment = models.OneToOneField(
        Commitment, null=True, blank=True, on_delete=models.CASCADE, related_name="entry"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-day", "-created_at", "-id")
        indexes = (models.Index(fields=("user", "day"), name="trust_entry_by_day"),)
        verbose_name_plural = "entries"

    def __str__(self) -> str:
        return f"{self.direction} {self.id}"
