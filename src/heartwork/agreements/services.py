"""Every write of the agreements builder.

Solo drafts are the person's own, encrypted with their key. Versions belong to the couple,
encrypted with the couple's key. Every text is read by the safety net for the person who
wrote it, right after it is saved.

Proposing, accepting and withdrawing lock the section's row first (select_for_update), so
two partners acting at the same moment are served one after the other. A proposal names the
version it was written on (``based_on``); when that is no longer the newest, the proposal is
refused with ``AgreementConflict`` and nothing is overwritten (docs/agreements.md).

The services do not ask the safety lock themselves, like the other apps' services: the
pages and the API do, before couple actions (``couple_locked``).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from heartwork.accounts.models import User
from heartwork.accounts.selectors import zone_of
from heartwork.agreements.models import (
    ACCEPTED,
    PENDING,
    SUPERSEDED,
    TEXT_MAX_CHARS,
    WITHDRAWN,
    AgreementReview,
    AgreementSection,
    AgreementVersion,
    SoloDraft,
)
from heartwork.agreements.sections import section
from heartwork.core.timezones import local_day
from heartwork.couples.models import Couple
from heartwork.partners.selectors import current_partner
from heartwork.reminders import services as reminders
from heartwork.safety.selectors import pair_level
from heartwork.safety.services import record_text
from heartwork.safety.standing import at_least

REVIEW_KIND = "agreement_review"
# The review reminder arrives in the morning of the review day, where each person lives.
REVIEW_HOUR = time(9, 0)
# Further out than this is almost surely a typo.
REVIEW_FURTHEST = timedelta(days=731)


class AgreementInputError(ValueError):
    """Input that cannot be saved; ``field`` names the part at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class AgreementConflict(Exception):
    """The section changed since the person last saw it; ``newest`` is what it holds now."""

    def __init__(self, newest: AgreementVersion | None) -> None:
        super().__init__("the section changed in the meantime")
        self.newest = newest


class AgreementRefused(Exception):
    """Allowed to nobody in this person's place: accepting one's own proposal, withdrawing
    someone else's. ``code`` is the API's error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def couple_locked(user: User) -> bool:
    """Whether the safety lock holds between this person and their current partner: then
    nothing they do here may reach the partner (SAFETY.md "Never" 2). Solo drafts stay open."""
    return at_least(pair_level(user, current_partner(user)), "red")


# -- checks --------------------------------------------------------------------------------


@sensitive_variables("text")
def check_text(text: str | None) -> str:
    cleaned = (text or "").strip()
    if not cleaned:
        raise AgreementInputError("text", _("Write a few words here."))
    try:
        cleaned.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: not text that can be stored
        raise AgreementInputError(
            "text", _("This text has characters that cannot be saved.")
        ) from None
    if len(cleaned) > TEXT_MAX_CHARS:
        raise AgreementInputError(
            "text", _("Keep it under %(max)d characters.") % {"max": TEXT_MAX_CHARS}
        )
    return cleaned


def check_section(section_id: str) -> str:
    if section(section_id) is None:
        raise AgreementInputError("section", _("There is no such section."))
    return section_id


def _member(user: User, couple: Couple) -> None:
    # A programming error, not bad input: callers pass the user's own active couple.
    if user.pk not in (couple.user_a_id, couple.user_b_id):
        raise ValueError("the user is not part of this couple")


@sensitive_variables("text")
def _scan(user: User, text: str, now: datetime | None) -> None:
    record_text(user=user, text=text, partner=current_partner(user), now=now)


# -- solo drafts ---------------------------------------------------------------------------


@sensitive_variables("text", "cleaned")
def save_draft(*, user: User, section_id: str, text: str, now: datetime | None = None) -> SoloDraft:
    """Write (or rewrite) the person's own side of a section."""
    check_section(section_id)
    cleaned = check_text(text)
    now = now or timezone.now()
    with transaction.atomic():
        draft = (
            SoloDraft.objects.select_for_update()
            .select_related("user__data_key")
            .filter(user=user, section=section_id)
            .first()
        )
        if draft is None:
            draft = SoloDraft(user=user, section=section_id, created_at=now)
        draft.text = cleaned
        draft.updated_at = now
        draft.save()
    _scan(user, cleaned, now)
    return draft


def delete_draft(*, user: User, section_id: str) -> bool:
    """False when there was no draft for that section."""
    deleted, _rows = SoloDraft.objects.filter(user=user, section=section_id).delete()
    return deleted > 0


# -- couple versions -----------------------------------------------------------------------


def _locked_part(couple: Couple, section_id: str) -> AgreementSection:
    """The section's row, locked until the transaction ends; made on first use. Call inside
    transaction.atomic()."""
    locked = AgreementSection.objects.select_for_update()
    part = locked.filter(couple=couple, section=section_id).first()
    if part is not None:
        return part
    try:
        with transaction.atomic():
            return AgreementSection.objects.create(couple=couple, section=section_id)
    except IntegrityError:  # the other partner made it at the same moment
        return locked.get(couple=couple, section=section_id)


def _head(part: AgreementSection) -> AgreementVersion | None:
    if part.head_id is None:
        return None
    return AgreementVersion.objects.select_related("couple__data_key").get(pk=part.head_id)


@sensitive_variables("text", "cleaned")
def propose(
    *,
    user: User,
    couple: Couple,
    section_id: str,
    text: str,
    based_on: uuid.UUID | None,
    now: datetime | None = None,
) -> AgreementVersion:
    """A new version of a section, waiting for the other partner. ``based_on``: the newest
    version the proposer saw (None for a section with none yet). A pending proposal it
    answers is kept as superseded."""
    _member(user, couple)
    check_section(section_id)
    cleaned = check_text(text)
    now = now or timezone.now()
    with transaction.atomic():
        part = _locked_part(couple, section_id)
        head = _head(part)
        if (head.id if head is not None else None) != based_on:
            raise AgreementConflict(head)
        if head is not None and head.status == PENDING:
            head.status, head.closed_at = SUPERSEDED, now
            head.save(update_fields=["status", "closed_at"])
        version = AgreementVersion(
            couple=couple,
            part=part,
            number=(head.number if head is not None else 0) + 1,
            text=cleaned,
            status=PENDING,
            based_on=head,
            proposed_by=user,
            proposed_at=now,
        )
        version.save(force_insert=True)
        part.head = version
        part.save(update_fields=["head"])
    _scan(user, cleaned, now)
    return version


def _locked_version(couple: Couple, version_id: uuid.UUID) -> AgreementVersion:
    """The version, read again once its section is locked. LookupError when the couple has
    no such version."""
    found = AgreementVersion.objects.filter(couple=couple, pk=version_id).first()
    if found is None:
        raise LookupError(version_id)
    _locked_part(couple, found.part.section)
    return AgreementVersion.objects.select_related("couple__data_key", "part").get(pk=found.pk)


def accept(
    *, user: User, couple: Couple, version_id: uuid.UUID, now: datetime | None = None
) -> AgreementVersion:
    """The other partner's proposal becomes the section's agreement."""
    _member(user, couple)
    with transaction.atomic():
        version = _locked_version(couple, version_id)
        if version.status != PENDING:
            raise AgreementConflict(_head(version.part))
        if version.proposed_by_id == user.pk:
            raise AgreementRefused(
                "own_proposal", _("You proposed this one. Your partner is the one to accept it.")
            )
        version.status, version.accepted_by = ACCEPTED, user
        version.accepted_at = version.closed_at = now or timezone.now()
        version.save(update_fields=["status", "accepted_by", "accepted_at", "closed_at"])
        version.part.current = version
        version.part.save(update_fields=["current"])
    return version


def withdraw(
    *, user: User, couple: Couple, version_id: uuid.UUID, now: datetime | None = None
) -> AgreementVersion:
    """Take back one's own proposal before it is accepted. It stays in the history."""
    _member(user, couple)
    with transaction.atomic():
        version = _locked_version(couple, version_id)
        if version.status != PENDING:
            raise AgreementConflict(_head(version.part))
        if version.proposed_by_id != user.pk:
            raise AgreementRefused(
                "not_yours", _("Only the person who proposed this can withdraw it.")
            )
        version.status, version.closed_at = WITHDRAWN, now or timezone.now()
        version.save(update_fields=["status", "closed_at"])
    return version


# -- the review date -----------------------------------------------------------------------


def check_review_on(review_on: date, user: User, now: datetime | None = None) -> date:
    today = local_day(now or timezone.now(), zone_of(user))
    if review_on <= today:
        raise AgreementInputError("review_on", _("Pick a day after today."))
    if review_on > today + REVIEW_FURTHEST:
        raise AgreementInputError("review_on", _("Pick a day within the next two years."))
    return review_on


def _due(member: User, review_on: date) -> datetime:
    local = datetime.combine(review_on, REVIEW_HOUR, tzinfo=zone_of(member))
    return local.astimezone(UTC)


def set_review(
    *, user: User, couple: Couple, review_on: date | None, now: datetime | None = None
) -> AgreementReview | None:
    """Set (or clear, with None) the day to look at the agreement again together; both
    partners get a reminder that morning. Reminders carry only the review's id."""
    _member(user, couple)
    members = (couple.user_a, couple.user_b)
    with transaction.atomic():
        review = AgreementReview.objects.select_for_update().filter(couple=couple).first()
        if review_on is None:
            if review is not None:
                for member in members:
                    reminders.cancel(user=member, kind=REVIEW_KIND, ref=str(review.id))
                review.delete()
            return None
        review_on = check_review_on(review_on, user, now)
        if review is None:
            review = AgreementReview(couple=couple)
        review.review_on, review.set_by, review.updated_at = review_on, user, now or timezone.now()
        review.save()
        for member in members:
            reminders.schedule(
                user=member, kind=REVIEW_KIND, ref=str(review.id), due_at=_due(member, review_on)
            )
    return review
