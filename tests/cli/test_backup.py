"""`heartwork backup --out FILE`: a consistent copy of the SQLite database, without the key."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest
from django.db import connection

from heartwork.audit.models import AuditEvent
from heartwork.cli import main
from heartwork.ops.sqlite import copy_to_file
from tests.conftest import Persona
from tests.web.steps import write_entry

# The command runs outside any transaction, as it does on a server: the in-memory test
# database is shared with the command's connection only once nothing holds it open.
pytestmark = pytest.mark.django_db(transaction=True)
SQLITE_ONLY = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite backups")
SECRET_TEXT = "The letter I never sent about the lake house"


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as db:
        return list(db.execute(sql))


@SQLITE_ONLY
def test_the_backup_is_a_sound_database_with_everyones_accounts(
    alex: Persona, sam: Persona, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "heartwork-backup.sqlite3"

    assert main(["backup", "--out", str(out)]) == 0

    assert rows(out, "PRAGMA integrity_check") == [("ok",)]
    emails = {email for (email,) in rows(out, "SELECT email FROM accounts_user")}
    assert emails == {alex.email, sam.email}
    assert f"Backed up the database to {out}" in capsys.readouterr().out


@SQLITE_ONLY
def test_the_backup_says_the_master_key_is_not_in_it_and_where_the_key_is(
    alex: Persona, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["backup", "--out", str(tmp_path / "b.sqlite3")])

    out = capsys.readouterr().out
    assert "The master key is NOT in this backup" in out
    assert "HEARTWORK_MASTER_KEY environment variable" in out
    assert "needs master key test1" in out


@SQLITE_ONLY
def test_text_people_wrote_is_still_encrypted_in_the_backup(alex: Persona, tmp_path: Path) -> None:
    write_entry(alex, SECRET_TEXT, title="Lake house")
    out = tmp_path / "b.sqlite3"

    main(["backup", "--out", str(out)])

    raw = out.read_bytes()
    assert b"lake house" not in raw.lower()
    assert SECRET_TEXT.encode() not in raw
    assert rows(out, "SELECT count(*) FROM journal_entry") == [(1,)]


@SQLITE_ONLY
def test_only_the_owner_can_read_the_backup_file(alex: Persona, tmp_path: Path) -> None:
    out = tmp_path / "b.sqlite3"

    main(["backup", "--out", str(out)])

    assert out.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["b.sqlite3"]


@SQLITE_ONLY
def test_an_existing_file_is_kept_unless_force_is_given(
    alex: Persona, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "b.sqlite3"
    out.write_text("an older file")

    assert main(["backup", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err and "--force" in err
    assert out.read_text() == "an older file"

    assert main(["backup", "--out", str(out), "--force"]) == 0
    assert rows(out, "PRAGMA integrity_check") == [("ok",)]


@SQLITE_ONLY
@pytest.mark.parametrize(
    ("name", "message"),
    [("missing-folder/b.sqlite3", "no folder"), (".", "is a folder")],
)
def test_an_unusable_destination_exits_2_with_one_line(
    db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    assert main(["backup", "--out", str(tmp_path / name)]) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_out_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["backup"])

    assert stopped.value.code == 2
    assert "--out" in capsys.readouterr().err


@SQLITE_ONLY
def test_a_backup_is_recorded_in_the_audit_log(db: None, tmp_path: Path) -> None:
    main(["backup", "--out", str(tmp_path / "b.sqlite3")])

    event = AuditEvent.objects.get(kind="backup")
    assert (event.user_id, event.channel) == (None, "")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_on_postgresql_the_backup_points_to_pg_dump(
    db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", "--out", str(tmp_path / "b.sqlite3")]) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pg_dump" in err and "docs/operations.md" in err
    assert not (tmp_path / "b.sqlite3").exists()


def test_a_copy_taken_while_another_connection_writes_is_consistent(tmp_path: Path) -> None:
    # Every write adds two rows in one transaction: a torn copy would hold an odd number.
    live = tmp_path / "live.sqlite3"
    with closing(sqlite3.connect(live)) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE pair (n INTEGER, side TEXT, pad BLOB)")
    stop = threading.Event()

    def write() -> None:
        with closing(sqlite3.connect(live, timeout=10)) as writer:
            n = 0
            while not stop.is_set():
                n += 1
                with writer:
                    for side in ("left", "right"):
                        writer.execute("INSERT INTO pair VALUES (?, ?, ?)", (n, side, b"x" * 900))

    thread = threading.Thread(target=write)
    thread.start()
    counts: list[int] = []
    try:
        with closing(sqlite3.connect(live, timeout=10)) as source:
            for attempt in range(5):
                copy = tmp_path / f"copy-{attempt}.sqlite3"
                copy_to_file(source, copy)
                assert rows(copy, "PRAGMA integrity_check") == [("ok",)]
                assert rows(copy, "PRAGMA journal_mode") == [("delete",)]
                (count,) = rows(copy, "SELECT count(*) FROM pair")[0]
                assert isinstance(count, int)
                counts.append(count)
    finally:
        stop.set()
        thread.join()
    assert all(count % 2 == 0 for count in counts)
    assert counts[-1] > 0
