"""`heartwork worker`: the background worker, on its own or next to `heartwork serve`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import time_machine
from pytest_django.fixtures import Settings

from heartwork.cli import main
from heartwork.core.jobs import HUEY, consumer
from heartwork.reminders import services, worker
from heartwork.reminders.jobs import sweep_reminders
from heartwork.reminders.models import Delivery
from tests.conftest import Persona
from tests.serving import Deployment, scratch_database

HEARTWORK = str(Path(sys.executable).parent / "heartwork")
NOON = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)


def test_worker_once_runs_one_sweep_and_says_what_it_did(
    alex: Persona, capsys: pytest.CaptureFixture[str]
) -> None:
    with time_machine.travel(NOON, tick=False):
        services.schedule(user=alex.user, kind="checkin", ref="daily", due_at=NOON)
        assert main(["worker", "--once"]) == 0
        assert main(["worker", "--once"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "reminders fired: 1, emails sent: 0",
        "reminders fired: 0, emails sent: 0",
    ]
    assert Delivery.objects.filter(user=alex.user).count() == 1


def test_an_unknown_option_is_refused_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["worker", "--twice"])
    assert exited.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_the_periodic_sweep_is_registered_every_minute_and_sweeps(alex: Persona) -> None:
    consumer()  # imports every app's jobs
    periodic = [task.name for task in HUEY._registry.periodic_tasks]
    assert any(name.endswith("sweep_reminders") for name in periodic)
    assert sweep_reminders.task_class().validate_datetime(datetime(2026, 6, 10, 12, 7))
    with time_machine.travel(NOON, tick=False):
        services.schedule(user=alex.user, kind="ritual", ref="r1", due_at=NOON)
        sweep_reminders.call_local()
    assert Delivery.objects.filter(user=alex.user).count() == 1


def test_the_queue_is_a_sqlite_file_in_the_data_dir_and_never_runs_inline(
    settings: Settings,
) -> None:
    assert settings.HUEY["huey_class"] == "huey.SqliteHuey"
    assert settings.HUEY["filename"] == str(settings.DATA_DIR / "jobs.sqlite3")
    assert HUEY.immediate is False


def test_serve_runs_the_worker_alongside_and_stops_it(settings: Settings) -> None:
    settings.HEARTWORK_RUN_WORKER = True
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    with (
        mock.patch.object(worker, "worker_command", return_value=sleeper),
        worker.alongside() as process,
    ):
        assert process is not None
        assert process.poll() is None
    assert process.poll() is not None  # stopped with the server


def test_serve_starts_no_worker_when_told_not_to(settings: Settings) -> None:
    settings.HEARTWORK_RUN_WORKER = False
    with mock.patch.object(subprocess, "Popen") as popen, worker.alongside() as process:
        assert process is None
    popen.assert_not_called()


def test_the_worker_starts_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("HEARTWORK_")}
    env.pop("DATABASE_URL", None)
    env.update({"HEARTWORK_DATA_DIR": str(tmp_path), "HEARTWORK_DEBUG": "true"})
    env["HEARTWORK_MASTER_KEY"] = os.environ["HEARTWORK_MASTER_KEY"]
    process = subprocess.Popen(
        [HEARTWORK, "worker"], env=env, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stderr is not None
        first = process.stderr.readline()
        assert "worker is running" in first
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert (tmp_path / "jobs.sqlite3").exists()


def test_a_bad_queue_or_email_setting_stops_start_up_with_one_line(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("HEARTWORK_")}
    env.pop("DATABASE_URL", None)
    env.update({"HEARTWORK_DATA_DIR": str(tmp_path), "HEARTWORK_DEBUG": "true"})
    for name, value in (
        ("HEARTWORK_QUIET_HOURS", "late"),
        ("HEARTWORK_EMAIL_PORT", "smtp"),
        ("HEARTWORK_REDIS_URL", "localhost:6379"),
        ("HEARTWORK_QUEUE", "kafka"),
        ("HEARTWORK_BASE_URL", "example.org"),
    ):
        result = subprocess.run(
            [HEARTWORK, "worker", "--once"],
            env={**env, name: value},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 2, (name, result.stderr)
        assert name in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


REDIS_URL = "redis://127.0.0.1:6379/13"  # a database number of its own, emptied first


def _redis_or_skip() -> Any:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379 (CI has one)")
    client.flushdb()
    return client


DUE_NOW = """
from django.utils import timezone
from heartwork.accounts.services import create_account
from heartwork.reminders import services
user = create_account(email="r@example.org", password=None)
services.schedule(user=user, kind="checkin", ref="daily", due_at=timezone.now())
"""
DELIVERED = "from heartwork.reminders.models import Delivery; print(Delivery.objects.count())"


def test_with_a_redis_url_the_worker_takes_its_work_from_redis(tmp_path: Path) -> None:
    from huey import RedisHuey  # type: ignore[import-untyped]

    client = _redis_or_skip()
    with scratch_database(tmp_path) as database_url:
        env = Deployment(data_dir=tmp_path, database_url=database_url).env()
        env["HEARTWORK_REDIS_URL"] = REDIS_URL

        def manage(*args: str) -> str:
            command = [sys.executable, "-m", "heartwork", "manage", *args]
            done = subprocess.run(
                command, env=env, check=True, timeout=120, capture_output=True, text=True
            )
            return done.stdout

        manage("migrate", "--verbosity", "0")
        manage("shell", "-c", DUE_NOW)
        log = tmp_path / "worker.log"
        with log.open("wb") as errors:
            process = subprocess.Popen([HEARTWORK, "worker"], env=env, stderr=errors)
        try:
            # What any other process does to ask for a sweep: the same queue, by name.
            queue = RedisHuey("heartwork", url=REDIS_URL)
            queue._registry.register(sweep_reminders.task_class)
            queue.enqueue(sweep_reminders.s())
            deadline = time.monotonic() + 60
            while manage("shell", "-c", DELIVERED).split()[-1] != "1":
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.5)
            assert queue.pending_count() == 0
            assert not (tmp_path / "jobs.sqlite3").exists()  # no SQLite queue beside it
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
            client.flushdb()


ASK_FOR_A_SWEEP = """
from heartwork.core.jobs import HUEY
from heartwork.reminders.jobs import sweep_reminders
HUEY.enqueue(sweep_reminders.s())
print(HUEY.pending_count())
"""
QUEUE_AND_DELIVERED = (
    "from heartwork.core.jobs import HUEY; from heartwork.reminders.models import Delivery; "
    "print(HUEY.pending_count(), Delivery.objects.count())"
)


def test_with_the_postgres_queue_the_worker_takes_its_work_from_the_database(
    tmp_path: Path,
) -> None:
    with scratch_database(tmp_path) as database_url:
        if database_url is None:
            pytest.skip("the PostgreSQL queue needs DATABASE_URL=postgresql://...")
        env = Deployment(data_dir=tmp_path, database_url=database_url).env()
        env["HEARTWORK_QUEUE"] = "postgres"

        def manage(*args: str) -> list[str]:
            command = [sys.executable, "-m", "heartwork", "manage", *args]
            done = subprocess.run(
                command, env=env, check=True, timeout=120, capture_output=True, text=True
            )
            return done.stdout.split()

        def wait_for(queued: str, delivered: str) -> None:
            deadline = time.monotonic() + 60
            while manage("shell", "--no-imports", "-c", QUEUE_AND_DELIVERED) != [queued, delivered]:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.5)

        manage("migrate", "--verbosity", "0")  # creates the queue's tables too
        manage("shell", "--no-imports", "-c", DUE_NOW)
        # Another process (a web process, say) asks for a sweep before any worker runs:
        # the request waits in the database.
        assert manage("shell", "--no-imports", "-c", ASK_FOR_A_SWEEP) == ["1"]
        log = tmp_path / "worker.log"
        with log.open("wb") as errors:
            process = subprocess.Popen([HEARTWORK, "worker"], env=env, stderr=errors)
        try:
            wait_for(queued="0", delivered="1")
            # Asked again, the worker sweeps again and sends nothing twice.
            manage("shell", "--no-imports", "-c", ASK_FOR_A_SWEEP)
            wait_for(queued="0", delivered="1")
            time.sleep(1)  # the sweep it took has had time to finish
            assert manage("shell", "--no-imports", "-c", QUEUE_AND_DELIVERED) == ["0", "1"]
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        assert "Error" not in log.read_text(), log.read_text()
        assert not (tmp_path / "jobs.sqlite3").exists()  # no SQLite queue beside it
