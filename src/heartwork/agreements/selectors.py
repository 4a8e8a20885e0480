"""Reads of the agreements builder. Every function takes the acting user.

Couple content is read only through the user's active couple
(heartwork.couples.selectors.active_couple_of): after unpairing it is simply not found, so
no partner text is shown anywhere once a couple has ended.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Literal

from heartwork.accounts.models import User
from heartwork.agreements.models import (
    PENDING,
    AgreementReview,
    AgreementSection,
    AgreementVersion,
    SoloDraft,
)
from heartwork.agreements.sections import SECTIONS, Section, section
from heartwork.agreements.services import couple_locked
from heartwork.couples.models import Couple
from heartwork.couples.selectors import active_couple_of

Who = Literal["you", "partner", "former"]
_VERSION_RELATED = ("couple__data_key", "part")


def _uuid(value: uuid.UUID | str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def who(user: User, member_id: object) -> Who | None:
    """Who did something, as the acting user sees it: never an id or an email."""
    if member_id is None:
        return None
    return "you" if member_id == user.pk else "partner"


def drafts_of(user: User) -> dict[str, SoloDraft]:
    """The person's own drafts by section id."""
    rows = SoloDraft.objects.filter(user=user).select_related("user__data_key")
    return {draft.section: draft for draft in rows}


@dataclass(frozen=True)
class SectionState:
    section: Section
    draft: SoloDraft | None
    # The section's agreement as it stands (the newest accepted version).
    current: AgreementVersion | None
    # The proposal waiting for an answer, if any (it is always the newest version).
    pending: AgreementVersion | None
    # The newest version of any status: what a new proposal is based on.
    head: AgreementVersion | None


@dataclass(frozen=True)
class Overview:
    mode: Literal["solo", "couple"]
    couple: Couple | None
    # The safety lock holds: couple actions are refused, drafts stay open.
    locked: bool
    review: AgreementReview | None
    sections: tuple[SectionState, ...]


def _parts(couple: Couple | None) -> dict[str, AgreementSection]:
    if couple is None:
        return {}
    rows = AgreementSection.objects.filter(couple=couple).select_related(
        "head__couple__data_key", "current__couple__data_key"
    )
    return {part.section: part for part in rows}


def _state(entry: Section, draft: SoloDraft | None, part: AgreementSection | None) -> SectionState:
    head = part.head if part is not None else None
    return SectionState(
        section=entry,
        draft=draft,
        current=part.current if part is not None else None,
        pending=head if head is not None and head.status == PENDING else None,
        head=head,
    )


def overview(user: User) -> Overview:
    """Every section with the person's draft and, with an active couple, the agreement as it
    stands and any waiting proposal. Four queries, whatever the history."""
    couple = active_couple_of(user)
    drafts = drafts_of(user)
    parts = _parts(couple)
    review = None
    if couple is not None:
        review = AgreementReview.objects.filter(couple=couple).first()
    return Overview(
        mode="couple" if couple is not None else "solo",
        couple=couple,
        locked=couple_locked(user),
        review=review,
        sections=tuple(_state(s, drafts.get(s.id), parts.get(s.id)) for s in SECTIONS),
    )


def section_state(user: User, section_id: str) -> SectionState | None:
    """One section as ``overview`` shows it; None for an unknown section id."""
    entry = section(section_id)
    if entry is None:
        return None
    couple = active_couple_of(user)
    drafts = SoloDraft.objects.filter(user=user, section=section_id)
    draft = drafts.select_related("user__data_key").first()
    part = _parts(couple).get(section_id)
    return _state(entry, draft, part)


def history(user: User, section_id: str) -> list[AgreementVersion]:
    """Every version of a section, newest first; empty without an active couple."""
    couple = active_couple_of(user)
    if couple is None or section(section_id) is None:
        return []
    rows = AgreementVersion.objects.filter(couple=couple, part__section=section_id)
    return list(rows.select_related(*_VERSION_RELATED).order_by("-number"))


def version_of(user: User, version_id: uuid.UUID | str) -> AgreementVersion | None:
    """A version of the user's active couple; None for anything else (someone else's id
    looks exactly like one that does not exist)."""
    couple = active_couple_of(user)
    key = _uuid(version_id)
    if couple is None or key is None:
        return None
    rows = AgreementVersion.objects.filter(couple=couple, pk=key)
    return rows.select_related(*_VERSION_RELATED).first()
