"""What the agreements builder keeps.

- ``SoloDraft``: one person's side of a section, to bring to a conversation. Encrypted with
  their own key; never shown to anyone else.
- ``AgreementSection``: one section of a couple's agreement. Its row is locked while a
  version is proposed, accepted or withdrawn, so two partners acting at the same moment are
  served one after the other and the second learns of the first (a conflict) instead of
  overwriting it.
- ``AgreementVersion``: every text either partner proposed, kept for good, with who proposed
  it and who accepted it. Encrypted with the couple's key, so both partners can read it and
  nobody else (docs/privacy.md).
- ``AgreementReview``: the couple's review date; a reminder goes to both.

Section ids, statuses, dates and who-did-what are plain columns (docs/agreements.md).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from heartwork.agreements.sections import SECTION_IDS
from heartwork.core.fields import EncryptedTextField
from heartwork.couples.models import Couple

TEXT_MAX_CHARS = 4000
SECTION_CHOICES = [(section_id, section_id) for section_id in SECTION_IDS]

PENDING = "pending"
ACCEPTED = "accepted"
WITHDRAWN = "withdrawn"
# A pending proposal answered by a newer one: still kept, never current.
SUPERSEDED = "superseded"
STATUSES = (PENDING, ACCEPTED, WITHDRAWN, SUPERSEDED)


class SoloDraft(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agreement_drafts"
    )
    section = models.CharField(max_length=32, choices=SECTION_CHOICES)
    text = EncryptedTextField(owner="user")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("user", "section"), name="agreements_one_draft"),
        )

    def __str__(self) -> str:
        # Never the text: this string shows up in the admin and in logs.
        return f"agreement draft {self.id}"


class AgreementSection(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="+")
    section = models.CharField(max_length=32, choices=SECTION_CHOICES)
    # The newest version of any status: a proposal must be based on it (docs/agreements.md).
    head = models.ForeignKey(
        "AgreementVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The newest accepted version: the section's agreement as it stands.
    current = models.ForeignKey(
        "AgreementVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("couple", "section"), name="agreements_one_section"),
        )

    def __str__(self) -> str:
        return f"agreement section {self.section} {self.id}"


class AgreementVersion(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="+")
    part = models.ForeignKey(AgreementSection, on_delete=models.CASCADE, related_name="versions")
    # 1, 2, 3 ... within the section, given under the section's lock: "version 3".
    number = models.PositiveIntegerField()
    text = EncryptedTextField(owner="couple")
    status = models.CharField(max_length=12, choices=[(status, status) for status in STATUSES])
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # SET_NULL: a partner who deletes their account leaves the history readable to the other
    # for as long as the couple row lasts; the page then says "a former partner".
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-number",)
        constraints = (
            models.UniqueConstraint(fields=("part", "number"), name="agreements_version_number"),
        )

    def __str__(self) -> str:
        return f"agreement version {self.id} ({self.status})"


class AgreementReview(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    couple = models.OneToOneField(Couple, on_delete=models.CASCADE, related_name="+")
    review_on = models.DateField()
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"agreement review {self.id}"
