"""Partner mode: two accounts paired as a couple, their invites, and what they share.

Only what is written into a shared space lives here: answers to shared exercises and
confirmations of trust-ledger deposits. Both are encrypted with the couple's own data key
(``EncryptedTextField(owner="couple")``), never with either person's key, so neither
person's private key ever touches the other's data. Everything private (journal, urges,
drafts, checks, safety answers) stays in its own app and is never read from here.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from heartwork.accounts.models import User
from heartwork.core.fields import EncryptedTextField
from heartwork.core.models import DataKey
from heartwork.partners.models import Partner
from heartwork.trust.models import Entry

ANSWER_MAX_CHARS = 3000
NOTE_MAX_CHARS = 500
CONFIRM, QUESTION = "confirm", "question"
VERDICTS = (CONFIRM, QUESTION)


class Couple(models.Model):
    """Two people working on their relationship together, from pairing to unpairing.

    A couple is never reopened: pairing again makes a new one, with a new data key, so
    what was shared before an unpairing stays out of sight for good.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The one who made the invite, and the one who accepted it.
    user_a = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    user_b = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # Encrypts everything shared in this couple; deleted with it (see _drop_data_key).
    data_key = models.OneToOneField(DataKey, on_delete=models.PROTECT, related_name="+")
    paired_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-paired_at", "-id")
        indexes = (
            models.Index(fields=("user_a", "ended_at"), name="couples_by_a"),
            models.Index(fields=("user_b", "ended_at"), name="couples_by_b"),
        )

    def __str__(self) -> str:
        return f"couple {self.id}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

    def other(self, user: User) -> User:
        """The other member; ``user`` must be one of the two."""
        if user.pk == self.user_a_id:
            return self.user_b
        if user.pk == self.user_b_id:
            return self.user_a
        raise ValueError("not a member of this couple")

    def has_member(self, user: User) -> bool:
        return user.pk in (self.user_a_id, self.user_b_id)


@receiver(post_delete, sender=Couple)
def _drop_data_key(sender: type[Couple], instance: Couple, **kwargs: Any) -> None:
    # The couple is deleted when either person deletes their account (CASCADE). Its key
    # goes too, so what they shared becomes unreadable in old backups as well.
    DataKey.objects.filter(pk=instance.data_key_id).delete()


class Invite(models.Model):
    """A one-time code to pair with. Only a SHA-256 digest of the code is stored."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inviter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # The inviter's own record of who they invite: its safety standing decides whether
    # the invite may be used (checked again on acceptance).
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=("inviter", "used_at", "revoked_at"), name="invites_open"),)

    def __str__(self) -> str:
        return f"invite {self.id}"

    def is_open(self, now: Any = None) -> bool:
        now = now or timezone.now()
        return self.used_at is None and self.revoked_at is None and self.expires_at > now


class SharedAnswer(models.Model):
    """One person's answers to one round of a shared exercise, written alone.

    The other member sees them only once both have answered the same round.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    exercise = models.CharField(max_length=40)
    round = models.PositiveSmallIntegerField(default=1)
    # A JSON object {question id: answer}, encrypted as one value.
    answers = EncryptedTextField(owner="couple")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("exercise", "-round", "created_at")
        constraints = (
            models.UniqueConstraint(
                fields=("couple", "user", "exercise", "round"), name="one_answer_per_round"
            ),
        )

    def __str__(self) -> str:
        return f"shared answer {self.id}"


class Confirmation(models.Model):
    """The partner's view of a deposit in the trust ledger: confirmed, or gently questioned."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="confirmations")
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="+")
    # The partner who confirmed (never the entry's owner).
    confirmer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    verdict = models.CharField(
        max_length=10, choices=[(CONFIRM, "confirm"), (QUESTION, "question")]
    )
    note = EncryptedTextField(owner="couple", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = (
            models.UniqueConstraint(fields=("couple", "entry"), name="one_confirmation_per_entry"),
        )

    def __str__(self) -> str:
        return f"confirmation {self.id}"
