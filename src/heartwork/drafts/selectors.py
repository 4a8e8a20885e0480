"""Reads of saved drafts. Every function takes the acting user, so nobody reads another's."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from heartwork.accounts.models import User
from heartwork.drafts.models import Draft


def drafts_of(user: User) -> QuerySet[Draft]:
    """Most recently changed first; the owner and data key come along for decryption."""
    return Draft.objects.filter(user=user).select_related("user__data_key")


def draft_of(user: User, draft_id: uuid.UUID | str) -> Draft | None:
    try:
        key = uuid.UUID(str(draft_id))
    except ValueError:
        return None
    return drafts_of(user).filter(pk=key).first()
