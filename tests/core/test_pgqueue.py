"""The PostgreSQL job queue (HEARTWORK_QUEUE=postgres): huey's storage on the app's database.

Every test here needs PostgreSQL (``FOR UPDATE SKIP LOCKED``); on SQLite they skip. Each test
uses a queue name of its own, so they never see each other's jobs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import pytest
from django.db import connection, connections, transaction
from huey.exceptions import TaskLockedException  # type: ignore[import-untyped]

from heartwork.core.pgqueue import DatabaseStorage, PostgresHuey

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the job queue in the database is PostgreSQL only"
)

T = TypeVar("T")
NOON = datetime(2026, 6, 10, 12, 0)  # naive, in UTC, as huey hands them over


def in_another_connection(work: Callable[[], T]) -> T:
    """Run ``work`` in a thread, so on a database connection of its own, and return its result."""
    results: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(work())
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()  # or the test database cannot be dropped

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive(), "the other connection waited on a lock"
    if errors:
        raise errors[0]
    return results[0]


@pytest.mark.django_db
def test_jobs_come_out_first_in_first_out_and_only_once() -> None:
    queue = DatabaseStorage("fifo")
    for data in (b"one", b"two", b"three"):
        queue.enqueue(data)
    assert queue.queue_size() == 3
    assert queue.enqueued_items() == [b"one", b"two", b"three"]
    assert queue.enqueued_items(limit=2) == [b"one", b"two"]
    assert [queue.dequeue() for _ in range(4)] == [b"one", b"two", b"three", None]
    assert queue.queue_size() == 0


@pytest.mark.django_db
def test_a_higher_priority_job_jumps_the_queue() -> None:
    queue = DatabaseStorage("priority")
    queue.enqueue(b"routine")
    queue.enqueue(b"urgent", priority=10)
    queue.enqueue(b"later", priority=-1)
    assert [queue.dequeue() for _ in range(3)] == [b"urgent", b"routine", b"later"]


@pytest.mark.django_db
def test_queues_with_different_names_never_see_each_others_jobs() -> None:
    ours, theirs = DatabaseStorage("ours"), DatabaseStorage("theirs")
    ours.enqueue(b"mine")
    theirs.enqueue(b"yours")
    ours.flush_queue()
    assert ours.dequeue() is None
    assert theirs.dequeue() == b"yours"


@pytest.mark.django_db
def test_the_schedule_hands_over_only_what_is_due_soonest_first_and_only_once() -> None:
    queue = DatabaseStorage("schedule")
    queue.add_to_schedule(b"in an hour", NOON + timedelta(hours=1))
    queue.add_to_schedule(b"at noon", NOON)
    queue.add_to_schedule(b"a minute ago", NOON - timedelta(minutes=1))
    queue.add_to_schedule(b"aware, at noon", NOON.replace(tzinfo=UTC) + timedelta(seconds=1))
    assert queue.schedule_size() == 4
    assert queue.scheduled_items(limit=1) == [b"a minute ago"]

    due = queue.read_schedule(NOON + timedelta(seconds=1))
    assert due == [b"a minute ago", b"at noon", b"aware, at noon"]
    assert queue.read_schedule(NOON + timedelta(seconds=1)) == []
    assert queue.scheduled_items() == [b"in an hour"]
    queue.flush_schedule()
    assert queue.schedule_size() == 0


@pytest.mark.django_db
def test_results_are_kept_read_and_taken() -> None:
    queue = DatabaseStorage("results")
    assert queue.peek_data("r:1") is queue.pop_data("r:1")  # both EmptyData
    queue.put_data("r:1", b"first")
    queue.put_data(b"r:1", b"second")  # bytes and text are the same key; the last write wins
    queue.put_data("r:2", b"other")
    assert queue.has_data_for_key("r:1")
    assert queue.peek_data("r:1") == b"second"
    assert queue.peek_many(["r:1", "r:2", "r:3"]) == {"r:1": b"second", "r:2": b"other"}
    assert queue.result_store_size() == 2
    assert queue.result_items() == {"r:1": b"second", "r:2": b"other"}
    assert queue.pop_data("r:1") == b"second"
    assert not queue.has_data_for_key("r:1")
    assert queue.delete_data("r:2")
    assert not queue.delete_data("r:2")
    queue.put_data("r:3", b"x")
    queue.flush_results()
    assert queue.result_store_size() == 0


@pytest.mark.django_db
def test_put_if_empty_writes_only_the_first_time() -> None:
    queue = DatabaseStorage("locks")
    assert queue.put_if_empty("lock", b"1")
    assert not queue.put_if_empty("lock", b"2")
    assert queue.peek_data("lock") == b"1"
    with pytest.raises(NotImplementedError):
        queue.put_if_empty("other", b"1", ttl=30)


@pytest.mark.django_db
def test_counters_count_up_and_can_be_cleared() -> None:
    queue = DatabaseStorage("counters")
    assert [queue.incr("chord"), queue.incr("chord"), queue.incr("chord", 3)] == [1, 2, 5]
    queue.delete_counter("chord")
    assert queue.incr("chord") == 1
    queue.flush_counters()
    assert queue.incr("chord") == 1


@pytest.mark.django_db
def test_huey_runs_a_task_through_the_database_and_keeps_its_result() -> None:
    huey = PostgresHuey("round-trip", utc=True)

    @huey.task()  # type: ignore[untyped-decorator]
    def add(a: int, b: int) -> int:
        return a + b

    result = add(2, 3)
    assert huey.pending_count() == 1
    huey.execute(huey.dequeue())
    assert result.get() == 5
    assert huey.pending_count() == 0

    # A task for later goes through the queue, then waits in the schedule (what a consumer
    # does with it) until it is due.
    later = add.schedule((1, 1), delay=60)
    waiting = huey.dequeue()
    assert not huey.ready_to_run(waiting)
    huey.add_schedule(waiting)
    assert huey.scheduled_count() == 1
    assert huey.read_schedule(datetime.now(UTC).replace(tzinfo=None)) == []
    in_an_hour = datetime.now(UTC).replace(tzinfo=None) + timedelta(hours=1)
    for task in huey.read_schedule(in_an_hour):
        huey.execute(task, in_an_hour)
    assert later.get() == 2
    assert huey.scheduled_count() == 0


@pytest.mark.django_db
def test_a_task_lock_is_held_by_one_holder_at_a_time() -> None:
    huey = PostgresHuey("task-locks", utc=True)
    with huey.lock_task("sweep"), pytest.raises(TaskLockedException):  # noqa: SIM117
        with huey.lock_task("sweep"):
            pass
    with huey.lock_task("sweep"):  # released when the first holder finished
        pass


@pytest.mark.django_db(transaction=True)
def test_a_job_queued_in_a_transaction_that_rolls_back_never_runs() -> None:
    queue = DatabaseStorage("rolled-back")
    with pytest.raises(RuntimeError), transaction.atomic():
        queue.enqueue(b"sweep")
        raise RuntimeError("the request failed after asking for a sweep")
    assert queue.dequeue() is None


@pytest.mark.django_db(transaction=True)
def test_a_job_one_consumer_is_taking_is_skipped_by_another_without_waiting() -> None:
    queue = DatabaseStorage("skip-locked")
    queue.enqueue(b"first")
    queue.enqueue(b"second")
    with transaction.atomic():
        assert queue.dequeue() == b"first"  # taken, not yet committed: still locked
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")  # the lock is held while the other one looks
        assert in_another_connection(queue.dequeue) == b"second"
        assert in_another_connection(queue.dequeue) is None
    assert queue.dequeue() is None  # the first one's delete committed


@pytest.mark.django_db(transaction=True)
def test_several_consumers_at_once_take_every_job_exactly_once() -> None:
    queue = DatabaseStorage("many-consumers")
    sent = [f"job {n}".encode() for n in range(120)]
    for data in sent:
        queue.enqueue(data)
    start = threading.Barrier(4)
    taken: list[list[bytes]] = [[] for _ in range(4)]

    def consume(mine: list[bytes]) -> None:
        try:
            start.wait(timeout=10)
            while (data := queue.dequeue()) is not None:
                mine.append(data)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=consume, args=(mine,)) for mine in taken]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    everything = [data for mine in taken for data in mine]
    assert len(everything) == len(set(everything))  # nobody got a job twice
    assert sorted(everything) == sorted(sent)  # and none was lost
    assert queue.queue_size() == 0


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_reading_at_once_queue_each_scheduled_task_once() -> None:
    queue = DatabaseStorage("two-schedulers")
    planned = [f"task {n}".encode() for n in range(60)]
    for n, data in enumerate(planned):
        queue.add_to_schedule(data, NOON - timedelta(seconds=n))
    start = threading.Barrier(2)
    read: list[list[bytes]] = [[], []]

    def scheduler(mine: list[bytes]) -> None:
        try:
            start.wait(timeout=10)
            mine.extend(queue.read_schedule(NOON))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=scheduler, args=(mine,)) for mine in read]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(read[0] + read[1]) == sorted(planned)
    assert queue.schedule_size() == 0


@pytest.mark.django_db(transaction=True)
def test_a_consumer_whose_connection_broke_reconnects_on_the_next_call() -> None:
    queue = DatabaseStorage("reconnect")
    queue.enqueue(b"after the restart")
    # What a database restart looks like from here: the server ends this session.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    in_another_connection(lambda: _terminate(pid))
    with pytest.raises(Exception):  # noqa: B017 (psycopg's or Django's, by version)
        queue.queue_size()
    assert queue.dequeue() == b"after the restart"


def _terminate(pid: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
