"""Wrapped data keys (anything that owns encrypted text points at one), rate-limit counters
and the tables of the PostgreSQL job queue."""

from __future__ import annotations

import uuid

from django.db import models

from heartwork.core import pgqueue


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


# The background queue's tables for HEARTWORK_QUEUE=postgres (heartwork.core.pgqueue reads
# and writes them with SQL of its own; these models only give them a migration). Created on
# SQLite too, where they stay empty: the queue there is a file in the data dir.


class QueuedJob(models.Model):
    """A task waiting for a worker: huey's serialized task, taken by exactly one consumer."""

    queue = models.CharField(max_length=100)
    data = models.BinaryField()
    priority = models.FloatField(default=0.0)

    class Meta:
        db_table = pgqueue.JOB_TABLE
        indexes = (models.Index(fields=("queue", "-priority", "id"), name="queue_job_next"),)

    def __str__(self) -> str:
        return f"job {self.pk} in {self.queue}"


class ScheduledJob(models.Model):
    """A task to queue at ``run_at`` (a retry with a delay, or one scheduled ahead)."""

    queue = models.CharField(max_length=100)
    data = models.BinaryField()
    run_at = models.DateTimeField()

    class Meta:
        db_table = pgqueue.SCHEDULE_TABLE
        indexes = (models.Index(fields=("queue", "run_at"), name="queue_schedule_due"),)

    def __str__(self) -> str:
        return f"job {self.pk} in {self.queue} at {self.run_at:%Y-%m-%d %H:%M}"


class QueueValue(models.Model):
    """huey's key/value store: task results, task locks, revocations."""

    queue = models.CharField(max_length=100)
    key = models.TextField()
    value = models.BinaryField()

    class Meta:
        db_table = pgqueue.VALUE_TABLE
        constraints = (models.UniqueConstraint(fields=("queue", "key"), name="queue_value_key"),)

    def __str__(self) -> str:
        return f"{self.key} in {self.queue}"


class QueueCounter(models.Model):
    """A named counter huey increments atomically (members of a chord that finished)."""

    queue = models.CharField(max_length=100)
    key = models.TextField()
    value = models.BigIntegerField(default=0)

    class Meta:
        db_table = pgqueue.COUNTER_TABLE
        constraints = (models.UniqueConstraint(fields=("queue", "key"), name="queue_counter_key"),)

    def __str__(self) -> str:
        return f"{self.key} in {self.queue}: {self.value}"
