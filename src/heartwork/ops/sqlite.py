"""Copying and checking SQLite databases with SQLite's online backup API.

No Django import: these work on plain ``sqlite3`` connections, so they are tested
against real files with a second connection writing at the same time.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from heartwork.ops import OpsError

SQLITE_MAGIC = b"SQLite format 3\x00"
# Tables every Heartwork database has from its first migration on.
REQUIRED_TABLES = ("django_migrations", "core_datakey", "accounts_user")


def _read_only(path: Path) -> sqlite3.Connection:
    # A URI, percent-encoded by as_uri(), so odd characters in a path cannot add options.
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def copy_to_file(source: sqlite3.Connection, out: Path) -> None:
    """Write a consistent copy of ``source`` to ``out``, replacing any file there.

    The copy is taken in one step (``pages=-1``): SQLite reads one snapshot, and in WAL
    mode the app keeps writing meanwhile. It goes to a temporary file beside ``out``
    first and is renamed into place only once it is complete and checked, so a crash
    never leaves a half-written backup under the real name.
    """
    tmp = out.with_name(f".{out.name}.partial")
    tmp.unlink(missing_ok=True)
    # Owner-only from the start: the copy holds emails and wrapped keys.
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        with closing(sqlite3.connect(tmp)) as target:
            source.backup(target, pages=-1)
            # One self-contained file: no -wal or -shm beside it.
            target.execute("PRAGMA journal_mode=DELETE")
        problems = integrity_problems(tmp)
        if problems:
            raise OpsError(f"the copy failed its check: {problems[0]}")
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


def copy_into(source: Path, target: sqlite3.Connection) -> None:
    """Replace everything in ``target``'s database with the database in ``source``."""
    with closing(_read_only(source)) as backup:
        backup.backup(target, pages=-1)


def integrity_problems(path: Path) -> list[str]:
    """Why ``path`` is not a sound SQLite database; an empty list when it is."""
    try:
        with open(path, "rb") as handle:
            magic = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        return [f"cannot read {path}: {exc.strerror}"]
    if magic != SQLITE_MAGIC:
        return [f"{path} is not an SQLite database"]
    try:
        with closing(_read_only(path)) as db:
            problems = [row[0] for row in db.execute("PRAGMA integrity_check") if row[0] != "ok"]
    except sqlite3.DatabaseError as exc:
        return [f"{path} is damaged: {exc}"]
    return [f"{path} is damaged: {problems[0]}"] if problems else []


def check_file(path: Path) -> list[str]:
    """Why ``path`` is not a usable Heartwork database; an empty list when it is."""
    problems = integrity_problems(path)
    if problems:
        return problems
    with closing(_read_only(path)) as db:
        names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    missing = [table for table in REQUIRED_TABLES if table not in names]
    if missing:
        return [f"{path} is not a Heartwork database (no {missing[0]} table)"]
    return []


def applied_migrations(path: Path) -> set[tuple[str, str]]:
    with closing(_read_only(path)) as db:
        return {(app, name) for app, name in db.execute("SELECT app, name FROM django_migrations")}


def master_key_ids(path: Path) -> set[str]:
    """Which master keys the data keys in a database copy are wrapped with."""
    with closing(_read_only(path)) as db:
        return {row[0] for row in db.execute("SELECT DISTINCT kek_id FROM core_datakey")}
