"""`heartwork backup` and `heartwork restore`: the SQLite database, copied while the app runs.

PostgreSQL has its own tools (pg_dump, pg_restore), which docs/operations.md describes;
these refuse it in one line rather than doing half a job. The master key never goes
into a backup: a copy of the database alone reads nothing, and the CLI says so.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from heartwork.audit.services import record
from heartwork.core.keys import keyring
from heartwork.core.models import DataKey
from heartwork.ops import OpsError
from heartwork.ops.sqlite import (
    applied_migrations,
    check_file,
    copy_into,
    copy_to_file,
    master_key_ids,
)

# As long as the app waits for a lock (settings.py), so a busy moment is not a failure.
BUSY_TIMEOUT_S = 20
NOT_SQLITE = "the database is PostgreSQL: {verb} it with {tool} instead (see docs/operations.md)"


@dataclass(frozen=True)
class Backup:
    path: Path
    size: int
    key_ids: tuple[str, ...]


@dataclass(frozen=True)
class Restore:
    path: Path
    safety_copy: Path | None
    # Data keys wrapped by an older master key than the first: `rotate-key --rewrap-only`.
    behind: int


@contextmanager
def _live(verb: str, tool: str) -> Iterator[sqlite3.Connection]:
    """A connection of our own to the live database (Django's, for an in-memory one)."""
    if connection.vendor != "sqlite":
        raise OpsError(NOT_SQLITE.format(verb=verb, tool=tool))
    if connection.in_atomic_block:
        # SQLite would wait for this very transaction to end: a hang, not a backup.
        raise OpsError(f"cannot {verb} from inside a database transaction")
    path = _live_path()
    if path is None:
        connection.ensure_connection()
        yield connection.connection
        return
    with closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)) as own:
        yield own


def _live_path() -> Path | None:
    name = str(connection.settings_dict["NAME"])
    return None if name.startswith("file:") or name == ":memory:" else Path(name).resolve()


def _reason(exc: OSError | sqlite3.Error) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)


def key_location() -> str:
    """Where the master keys live, in words for the operator. Never the key itself."""
    if settings.HEARTWORK_MASTER_KEY is None:
        return str(settings.HEARTWORK_MASTER_KEY_PATH)
    file_name = os.environ.get("HEARTWORK_MASTER_KEY_FILE")
    return file_name or "the HEARTWORK_MASTER_KEY environment variable"


def backup(out: Path, *, force: bool = False) -> Backup:
    """Copy the live database to ``out`` (refusing to replace a file unless ``force``)."""
    with _live("back up", "pg_dump") as live:
        return _backup(live, out, force=force)


def _backup(live: sqlite3.Connection, out: Path, *, force: bool) -> Backup:
    out = out.expanduser().absolute()
    if out.is_dir():
        raise OpsError(f"{out} is a folder: give the backup a file name")
    if not out.parent.is_dir():
        raise OpsError(f"no folder {out.parent} to write the backup into")
    if out.exists() and not force:
        raise OpsError(f"{out} already exists: choose another name, or add --force")
    if out.resolve() == _live_path():
        raise OpsError("that is the live database: write the backup somewhere else")
    try:
        copy_to_file(live, out)
    except (OSError, sqlite3.Error) as exc:
        raise OpsError(f"cannot write {out}: {_reason(exc)}") from None
    key_ids = sorted(set(DataKey.objects.values_list("kek_id", flat=True)))
    record(kind="backup", user_id=None)
    return Backup(path=out, size=out.stat().st_size, key_ids=tuple(key_ids))


def _check_restorable(path: Path) -> None:
    problems = check_file(path)
    if problems:
        raise OpsError(problems[0])
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    newer = sorted(applied_migrations(path) - known)
    if newer:
        app, name = newer[0]
        raise OpsError(
            f"{path} comes from a newer Heartwork (it has migration {app}.{name}): "
            "upgrade Heartwork first"
        )
    missing = sorted(master_key_ids(path) - {key.id for key in keyring().keys})
    if missing:
        raise OpsError(
            f"{path} needs master key {', '.join(missing)}, which is not configured: "
            "add it to the keyring first (see docs/operations.md)"
        )


def _unused_name(folder: Path, prefix: str) -> Path:
    # Two restores in one second must not share a name: the first copy is the undo.
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    path, number = folder / f"{prefix}-{stamp}.sqlite3", 1
    while path.exists():
        number += 1
        path = folder / f"{prefix}-{stamp}-{number}.sqlite3"
    return path


def restore(path: Path) -> Restore:
    """Put the database in ``path`` in place of the live one, keeping a copy of the latter."""
    with _live("restore", "pg_restore") as live:
        done = _restore(live, path)
    connection.close()  # the next query opens the restored database afresh
    return done


def _restore(live: sqlite3.Connection, path: Path) -> Restore:
    path = path.expanduser().absolute()
    if path.resolve() == _live_path():
        raise OpsError("that is the live database itself: give a backup file")
    _check_restorable(path)
    safety_copy = None
    if live.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        # Nothing to keep on a new machine; anything else is kept, so a restore is undoable.
        safety_copy = _unused_name(Path(settings.DATA_DIR), "before-restore")
        try:
            copy_to_file(live, safety_copy)
        except (OSError, sqlite3.Error) as exc:
            raise OpsError(f"cannot keep a copy in {safety_copy}: {_reason(exc)}") from None
    try:
        copy_into(path, live)
    except sqlite3.Error as exc:
        raise OpsError(
            f"the restore did not happen: {_reason(exc)} (is Heartwork stopped?)"
        ) from None
    # A backup made by an older Heartwork is brought up to this version's tables.
    call_command("migrate", interactive=False, verbosity=0)
    # Recorded in the restored database: the log there now says when it came back.
    record(kind="restore", user_id=None)
    behind = DataKey.objects.exclude(kek_id=keyring().primary.id).count()
    return Restore(path=path, safety_copy=safety_copy, behind=behind)
