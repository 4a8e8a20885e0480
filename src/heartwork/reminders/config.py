"""Parsing of the reminder, email and worker settings. Pure: settings.py imports it before
Django is set up, so it imports nothing from Django (docs/settings.md lists the variables).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from heartwork.envparse import SettingError
from heartwork.reminders.schedule import Quiet, parse_quiet

QUEUE_FILE = "jobs.sqlite3"


def quiet_setting(name: str, text: str) -> Quiet:
    try:
        return parse_quiet(text)
    except ValueError as exc:
        raise SettingError(f"{name} must look like 22:00-08:00, not {text!r}") from exc


def port_setting(name: str, text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise SettingError(f"{name} must be a port number from 1 to 65535, not {text!r}")
    return int(text)


def url_setting(name: str, text: str, schemes: tuple[str, ...]) -> str:
    parts = urlsplit(text)
    if parts.scheme not in schemes or not parts.netloc:
        raise SettingError(f"{name} must be a URL starting with {' or '.join(schemes)}://")
    return text.rstrip("/")


# Where huey keeps its queue (HEARTWORK_QUEUE): a SQLite file in the data dir, Redis, or
# tables in the app's own PostgreSQL database (heartwork.core.pgqueue).
QUEUES = ("sqlite", "redis", "postgres")
POSTGRES_ENGINE = "django.db.backends.postgresql"


def default_queue(redis_url: str) -> str:
    """Without HEARTWORK_QUEUE: Redis when a URL is given (as before the setting existed)."""
    return "redis" if redis_url else "sqlite"


def queue_setting(name: str, text: str, *, redis_url: str, database_engine: str) -> str:
    """The queue to use, refusing a choice that cannot work with the rest of the settings."""
    queue = text.strip().lower() or default_queue(redis_url)
    if queue not in QUEUES:
        raise SettingError(f"{name} must be one of {', '.join(QUEUES)}, not {text!r}")
    if queue == "redis" and not redis_url:
        raise SettingError(f"{name}=redis needs HEARTWORK_REDIS_URL")
    if queue == "postgres" and database_engine != POSTGRES_ENGINE:
        raise SettingError(
            f"{name}=postgres needs DATABASE_URL to be a PostgreSQL URL: "
            "the queue lives in that database"
        )
    return queue


def huey_settings(data_dir: Path, redis_url: str, queue: str = "") -> dict[str, object]:
    """The huey queue: a SQLite file in the data dir, Redis, or the PostgreSQL database.

    The queue only carries "sweep now" ticks; what is due lives in the main database, so
    losing the queue loses nothing.
    """
    common: dict[str, object] = {
        "name": "heartwork",
        # Never run tasks inline, in debug mode either: a page must not wait on SMTP.
        "immediate": False,
        "utc": True,
        "consumer": {"workers": 1, "worker_type": "thread", "periodic": True},
    }
    queue = queue or default_queue(redis_url)
    if queue == "postgres":
        return {**common, "huey_class": "heartwork.core.pgqueue.PostgresHuey"}
    if queue == "redis":
        return {**common, "huey_class": "huey.RedisHuey", "url": redis_url}
    return {**common, "huey_class": "huey.SqliteHuey", "filename": str(data_dir / QUEUE_FILE)}
