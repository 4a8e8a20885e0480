"""Reads for accounts. Token lookups go by digest; raw tokens are never queried."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from heartwork.accounts.models import ApiToken, User
from heartwork.accounts.services import TOKEN_PREFIX, token_digest
from heartwork.core.timezones import zone


def token_for(raw: str) -> ApiToken | None:
    """The live token matching ``raw``, with its user and data key loaded."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    return (
        ApiToken.objects.select_related("user", "user__data_key")
        .filter(digest=token_digest(raw), expires_at__gt=timezone.now(), user__is_active=True)
        .first()
    )


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def zone_of(user: User) -> ZoneInfo:
    """The person's time zone: theirs if set, else the server's (settings.TIME_ZONE)."""
    return zone(user.time_zone, settings.TIME_ZONE)
