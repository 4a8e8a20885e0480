"""The background queue: the one huey instance, built from settings.HUEY by huey's Django
integration (HEARTWORK_QUEUE: a SQLite file in HEARTWORK_DATA_DIR by default, Redis, or tables
in the PostgreSQL database, heartwork.core.pgqueue; see heartwork.reminders.config).

Apps declare their periodic work in their own ``jobs.py`` with ``db_periodic_task`` and
list the module in ``JOB_MODULES``, so the worker imports exactly these (no autodiscovery
magic). Jobs are idempotent sweeps over the database (ARCHITECTURE rule 8): the queue
only says "now", never what to do, so it can be lost or run twice without harm.
"""

from __future__ import annotations

import importlib
from typing import Any

from huey.contrib.djhuey import (  # type: ignore[import-untyped]
    HUEY,
    db_periodic_task,
    db_task,
)

__all__ = ["HUEY", "JOB_MODULES", "consumer", "db_periodic_task", "db_task", "load_jobs"]

JOB_MODULES = ("heartwork.reminders.jobs",)


def load_jobs() -> None:
    """Import every app's jobs so the consumer knows their periodic tasks."""
    for name in JOB_MODULES:
        importlib.import_module(name)


def consumer(*, workers: int = 1) -> Any:
    """A huey consumer running the periodic tasks; ``.run()`` blocks until SIGTERM/SIGINT."""
    load_jobs()
    return HUEY.create_consumer(workers=workers, worker_type="thread", periodic=True)
