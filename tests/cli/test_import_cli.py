"""`heartwork import --email E FILE`: restore an export into a new or empty account."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from heartwork.accounts.models import User
from heartwork.audit.models import AuditEvent
from heartwork.cli import main
from heartwork.journal.models import Entry
from heartwork.privacy.archive import JSON_NAME
from heartwork.privacy.services import delete_account, export_archive
from tests.conftest import Persona
from tests.privacy_fill import SECRET, fill


def _archive(persona: Persona, tmp_path: Path) -> Path:
    fill(persona.user)
    path = tmp_path / "export.zip"
    path.write_bytes(export_archive(user=persona.user).content)
    return path


def test_import_into_a_fresh_instance_creates_the_account_without_a_password(
    alex: Persona, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _archive(alex, tmp_path)
    user_id = alex.user.pk
    delete_account(user=alex.user)

    assert main(["import", "--email", alex.email, str(path)]) == 0

    user = User.objects.select_related("data_key").get(email=alex.email)
    assert user.pk == user_id and not user.has_usable_password()
    assert SECRET in Entry.objects.select_related("user__data_key").get(user=user).body
    out = capsys.readouterr().out
    assert f"heartwork manage changepassword {alex.email}" in out
    assert AuditEvent.objects.filter(kind="import", user_id=user_id).exists()


def test_import_into_an_existing_account_with_data_exits_2(
    alex: Persona, sam: Persona, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _archive(alex, tmp_path)
    Entry.objects.create(user=sam.user, title="", body="mine")
    assert main(["import", "--email", sam.email, str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already holds data" in err


def _zip_with(doc: object) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr(JSON_NAME, json.dumps(doc))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"PK not really", "not a zip archive"),
        (
            _zip_with({"format": "heartwork-export", "version": 9, "sections": {}}),
            "archive version 9 is not one this instance reads",
        ),
        (_zip_with({"format": "heartwork-export", "version": 1}), "has no sections"),
    ],
)
def test_an_archive_it_cannot_read_exits_2_with_one_line(
    db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, reason: str
) -> None:
    path = tmp_path / "bad.zip"
    path.write_bytes(content)
    assert main(["import", "--email", "robin@example.org", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and reason in err
    assert not User.objects.filter(email="robin@example.org").exists()


def test_a_missing_file_exits_2_with_one_line(
    db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", "--email", "robin@example.org", str(tmp_path / "nope.zip")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot read" in err


def test_a_new_account_needs_a_valid_email(
    alex: Persona, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _archive(alex, tmp_path)
    delete_account(user=alex.user)
    assert main(["import", "--email", "not an address", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a valid email address" in err
    assert not User.objects.exists()
