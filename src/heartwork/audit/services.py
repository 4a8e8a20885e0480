"""The audit log's writes: ``record`` for every app, ``prune`` for the operator's retention."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone

from heartwork.audit import RETENTION_DAYS
from heartwork.audit.models import KINDS, AuditEvent


def _channel(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return "api" if request.path.startswith("/api/") else "web"


def record(*, kind: str, user_id: uuid.UUID | None, request: HttpRequest | None = None) -> None:
    """Add one event. Only the kind, the time, the account id and web/api/none are kept.

    ``request`` is read for its path alone: addresses, agents and bodies are personal data
    (and, for someone hiding from a partner, possibly where they are), so none is stored.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown audit event kind {kind!r}")
    AuditEvent.objects.create(kind=kind, user_id=user_id, channel=_channel(request))


def prune(*, older_than_days: int = RETENTION_DAYS) -> int:
    """Remove events older than the given number of days; returns how many went."""
    if older_than_days < 1:
        raise ValueError("older_than_days must be 1 or more")
    cutoff = timezone.now() - timedelta(days=older_than_days)
    return AuditEvent.objects.prune_before(cutoff)
