"""Reads of the journal. Every function takes the acting user, so nobody reads another's."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from heartwork.accounts.models import User
from heartwork.journal.models import Entry


def entries_of(user: User) -> QuerySet[Entry]:
    # The owner and data key come along, so decrypting a page costs no extra queries.
    return Entry.objects.filter(user=user).select_related("user__data_key")


def entry_of(user: User, entry_id: uuid.UUID | str) -> Entry | None:
    try:
        key = uuid.UUID(str(entry_id))
    except ValueError:
        return None
    return entries_of(user).filter(pk=key).first()
