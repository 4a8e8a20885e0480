"""Partner mode's share of "export everything" (heartwork.privacy.sections).

The archive holds the person's own side only: each pairing (when, and who invited whom),
their invites (dates only: never a code), the answers *they* wrote to shared exercises and
the confirmations *they* gave. Never the partner's answers or anything of the partner's.

Import restores nothing of it: a pairing needs both people to agree again, and shared
answers belong to a couple that no longer exists on the new instance. The data stays in
the archive for the person to read. Deleting the account deletes every couple the person
was in (the database cascades), with each couple's data key (heartwork.couples.models), so
what was shared becomes unreadable for the partner and in old backups too.
"""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from heartwork.accounts.models import User
from heartwork.couples.models import Confirmation, Couple, Invite, SharedAnswer
from heartwork.privacy.rows import ArchiveError
from heartwork.privacy.sections import Section

KEYS = ("couples", "invites", "answers", "confirmations")


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def export(user: User) -> dict[str, Any]:
    couples = Couple.objects.filter(Q(user_a=user) | Q(user_b=user)).order_by("paired_at")
    answers = SharedAnswer.objects.filter(user=user).select_related("couple__data_key")
    given = Confirmation.objects.filter(confirmer=user).select_related("couple__data_key")
    return {
        "couples": [
            {
                "id": str(c.id),
                "invited_by_me": c.user_a_id == user.pk,
                "paired_at": _when(c.paired_at),
                "ended_at": _when(c.ended_at),
            }
            for c in couples
        ],
        "invites": [
            {
                "created_at": _when(i.created_at),
                "expires_at": _when(i.expires_at),
                "used_at": _when(i.used_at),
                "revoked_at": _when(i.revoked_at),
            }
            for i in Invite.objects.filter(inviter=user).order_by("created_at")
        ],
        "answers": [
            {
                "couple_id": str(a.couple_id),
                "exercise": a.exercise,
                "round": a.round,
                "answers": json.loads(a.answers),
                "created_at": _when(a.created_at),
                "updated_at": _when(a.updated_at),
            }
            for a in answers.order_by("created_at", "id")
        ],
        "confirmations": [
            {
                "couple_id": str(c.couple_id),
                "entry_id": str(c.entry_id),
                "verdict": c.verdict,
                "note": c.note,
                "updated_at": _when(c.updated_at),
            }
            for c in given.order_by("created_at", "id")
        ],
    }


def restore(user: User, data: Any) -> None:
    # Checked for shape so a damaged archive is reported, but never written back (above).
    if not isinstance(data, dict) or any(not isinstance(data.get(key), list) for key in KEYS):
        raise ArchiveError("partner: expected lists of couples, invites, answers, confirmations")


SECTION = Section(
    name="partner",
    title=_("Partner mode"),
    models=(Couple, Invite, SharedAnswer, Confirmation),
    export=export,
    restore=restore,
)
