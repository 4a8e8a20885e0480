"""The reminder sweep, every minute, in the worker (`heartwork worker`, or the one
`heartwork serve` starts). The work itself is heartwork.reminders.sweep.sweep: a plain
function, idempotent, which tests call directly with a frozen clock."""

from __future__ import annotations

from huey import crontab  # type: ignore[import-untyped]

from heartwork.core.jobs import db_periodic_task
from heartwork.reminders.sweep import sweep


@db_periodic_task(crontab(minute="*"))  # type: ignore[untyped-decorator]
def sweep_reminders() -> None:
    # Nothing returned: huey would keep it in its result store for no one.
    sweep()
