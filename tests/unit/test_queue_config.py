"""HEARTWORK_QUEUE: which queue huey uses, and the start-up errors for a choice that cannot work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from heartwork.envparse import SettingError
from heartwork.reminders.config import huey_settings, queue_setting

POSTGRES = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"
REDIS = "redis://127.0.0.1:6379/0"


@pytest.mark.parametrize(
    ("text", "redis_url", "engine", "expected"),
    [
        ("", "", SQLITE, "sqlite"),  # nothing set: the file in the data dir
        ("", REDIS, SQLITE, "redis"),  # a Redis URL alone still means Redis, as before
        ("postgres", "", POSTGRES, "postgres"),
        ("Postgres ", "", POSTGRES, "postgres"),
        ("sqlite", REDIS, POSTGRES, "sqlite"),  # an explicit choice wins over the URL
        ("postgres", REDIS, POSTGRES, "postgres"),
        ("redis", REDIS, POSTGRES, "redis"),
    ],
)
def test_the_queue_is_the_one_asked_for_or_follows_the_redis_url(
    text: str, redis_url: str, engine: str, expected: str
) -> None:
    assert queue_setting("HEARTWORK_QUEUE", text, redis_url=redis_url, database_engine=engine) == (
        expected
    )


@pytest.mark.parametrize(
    ("text", "redis_url", "engine", "reason"),
    [
        ("kafka", "", POSTGRES, "must be one of sqlite, redis, postgres, not 'kafka'"),
        ("redis", "", SQLITE, "HEARTWORK_QUEUE=redis needs HEARTWORK_REDIS_URL"),
        ("postgres", "", SQLITE, "HEARTWORK_QUEUE=postgres needs DATABASE_URL"),
    ],
)
def test_a_queue_that_cannot_work_is_refused_naming_what_is_missing(
    text: str, redis_url: str, engine: str, reason: str
) -> None:
    with pytest.raises(SettingError, match=reason):
        queue_setting("HEARTWORK_QUEUE", text, redis_url=redis_url, database_engine=engine)


def test_each_queue_becomes_its_huey_class(tmp_path: Path) -> None:
    sqlite = huey_settings(tmp_path, "")
    assert sqlite["huey_class"] == "huey.SqliteHuey"
    assert sqlite["filename"] == str(tmp_path / "jobs.sqlite3")
    assert huey_settings(tmp_path, REDIS)["url"] == REDIS
    postgres = huey_settings(tmp_path, REDIS, "postgres")
    assert postgres["huey_class"] == "heartwork.core.pgqueue.PostgresHuey"
    assert "url" not in postgres and "filename" not in postgres
    # Whatever the queue, tasks never run inline in a request.
    assert {postgres["immediate"], sqlite["immediate"]} == {False}


def _start(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Load the settings in a clean process with exactly this environment."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith("HEARTWORK_")}
    clean.pop("DATABASE_URL", None)
    clean.update({"HEARTWORK_DATA_DIR": str(tmp_path), "HEARTWORK_DEBUG": "true", **env})
    code = "import heartwork.settings as s; print(s.HEARTWORK_QUEUE, s.HUEY['huey_class'])"
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=False
    )


def test_a_postgres_queue_on_a_sqlite_database_stops_start_up_naming_the_variable(
    tmp_path: Path,
) -> None:
    result = _start(tmp_path, HEARTWORK_QUEUE="postgres")
    assert result.returncode != 0
    assert "HEARTWORK_QUEUE=postgres needs DATABASE_URL" in result.stderr


def test_a_postgres_queue_on_a_postgresql_database_is_accepted(tmp_path: Path) -> None:
    # Loading the settings opens no connection, so no server is needed here.
    result = _start(
        tmp_path, HEARTWORK_QUEUE="postgres", DATABASE_URL="postgresql://u@127.0.0.1:5432/db"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["postgres", "heartwork.core.pgqueue.PostgresHuey"]
