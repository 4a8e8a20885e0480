"""`heartwork export` and `heartwork delete-account`, for the person who runs the instance."""

from __future__ import annotations

import io
import json
import stat
import zipfile
from pathlib import Path

import pytest

from heartwork.accounts.models import User
from heartwork.audit.models import AuditEvent
from heartwork.cli import main
from heartwork.core.models import DataKey
from heartwork.privacy.archive import JSON_NAME
from tests.conftest import Persona
from tests.privacy_fill import SECRET, fill


def test_export_writes_a_zip_only_its_owner_can_read(
    alex: Persona, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(alex.user)
    out = tmp_path / "mine.zip"
    assert main(["export", "--email", alex.email, "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    doc = json.loads(zipfile.ZipFile(io.BytesIO(out.read_bytes())).read(JSON_NAME))
    assert SECRET in doc["sections"]["journal"]["entries"][0]["body"]
    assert "not encrypted" in capsys.readouterr().out
    assert AuditEvent.objects.filter(kind="export", user_id=alex.user.pk).exists()


def test_export_will_not_replace_a_file_unless_told_to(
    alex: Persona, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine.zip"
    out.write_text("keep me")
    assert main(["export", "--email", alex.email, "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_text() == "keep me"
    assert main(["export", "--email", alex.email, "--out", str(out), "--force"]) == 0
    assert zipfile.is_zipfile(out)


def test_export_of_an_unknown_account_exits_2_with_one_line(
    db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["export", "--email", "nobody@example.org", "--out", str(tmp_path / "x.zip")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "no account" in err


def test_export_into_a_missing_folder_exits_2_with_one_line(
    alex: Persona, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["export", "--email", alex.email, "--out", str(tmp_path / "no" / "x.zip")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "cannot write" in err


def test_delete_account_needs_yes(alex: Persona, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["delete-account", "--email", alex.email]) == 2
    assert "add --yes" in capsys.readouterr().err
    assert User.objects.filter(pk=alex.user.pk).exists()


def test_delete_account_removes_the_account_and_its_data_key(
    alex: Persona, capsys: pytest.CaptureFixture[str]
) -> None:
    fill(alex.user)
    user_id, key_id = alex.user.pk, alex.user.data_key_id
    assert main(["delete-account", "--email", alex.email, "--yes"]) == 0
    assert not User.objects.filter(pk=user_id).exists()
    assert not DataKey.objects.filter(pk=key_id).exists()
    assert AuditEvent.objects.filter(kind="delete_account", user_id=user_id).exists()
