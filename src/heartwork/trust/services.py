"""Every write of the trust ledger: entries, commitments and their follow-through.

Words a person writes are stored encrypted and read by the safety net
(heartwork.safety.services.record_text) right after saving. Bad input raises
``TrustInputError`` naming the field, before anything is written, so nothing already
saved is ever lost.

The ledger is the person's own record of their own actions: none of these writes reaches
a partner, so none of them asks the safety gate (docs/trackers.md, "The safety gate").
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from heartwork.accounts.models import User
from heartwork.partners.selectors import current_partner
from heartwork.safety.services import record_text
from heartwork.trust.models import (
    COMMITMENT_MAX_CHARS,
    DEPOSIT,
    DEPOSIT_KINDS,
    KEPT,
    KEPT_KIND,
    NOT_KEPT,
    NOT_KEPT_KIND,
    NOTE_MAX_CHARS,
    OPEN,
    OWN_WORDS,
    WITHDRAWAL,
    WITHDRAWAL_KINDS,
    Commitment,
    Entry,
)
from heartwork.trust.selectors import today_for

KINDS = {DEPOSIT: DEPOSIT_KINDS, WITHDRAWAL: WITHDRAWAL_KINDS}
# A day further back (or a due day further ahead) than this is almost surely a typo.
FURTHEST = timedelta(days=3653)
STATUSES = (OPEN, KEPT, NOT_KEPT)


class TrustInputError(ValueError):
    """Input that cannot be saved; ``field`` names the part at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class Unset:
    """Marks a part left out of an update (None is a value: "no note")."""


UNSET = Unset()


# -- checks --------------------------------------------------------------------------------


def check_direction(direction: str) -> str:
    if direction not in KINDS:
        raise TrustInputError("direction", _("Choose a deposit or a withdrawal."))
    return direction


def check_kind(direction: str, kind: str) -> str:
    if kind not in KINDS[direction]:
        raise TrustInputError("kind", _("Choose one of the kinds offered for this entry."))
    return kind


def check_past_day(day: date, today: date, field: str = "day") -> date:
    if day > today:
        raise TrustInputError(field, _("This day has not happened yet. Pick today or earlier."))
    if day < today - FURTHEST:
        raise TrustInputError(field, _("That is more than ten years ago. Check the date."))
    return day


def check_due(due: date, today: date) -> date:
    if abs(due - today) > FURTHEST:
        raise TrustInputError("due", _("Pick a day within ten years of today."))
    return due


@sensitive_variables("note")
def check_note(note: str | None, kind: str) -> str | None:
    """The note stripped, None when blank; "own words" needs one."""
    cleaned = (note or "").strip() or None
    if cleaned is not None and len(cleaned) > NOTE_MAX_CHARS:
        raise TrustInputError(
            "note", _("Keep the note under %(max)d characters.") % {"max": NOTE_MAX_CHARS}
        )
    if cleaned is None and kind == OWN_WORDS:
        raise TrustInputError("note", _("Say in your own words what happened."))
    return cleaned


@sensitive_variables("text")
def check_commitment_text(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise TrustInputError("text", _("Write the promise you want to keep."))
    if len(cleaned) > COMMITMENT_MAX_CHARS:
        raise TrustInputError(
            "text",
            _("Keep it under %(max)d characters: small and clear.") % {"max": COMMITMENT_MAX_CHARS},
        )
    return cleaned


def check_status(status: str) -> str:
    if status not in STATUSES:
        raise TrustInputError("status", _("Choose kept, not kept or still open."))
    return status


def _scan(user: User, text: str | None, now: datetime | None) -> None:
    if text:
        record_text(user=user, text=text, partner=current_partner(user), now=now)


# -- entries -------------------------------------------------------------------------------


@sensitive_variables("note")
def add_entry(
    *,
    user: User,
    direction: str,
    kind: str,
    day: date | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> Entry:
    """One deposit or withdrawal. ``day`` defaults to today where the person lives."""
    today = today_for(user, now)
    direction = check_direction(direction)
    kind = check_kind(direction, kind)
    day = check_past_day(day or today, today)
    cleaned = check_note(note, kind)
    entry = Entry(
        user=user,
        partner=current_partner(user),
        direction=direction,
        kind=kind,
        day=day,
        note=cleaned,
        created_at=now or timezone.now(),
    )
    entry.save(force_insert=True)
    _scan(user, cleaned, now)
    return entry


@sensitive_variables("note")
def update_entry(
    *,
    entry: Entry,
    day: date | Unset = UNSET,
    note: str | Unset | None = UNSET,
    now: datetime | None = None,
) -> Entry:
    """Change an entry's day or note; what is left out stays as it was."""
    fields = []
    if not isinstance(day, Unset):
        entry.day = check_past_day(day, today_for(entry.user, now))
        fields.append("day")
    if not isinstance(note, Unset):
        entry.note = check_note(note, entry.kind)
        fields.append("note")
    if fields:
        entry.save(update_fields=fields)
        if "note" in fields:
            _scan(entry.user, entry.note, now)
    return entry


def delete_entry(*, entry: Entry) -> None:
    entry.delete()


# -- commitments ---------------------------------------------------------------------------


@sensitive_variables("text")
def add_commitment(*, user: User, text: str, due: date, now: datetime | None = None) -> Commitment:
    cleaned = check_commitment_text(text)
    commitment = Commitment(
        user=user,
        partner=current_partner(user),
        text=cleaned,
        due=check_due(due, today_for(user, now)),
        created_at=now or timezone.now(),
    )
    commitment.save(force_insert=True)
    _scan(user, cleaned, now)
    return commitment


@sensitive_variables("text")
def update_commitment(
    *,
    commitment: Commitment,
    text: str | Unset = UNSET,
    due: date | Unset = UNSET,
    status: str | Unset = UNSET,
    day: date | None = None,
    now: datetime | None = None,
) -> Commitment:
    """Change the words or the due day, and record the follow-through (``status``, with
    the ledger ``day``, see resolve_commitment), all or nothing."""
    fields = []
    with transaction.atomic():
        if not isinstance(text, Unset):
            commitment.text = check_commitment_text(text)
            fields.append("text")
        if not isinstance(due, Unset):
            commitment.due = check_due(due, today_for(commitment.user, now))
            fields.append("due")
        if fields:
            commitment.save(update_fields=fields)
        if not isinstance(status, Unset):
            resolve_commitment(commitment=commitment, status=status, day=day, now=now)
    if "text" in fields:
        _scan(commitment.user, commitment.text, now)
    return commitment


def resolve_commitment(
    *,
    commitment: Commitment,
    status: str,
    day: date | None = None,
    now: datetime | None = None,
) -> Commitment:
    """Mark a commitment kept, not kept, or open again, and keep its ledger entry in step.

    Kept adds a deposit ("I kept my word"), not kept a withdrawal ("I broke a promise"), on
    ``day``: by default the due day, or today if that is still ahead. Open again removes it.
    """
    status = check_status(status)
    now = now or timezone.now()
    today = today_for(commitment.user, now)
    day = check_past_day(day or min(commitment.due, today), today)
    with transaction.atomic():
        existing = Entry.objects.filter(commitment=commitment).first()
        if status == OPEN:
            if existing is not None:
                existing.delete()
            commitment.status, commitment.resolved_at = OPEN, None
        else:
            direction = DEPOSIT if status == KEPT else WITHDRAWAL
            kind = KEPT_KIND if status == KEPT else NOT_KEPT_KIND
            if existing is None:
                Entry(
                    user=commitment.user,
                    partner=commitment.partner,
                    direction=direction,
                    kind=kind,
                    day=day,
                    note=None,
                    commitment=commitment,
                    created_at=now,
                ).save(force_insert=True)
            else:
                existing.direction, existing.kind, existing.day = direction, kind, day
                existing.save(update_fields=["direction", "kind", "day"])
            commitment.status, commitment.resolved_at = status, now
        commitment.save(update_fields=["status", "resolved_at"])
    return commitment


def delete_commitment(*, commitment: Commitment) -> None:
    """The commitment and the ledger entry its follow-through made."""
    commitment.delete()
