"""`heartwork worker`, and the worker `heartwork serve` starts next to the web server.

The worker is huey's consumer running the periodic jobs (heartwork.core.jobs). Production can
run it on its own (`HEARTWORK_RUN_WORKER=false heartwork serve` plus `heartwork worker`), or
from cron with `heartwork worker --once`. Several workers at once are safe: the sweep is
idempotent (heartwork.reminders.sweep).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# How long a worker gets to finish the sweep in hand when the server stops.
STOP_GRACE_SECONDS = 10


def cmd_worker(args: argparse.Namespace) -> int:
    from heartwork.cli import _setup_django

    _setup_django()
    if args.once:
        from heartwork.reminders.sweep import sweep

        result = sweep()
        print(f"reminders fired: {result.fired}, emails sent: {result.emails_sent}")
        return 0
    from heartwork.core.jobs import consumer

    the_consumer = consumer()
    # Until huey sets its own handlers (at the end of its start-up), a stop request simply
    # exits: nothing is in hand yet. Then it finishes the sweep in hand before stopping.
    signal.signal(signal.SIGTERM, _exit_now)
    print("Heartwork worker is running (Ctrl+C stops it)", file=sys.stderr, flush=True)
    the_consumer.run()
    return 0


def _exit_now(signum: int, frame: object) -> None:
    raise SystemExit(0)


def register(verbs: Any) -> None:
    """Add the `worker` verb to the `heartwork` command's sub-parsers."""
    worker = verbs.add_parser("worker", help="run background work: reminders, their emails")
    worker.add_argument(
        "--once", action="store_true", help="run one reminder sweep and exit (for cron)"
    )
    worker.set_defaults(func=cmd_worker)


def worker_command() -> list[str]:
    return [sys.executable, "-m", "heartwork", "worker"]


@contextmanager
def alongside() -> Iterator[subprocess.Popen[bytes] | None]:
    """Run the worker in a child process while the body runs (the web server), unless
    HEARTWORK_RUN_WORKER is false. A separate process, not a thread: the web server forks
    its workers, and huey's consumer wants its own main thread for signals."""
    from django.conf import settings

    if not settings.HEARTWORK_RUN_WORKER:
        yield None
        return
    process = subprocess.Popen(worker_command(), env=dict(os.environ))  # noqa: S603
    try:
        yield process
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
