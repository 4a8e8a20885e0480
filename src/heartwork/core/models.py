"""Wrapped data keys. Anything that owns encrypted text (a user, later a couple) points at one."""

from __future__ import annotations

import uuid

from django.db import models


class DataKey(models.Model):
    """A random AES-256 key, stored only wrapped (encrypted) by a master key.

    Deleting this row makes every value encrypted under it unreadable, in the
    live database and in every old backup: that is how "delete" reaches backups.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kek_id = models.CharField(max_length=32, editable=False)
    wrapped = models.BinaryField(editable=False)
    version = models.PositiveSmallIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"data key {self.id} (wrapped by {self.kek_id})"


class RateCounter(models.Model):
    """How many requests one client made in one window of one rate limit.

    Written only by heartwork.core.ratelimit. The key is a keyed hash of the limit, the
    client (an address or an account id) and the window, so no address or account is
    stored; rows past ``expires_at`` are swept when a new window opens.
    """

    key = models.CharField(primary_key=True, max_length=64, editable=False)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"rate counter until {self.expires_at:%Y-%m-%d %H:%M}"
