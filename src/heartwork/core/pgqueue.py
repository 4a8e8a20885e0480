"""The background queue kept in the app's own PostgreSQL database (HEARTWORK_QUEUE=postgres).

With it, several web processes and a worker on other machines share one queue with no Redis:
they already share the database. Four tables, created by the core app's migrations like any
other (``heartwork serve`` migrates), hold what huey's storage API asks for: the queue, the
schedule of delayed tasks, the key/value store (results, locks, revocations) and counters.

Queries go through Django's connection for the configured database, not a psycopg connection
of our own, because:

- it is the same database with the same credentials, options and (in tests) the same test
  database, with no second set of connection settings to keep in step;
- a process keeps one connection per thread, the one it already has, instead of one more;
- a job queued inside a transaction (a request's ``atomic`` block) appears only when that
  transaction commits and vanishes with a rollback: a worker never runs a job for work that
  was never saved.

What that costs: a Django connection cannot sit waiting on LISTEN between queries, so the
consumer polls (``blocking = False``; idle, huey backs off to one look every ten seconds).
The queue only carries "sweep now" ticks, once a minute, so polling is plenty.

Several consumers are safe: taking a job is one ``DELETE ... WHERE id = (SELECT ... FOR
UPDATE SKIP LOCKED) RETURNING``, so each job goes to exactly one of them and none waits on
another's lock. Reading due scheduled tasks works the same way.

huey 3.5 ships a ``PostgresStorage`` too. It opens psycopg connections of its own from a DSN
and issues its own CREATE TABLE statements, outside the migrations; it does wake idle
consumers with LISTEN/NOTIFY, which this one gives up for the reasons above.

This module imports no models (huey's Django integration builds the queue while the app
registry is still loading): the table names below are shared with heartwork.core.models.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.utils import CursorWrapper
from huey import Huey  # type: ignore[import-untyped]
from huey.constants import EmptyData  # type: ignore[import-untyped]
from huey.storage import BaseStorage  # type: ignore[import-untyped]

JOB_TABLE = "heartwork_queue_job"
SCHEDULE_TABLE = "heartwork_queue_schedule"
VALUE_TABLE = "heartwork_queue_value"
COUNTER_TABLE = "heartwork_queue_counter"

# `LIMIT NULL` is "no limit" in PostgreSQL, so one query serves both cases.
_TAKE_NEXT_JOB = f"""
    DELETE FROM {JOB_TABLE} WHERE id = (
        SELECT id FROM {JOB_TABLE} WHERE queue = %s
        ORDER BY priority DESC, id LIMIT 1
        FOR UPDATE SKIP LOCKED
    ) RETURNING data
"""  # noqa: S608 (table names are constants, values are parameters)
_TAKE_DUE = f"""
    DELETE FROM {SCHEDULE_TABLE} WHERE id IN (
        SELECT id FROM {SCHEDULE_TABLE} WHERE queue = %s AND run_at <= %s
        FOR UPDATE SKIP LOCKED
    ) RETURNING run_at, id, data
"""  # noqa: S608


def _text_key(key: str | bytes) -> str:
    """huey passes keys as text or bytes; the table stores text."""
    return key.decode() if isinstance(key, bytes) else key


def _utc(moment: datetime) -> datetime:
    """huey hands the schedule naive datetimes in UTC (settings.HUEY has utc=True)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


class DatabaseStorage(BaseStorage):  # type: ignore[misc]
    """huey's storage API on the PostgreSQL tables above; ``name`` separates queues."""

    blocking = False  # dequeue() returns at once; the consumer polls with back-off
    priority = True

    def __init__(self, name: str = "huey", alias: str = DEFAULT_DB_ALIAS) -> None:
        super().__init__(name)
        self.alias = alias

    @contextmanager
    def _cursor(self) -> Iterator[CursorWrapper]:
        connection = connections[self.alias]
        if connection.errors_occurred and not connection.in_atomic_block:
            # A query failed since the last one (say the server restarted): a consumer
            # thread lives for days, so drop a broken connection here and reconnect,
            # instead of failing on it forever.
            connection.close_if_unusable_or_obsolete()
        with connection.cursor() as cursor:
            yield cursor

    def _run(self, sql: str, params: Iterable[Any]) -> int:
        with self._cursor() as cursor:
            cursor.execute(sql, list(params))
            return int(cursor.rowcount)

    def _rows(self, sql: str, params: Iterable[Any]) -> list[tuple[Any, ...]]:
        with self._cursor() as cursor:
            cursor.execute(sql, list(params))
            return list(cursor.fetchall())

    def _count(self, table: str) -> int:
        rows = self._rows(f"SELECT count(*) FROM {table} WHERE queue = %s", [self.name])  # noqa: S608
        return int(rows[0][0])

    def close(self) -> bool:
        """Close this thread's connection (the consumer calls this when it stops)."""
        connection = connections[self.alias]
        if connection.in_atomic_block:
            return False
        connection.close()
        return True

    # The queue: highest priority first, then first in, first out.

    def enqueue(self, data: bytes, priority: float | None = None) -> None:
        self._run(
            f"INSERT INTO {JOB_TABLE} (queue, data, priority) VALUES (%s, %s, %s)",  # noqa: S608
            [self.name, bytes(data), priority or 0.0],
        )

    def dequeue(self) -> bytes | None:
        rows = self._rows(_TAKE_NEXT_JOB, [self.name])
        return bytes(rows[0][0]) if rows else None

    def queue_size(self) -> int:
        return self._count(JOB_TABLE)

    def enqueued_items(self, limit: int | None = None) -> list[bytes]:
        rows = self._rows(
            f"SELECT data FROM {JOB_TABLE} WHERE queue = %s "  # noqa: S608
            "ORDER BY priority DESC, id LIMIT %s",
            [self.name, limit],
        )
        return [bytes(data) for (data,) in rows]

    def flush_queue(self) -> None:
        self._run(f"DELETE FROM {JOB_TABLE} WHERE queue = %s", [self.name])  # noqa: S608

    # The schedule: tasks to queue at (or after) a moment.

    def add_to_schedule(self, data: bytes, ts: datetime) -> None:
        self._run(
            f"INSERT INTO {SCHEDULE_TABLE} (queue, data, run_at) VALUES (%s, %s, %s)",  # noqa: S608
            [self.name, bytes(data), _utc(ts)],
        )

    def read_schedule(self, ts: datetime) -> list[bytes]:
        """Take every task due by ``ts``, soonest first; another scheduler gets none of them."""
        rows = self._rows(_TAKE_DUE, [self.name, _utc(ts)])
        return [bytes(data) for _, _, data in sorted(rows, key=lambda row: (row[0], row[1]))]

    def schedule_size(self) -> int:
        return self._count(SCHEDULE_TABLE)

    def scheduled_items(self, limit: int | None = None) -> list[bytes]:
        rows = self._rows(
            f"SELECT data FROM {SCHEDULE_TABLE} WHERE queue = %s "  # noqa: S608
            "ORDER BY run_at, id LIMIT %s",
            [self.name, limit],
        )
        return [bytes(data) for (data,) in rows]

    def flush_schedule(self) -> None:
        self._run(f"DELETE FROM {SCHEDULE_TABLE} WHERE queue = %s", [self.name])  # noqa: S608

    # Key/value data: task results, locks, revocations.

    def put_data(self, key: str | bytes, value: bytes, is_result: bool = False) -> None:
        self._run(
            f"INSERT INTO {VALUE_TABLE} (queue, key, value) VALUES (%s, %s, %s) "  # noqa: S608
            "ON CONFLICT (queue, key) DO UPDATE SET value = EXCLUDED.value",
            [self.name, _text_key(key), bytes(value)],
        )

    def peek_data(self, key: str | bytes) -> Any:
        rows = self._rows(
            f"SELECT value FROM {VALUE_TABLE} WHERE queue = %s AND key = %s",  # noqa: S608
            [self.name, _text_key(key)],
        )
        return bytes(rows[0][0]) if rows else EmptyData

    def peek_many(self, keys: Iterable[str | bytes]) -> dict[str, bytes]:
        rows = self._rows(
            f"SELECT key, value FROM {VALUE_TABLE} WHERE queue = %s AND key = ANY(%s)",  # noqa: S608
            [self.name, [_text_key(key) for key in keys]],
        )
        return {key: bytes(value) for key, value in rows}

    def pop_data(self, key: str | bytes) -> Any:
        rows = self._rows(
            f"DELETE FROM {VALUE_TABLE} WHERE queue = %s AND key = %s RETURNING value",  # noqa: S608
            [self.name, _text_key(key)],
        )
        return bytes(rows[0][0]) if rows else EmptyData

    def has_data_for_key(self, key: str | bytes) -> bool:
        rows = self._rows(
            f"SELECT 1 FROM {VALUE_TABLE} WHERE queue = %s AND key = %s",  # noqa: S608
            [self.name, _text_key(key)],
        )
        return bool(rows)

    def put_if_empty(self, key: str | bytes, value: bytes, ttl: int | None = None) -> bool:
        """Set the key only if it is unset, atomically: what huey's task locks rely on."""
        if ttl is not None:
            raise NotImplementedError("this storage keeps no expiry times")
        written = self._run(
            f"INSERT INTO {VALUE_TABLE} (queue, key, value) VALUES (%s, %s, %s) "  # noqa: S608
            "ON CONFLICT (queue, key) DO NOTHING",
            [self.name, _text_key(key), bytes(value)],
        )
        return written == 1

    def result_store_size(self) -> int:
        return self._count(VALUE_TABLE)

    def result_items(self) -> dict[str, bytes]:
        rows = self._rows(
            f"SELECT key, value FROM {VALUE_TABLE} WHERE queue = %s",  # noqa: S608
            [self.name],
        )
        return {key: bytes(value) for key, value in rows}

    def flush_results(self) -> None:
        self._run(f"DELETE FROM {VALUE_TABLE} WHERE queue = %s", [self.name])  # noqa: S608

    # Counters (huey's chords count finished members with these).

    def incr(self, key: str | bytes, amount: int = 1) -> int:
        rows = self._rows(
            f"INSERT INTO {COUNTER_TABLE} AS counter (queue, key, value) "  # noqa: S608
            "VALUES (%s, %s, %s) ON CONFLICT (queue, key) "
            "DO UPDATE SET value = counter.value + EXCLUDED.value RETURNING value",
            [self.name, _text_key(key), amount],
        )
        return int(rows[0][0])

    def delete_counter(self, key: str | bytes) -> None:
        self._run(
            f"DELETE FROM {COUNTER_TABLE} WHERE queue = %s AND key = %s",  # noqa: S608
            [self.name, _text_key(key)],
        )

    def flush_counters(self) -> None:
        self._run(f"DELETE FROM {COUNTER_TABLE} WHERE queue = %s", [self.name])  # noqa: S608


class PostgresHuey(Huey):  # type: ignore[misc]
    """The huey class settings.HUEY names for HEARTWORK_QUEUE=postgres."""

    storage_class = DatabaseStorage
