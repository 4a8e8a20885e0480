"""/api/v1/agreements: the agreements builder.

``GET /api/v1/agreements`` is a public contract (docs/agreements.md and docs/api.md): the
section ids, the mode ("solo" without an active couple, "couple" with one) and the shape of
a version do not change without a new API version.

Solo drafts are the person's own and stay open at every safety level. Everything that
reaches the partner (proposing, accepting, withdrawing, the review date) needs an active
couple (else 403 ``not_paired``) and is refused with 403 ``safety_lock`` while the safety
lock holds for the person's current partner. A proposal based on a version that is no longer
the newest is refused with 409 ``conflict``: nothing is overwritten.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from heartwork.accounts.auth import API_AUTH, acting_user
from heartwork.accounts.models import User
from heartwork.agreements import selectors, services
from heartwork.agreements.models import TEXT_MAX_CHARS, AgreementVersion, SoloDraft
from heartwork.agreements.sections import section
from heartwork.agreements.services import (
    AgreementConflict,
    AgreementInputError,
    AgreementRefused,
)
from heartwork.core.errors import ApiError
from heartwork.couples.models import Couple

router = Router(tags=["agreements"], auth=API_AUTH)


# -- schemas ---------------------------------------------------------------------------


class DraftOut(Schema):
    text: str
    created_at: datetime
    updated_at: datetime


class VersionOut(Schema):
    id: uuid.UUID
    section: str
    # 1, 2, 3 ... within the section.
    number: int
    text: str
    # pending, accepted, withdrawn or superseded.
    status: str
    based_on: uuid.UUID | None
    # "you" or "partner", as the caller sees it: never an id or an email.
    proposed_by: str | None
    proposed_at: datetime
    accepted_by: str | None
    accepted_at: datetime | None
    closed_at: datetime | None


class SectionOut(Schema):
    id: str
    title: str
    prompt: str
    starters: list[str]
    draft: DraftOut | None
    current: VersionOut | None
    pending: VersionOut | None
    # The id to send as ``based_on`` with the next proposal (null: none yet).
    head: uuid.UUID | None


class OverviewOut(Schema):
    mode: str
    locked: bool
    review_on: date | None
    sections: list[SectionOut]


class DraftIn(Schema):
    model_config = ConfigDict(extra="forbid")

    # The length check also makes pydantic refuse text that is not valid Unicode (a lone
    # surrogate), which could not be encrypted: 422, never 500.
    text: str = Field(max_length=TEXT_MAX_CHARS)


class ProposalIn(Schema):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(max_length=TEXT_MAX_CHARS)
    # The ``head`` the text was written on; null for a section with no version yet.
    based_on: uuid.UUID | None


class ReviewIn(Schema):
    model_config = ConfigDict(extra="forbid")

    # null clears the review date.
    review_on: date | None


class ReviewOut(Schema):
    review_on: date | None


# -- helpers ---------------------------------------------------------------------------


def _draft(draft: SoloDraft | None) -> dict[str, Any] | None:
    if draft is None:
        return None
    return {"text": draft.text, "created_at": draft.created_at, "updated_at": draft.updated_at}


def _version(user: User, version: AgreementVersion | None) -> dict[str, Any] | None:
    if version is None:
        return None
    return {
        "id": version.id,
        "section": version.part.section,
        "number": version.number,
        "text": version.text,
        "status": version.status,
        "based_on": version.based_on_id,
        "proposed_by": selectors.who(user, version.proposed_by_id),
        "proposed_at": version.proposed_at,
        "accepted_by": selectors.who(user, version.accepted_by_id),
        "accepted_at": version.accepted_at,
        "closed_at": version.closed_at,
    }


def _section(user: User, state: selectors.SectionState) -> dict[str, Any]:
    entry = state.section
    return {
        "id": entry.id,
        "title": str(entry.title),
        "prompt": str(entry.prompt),
        "starters": [str(starter) for starter in entry.starters],
        "draft": _draft(state.draft),
        "current": _version(user, state.current),
        "pending": _version(user, state.pending),
        "head": state.head.id if state.head is not None else None,
    }


def _known_section(section_id: str) -> str:
    if section(section_id) is None:
        raise Http404
    return section_id


def _couple_for(user: User) -> Couple:
    """The caller's active couple, once the safety lock lets couple actions run."""
    overview = selectors.overview(user)
    if overview.couple is None:
        raise ApiError(
            403,
            "not_paired",
            _("This needs partner mode: pair with your partner first. Drafts work alone."),
        )
    if overview.locked:
        raise ApiError(
            403,
            "safety_lock",
            _(
                "Agreements with your partner are switched off, because of what you told us "
                "about safety or a boundary between you. Your own drafts stay open."
            ),
        )
    return overview.couple


def _invalid(exc: AgreementInputError) -> ApiError:
    return ApiError(422, "invalid", f"{exc.field}: {exc.message}", field=exc.field)


def _conflict() -> ApiError:
    return ApiError(
        409,
        "conflict",
        _(
            "This section changed since you last loaded it. Nothing was saved: read the newest "
            "version, then propose again based on it."
        ),
    )


def _version_id(version_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(version_id)
    except ValueError:
        raise Http404 from None


# -- reading ---------------------------------------------------------------------------


@router.get("", response=OverviewOut)
def get_agreements(request: HttpRequest) -> dict[str, Any]:
    """Every section with your draft, and with a partner the agreement as it stands and
    any proposal waiting for an answer."""
    user = acting_user(request)
    overview = selectors.overview(user)
    return {
        "mode": overview.mode,
        "locked": overview.locked,
        "review_on": overview.review.review_on if overview.review is not None else None,
        "sections": [_section(user, state) for state in overview.sections],
    }


@router.get("/{section_id}/history", response=list[VersionOut])
def get_history(request: HttpRequest, section_id: str) -> list[dict[str, Any] | None]:
    """Every version of a section with your partner, newest first (empty when solo)."""
    user = acting_user(request)
    versions = selectors.history(user, _known_section(section_id))
    return [_version(user, version) for version in versions]


# -- solo drafts (always open) ---------------------------------------------------------


@router.put("/{section_id}/draft", response=DraftOut)
def put_draft(request: HttpRequest, section_id: str, payload: DraftIn) -> dict[str, Any] | None:
    """Your own side of a section, to bring to a conversation. Only you can read it."""
    user = acting_user(request)
    try:
        draft = services.save_draft(
            user=user, section_id=_known_section(section_id), text=payload.text
        )
    except AgreementInputError as exc:
        raise _invalid(exc) from None
    return _draft(draft)


@router.delete("/{section_id}/draft", response={204: None})
def delete_draft(request: HttpRequest, section_id: str) -> Status[None]:
    user = acting_user(request)
    if not services.delete_draft(user=user, section_id=_known_section(section_id)):
        raise Http404
    return Status(204, None)


# -- with a partner --------------------------------------------------------------------


@router.post("/{section_id}/proposals", response={201: VersionOut})
def propose(
    request: HttpRequest, section_id: str, payload: ProposalIn
) -> Status[dict[str, Any] | None]:
    """A new version of a section for your partner to accept (409 if the section changed
    since ``based_on``)."""
    user = acting_user(request)
    known = _known_section(section_id)
    couple = _couple_for(user)
    try:
        version = services.propose(
            user=user, couple=couple, section_id=known, text=payload.text, based_on=payload.based_on
        )
    except AgreementInputError as exc:
        raise _invalid(exc) from None
    except AgreementConflict:
        raise _conflict() from None
    return Status(201, _version(user, version))


def _answer(request: HttpRequest, version_id: str, action: Any) -> dict[str, Any] | None:
    user = acting_user(request)
    key = _version_id(version_id)
    couple = _couple_for(user)
    try:
        version = action(user=user, couple=couple, version_id=key)
    except LookupError:
        raise Http404 from None
    except AgreementConflict:
        raise _conflict() from None
    except AgreementRefused as exc:
        raise ApiError(403, exc.code, exc.message) from None
    return _version(user, version)


@router.post("/versions/{version_id}/accept", response=VersionOut)
def accept(request: HttpRequest, version_id: str) -> dict[str, Any] | None:
    """Accept your partner's proposal: it becomes the section's agreement."""
    return _answer(request, version_id, services.accept)


@router.post("/versions/{version_id}/withdraw", response=VersionOut)
def withdraw(request: HttpRequest, version_id: str) -> dict[str, Any] | None:
    """Take back your own proposal before it is accepted; it stays in the history."""
    return _answer(request, version_id, services.withdraw)


@router.put("/review", response=ReviewOut)
def put_review(request: HttpRequest, payload: ReviewIn) -> dict[str, Any]:
    """The day to look at the agreement again together (null clears it). Both of you get
    a reminder that morning."""
    user = acting_user(request)
    couple = _couple_for(user)
    try:
        review = services.set_review(user=user, couple=couple, review_on=payload.review_on)
    except AgreementInputError as exc:
        raise _invalid(exc) from None
    return {"review_on": review.review_on if review is not None else None}
