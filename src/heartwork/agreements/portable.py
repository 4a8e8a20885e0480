"""The agreements builder's share of "export everything" (heartwork.privacy.sections).

The archive holds the person's own side: their solo drafts (restored on import), the words
*they* proposed to a partner, and for each version they accepted, which one and when
(not the partner's words). Review dates of their couples are plain dates.

Import restores the drafts only: versions belong to a couple, which needs both people to
pair again on the new instance. Deleting the account deletes the drafts (CASCADE) and
every couple the person was in, with the couple's data key, so the shared versions become
unreadable everywhere (heartwork.couples.models).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from heartwork.accounts.models import User
from heartwork.agreements.models import (
    AgreementReview,
    AgreementSection,
    AgreementVersion,
    SoloDraft,
)
from heartwork.privacy.rows import ArchiveError, Table, export_rows, restore_rows
from heartwork.privacy.sections import Section

DRAFTS = Table("drafts", SoloDraft)
KEYS = ("drafts", "proposed", "accepted", "reviews")


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def export(user: User) -> dict[str, Any]:
    proposed = AgreementVersion.objects.filter(proposed_by=user).select_related(
        "couple__data_key", "part"
    )
    accepted = AgreementVersion.objects.filter(accepted_by=user).select_related("part")
    reviews = AgreementReview.objects.filter(Q(couple__user_a=user) | Q(couple__user_b=user))
    return {
        "drafts": export_rows(DRAFTS, user),
        "proposed": [
            {
                "id": str(v.id),
                "couple_id": str(v.couple_id),
                "section": v.part.section,
                "number": v.number,
                "text": v.text,
                "status": v.status,
                "proposed_at": _when(v.proposed_at),
                "closed_at": _when(v.closed_at),
            }
            for v in proposed.order_by("proposed_at", "id")
        ],
        "accepted": [
            {
                "id": str(v.id),
                "couple_id": str(v.couple_id),
                "section": v.part.section,
                "number": v.number,
                "accepted_at": _when(v.accepted_at),
            }
            for v in accepted.order_by("accepted_at", "id")
        ],
        "reviews": [
            {"couple_id": str(r.couple_id), "review_on": r.review_on.isoformat()}
            for r in reviews.order_by("review_on")
        ],
    }


def restore(user: User, data: Any) -> None:
    if not isinstance(data, dict) or set(data) != set(KEYS):
        raise ArchiveError(f"agreements: expected the keys {sorted(KEYS)}")
    if any(not isinstance(data[key], list) for key in KEYS):
        raise ArchiveError("agreements: expected lists of drafts, proposed, accepted, reviews")
    restore_rows(DRAFTS, user, data["drafts"], "agreements")


SECTION = Section(
    name="agreements",
    title=_("Agreements"),
    models=(SoloDraft, AgreementSection, AgreementVersion, AgreementReview),
    export=export,
    restore=restore,
)
