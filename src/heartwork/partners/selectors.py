"""Reads of partners. Every function takes the acting user."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from heartwork.accounts.models import User
from heartwork.partners.models import Partner


def partners_of(user: User) -> QuerySet[Partner]:
    return Partner.objects.filter(user=user).select_related("user__data_key")


def partner_of(user: User, partner_id: uuid.UUID | str) -> Partner | None:
    try:
        key = uuid.UUID(str(partner_id))
    except ValueError:
        return None
    return partners_of(user).filter(pk=key).first()


def current_partner(user: User) -> Partner | None:
    """The relationship the user is working on now: the newest one not ended."""
    return partners_of(user).filter(ended_at__isnull=True).first()
