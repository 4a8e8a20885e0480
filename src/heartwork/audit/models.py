"""The audit log's one table. Rows are added, read, and removed only by age (retention).

``user_id`` is a plain UUID, not a foreign key: the record of an account being deleted
has to outlive the account. It is never joined to an email in the admin, so the log on
its own says "account 3f2a... logged in", and nothing about who that is once it is gone.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, NoReturn

from django.db import models
from django.utils import timezone

KINDS = (
    "login",
    "login_failed",
    "logout",
    "export",
    "import",
    "delete_account",
    "pair",
    "unpair",
    "invite_created",
    "invite_revoked",
    "key_rotated",
    "backup",
    "restore",
)
# Where an event came from. Blank: not from a web request (the CLI or a background job).
CHANNELS = ("web", "api", "")


class AppendOnlyError(Exception):
    """Someone tried to change or delete an audit event other than by retention."""


def _refuse(what: str) -> NoReturn:
    raise AppendOnlyError(f"audit events are append-only: {what} is not allowed")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        _refuse("update")

    def delete(self) -> NoReturn:
        _refuse("delete")

    def prune_before(self, cutoff: datetime) -> int:
        """Remove events older than ``cutoff``: the one way rows leave (retention)."""
        old = self.filter(at__lt=cutoff)
        # Bypass our own delete() on purpose: age is the only condition allowed here.
        deleted, _ = models.QuerySet.delete(old)
        return deleted


class AuditEvent(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=[(kind, kind) for kind in KINDS])
    at = models.DateTimeField(default=timezone.now, db_index=True)
    user_id = models.UUIDField(null=True, blank=True, db_index=True)
    channel = models.CharField(
        max_length=3, blank=True, choices=[(c, c or "none") for c in CHANNELS]
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ("-at", "id")
        verbose_name = "audit event"

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M:%S}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse("changing an event")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse("deleting an event")
