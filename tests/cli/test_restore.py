"""`heartwork restore FILE`: a backup put back in place, undoably, and only if it is sound."""

from __future__ import annotations

import base64
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from django.db import connection
from pytest_django.fixtures import Settings

from heartwork.accounts.models import User
from heartwork.audit.models import AuditEvent
from heartwork.cli import main
from heartwork.journal.selectors import entries_of
from heartwork.journal.services import delete_entry
from heartwork.ops.sqlite import copy_into, copy_to_file
from tests.conftest import Persona
from tests.web.steps import write_entry

# Outside any transaction, as on a server (see tests/cli/test_backup.py).
pytestmark = pytest.mark.django_db(transaction=True)
SQLITE_ONLY = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite restore")
KEPT = "What I want to keep from this year"
LATER = "Written after the backup was made"


def bodies(persona: Persona) -> list[str]:
    user = User.objects.select_related("data_key").get(pk=persona.user.pk)
    return [entry.body for entry in entries_of(user)]


def take_backup(tmp_path: Path, name: str = "backup.sqlite3") -> Path:
    out = tmp_path / name
    assert main(["backup", "--out", str(out)]) == 0
    return out


def edit(path: Path, sql: str, *params: object) -> None:
    with closing(sqlite3.connect(path)) as db, db:
        db.execute(sql, params)


def safety_copy_named_in(output: str) -> Path:
    line = next(line for line in output.splitlines() if "just before is kept in" in line)
    return Path(line.rsplit(" ", 1)[1].rstrip("."))


@SQLITE_ONLY
def test_data_changed_after_a_backup_comes_back_as_it_was(
    alex: Persona, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept = write_entry(alex, KEPT)
    backup = take_backup(tmp_path)
    write_entry(alex, LATER)
    delete_entry(entry=kept)
    assert bodies(alex) == [LATER]

    assert main(["restore", str(backup)]) == 0

    assert bodies(alex) == [KEPT]
    assert f"Restored the database from {backup}" in capsys.readouterr().out


@SQLITE_ONLY
def test_a_restore_can_be_undone_with_the_copy_it_keeps(
    alex: Persona, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = take_backup(tmp_path)
    write_entry(alex, LATER)
    capsys.readouterr()
    main(["restore", str(backup)])
    before = safety_copy_named_in(capsys.readouterr().out)
    assert bodies(alex) == []

    assert main(["restore", str(before)]) == 0

    assert bodies(alex) == [LATER]
    assert before.stat().st_mode & 0o777 == 0o600


@SQLITE_ONLY
def test_a_restore_is_recorded_in_the_restored_audit_log(db: None, tmp_path: Path) -> None:
    backup = take_backup(tmp_path)

    main(["restore", str(backup)])

    assert AuditEvent.objects.filter(kind="restore").count() == 1


def write_garbage(path: Path) -> None:
    path.write_text("not a database at all")


def write_empty_sqlite(path: Path) -> None:
    path.unlink()
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE notes (text TEXT)")


def damage(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek(size // 4)
        handle.write(os.urandom(size // 2))


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (write_garbage, "is not an SQLite database"),
        (write_empty_sqlite, "is not a Heartwork database"),
        (damage, "is damaged"),
        (Path.unlink, "cannot read"),
    ],
)
def test_a_file_that_is_not_a_sound_heartwork_backup_is_refused_and_nothing_changes(
    alex: Persona,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    settings: Settings,
    spoil: Callable[[Path], None],
    message: str,
) -> None:
    write_entry(alex, KEPT)
    backup = take_backup(tmp_path)
    spoil(backup)
    copies_before = sorted(settings.DATA_DIR.glob("before-restore-*"))
    capsys.readouterr()

    assert main(["restore", str(backup)]) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    assert bodies(alex) == [KEPT]
    assert sorted(settings.DATA_DIR.glob("before-restore-*")) == copies_before


@SQLITE_ONLY
def test_a_backup_that_needs_a_master_key_not_configured_is_refused(
    alex: Persona, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = take_backup(tmp_path)
    edit(backup, "UPDATE core_datakey SET kek_id = 'retired7'")
    capsys.readouterr()

    assert main(["restore", str(backup)]) == 2

    err = capsys.readouterr().err
    assert "needs master key retired7" in err and err.count("\n") == 1


@SQLITE_ONLY
def test_a_backup_from_a_newer_heartwork_is_refused(
    db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = take_backup(tmp_path)
    edit(
        backup,
        "INSERT INTO django_migrations (app, name, applied) VALUES (?, ?, ?)",
        "journal",
        "9999_from_the_future",
        "2030-01-01 00:00:00",
    )
    capsys.readouterr()

    assert main(["restore", str(backup)]) == 2

    err = capsys.readouterr().err
    assert "newer Heartwork" in err and "journal.9999_from_the_future" in err


@SQLITE_ONLY
def test_restoring_data_keys_wrapped_by_an_older_master_key_says_how_to_move_them(
    alex: Persona, tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = take_backup(tmp_path)
    newer = "k9:" + base64.urlsafe_b64encode(os.urandom(32)).decode()
    settings.HEARTWORK_MASTER_KEY = f"{newer},{settings.HEARTWORK_MASTER_KEY}"
    capsys.readouterr()

    assert main(["restore", str(backup)]) == 0

    assert "rotate-key --rewrap-only" in capsys.readouterr().out


def test_restore_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["restore"])

    assert stopped.value.code == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_on_postgresql_restore_points_to_pg_restore(
    db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "backup.sqlite3"
    backup.write_bytes(b"")

    assert main(["restore", str(backup)]) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pg_restore" in err and "docs/operations.md" in err


def test_copying_into_a_live_wal_database_keeps_it_in_wal_mode(tmp_path: Path) -> None:
    live = tmp_path / "live.sqlite3"
    with closing(sqlite3.connect(live)) as db, db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE t (n INTEGER)")
        db.execute("INSERT INTO t VALUES (1)")
    with closing(sqlite3.connect(live)) as source:
        copy_to_file(source, tmp_path / "backup.sqlite3")
    with closing(sqlite3.connect(live)) as db, db:
        db.execute("INSERT INTO t VALUES (2)")

    with closing(sqlite3.connect(live)) as target:
        copy_into(tmp_path / "backup.sqlite3", target)

    with closing(sqlite3.connect(live)) as db:
        assert list(db.execute("SELECT n FROM t")) == [(1,)]
        assert list(db.execute("PRAGMA journal_mode")) == [("wal",)]
        assert list(db.execute("PRAGMA integrity_check")) == [("ok",)]


@SQLITE_ONLY
def test_a_backup_restores_onto_a_new_machine_with_only_the_key_copied_over(
    alex: Persona, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_entry(alex, KEPT)
    backup = take_backup(tmp_path)
    new_home = tmp_path / "new-machine"
    new_home.mkdir()
    env = {**os.environ, "HEARTWORK_DATA_DIR": str(new_home)}  # the key comes along in env

    done = subprocess.run(
        [sys.executable, "-m", "heartwork", "restore", str(backup)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert "just before" not in done.stdout  # nothing was there to keep
    live = new_home / "heartwork.sqlite3"
    with closing(sqlite3.connect(live)) as db:
        assert list(db.execute("SELECT email FROM accounts_user")) == [(alex.email,)]
        assert list(db.execute("SELECT count(*) FROM journal_entry")) == [(1,)]
        assert list(db.execute("PRAGMA journal_mode")) == [("wal",)]
