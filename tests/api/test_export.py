"""POST /api/v1/account/export: everything the person owns as a zip, after the password."""

from __future__ import annotations

import io
import json
import zipfile
from typing import TYPE_CHECKING

from django.test import Client

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

from heartwork.journal.services import create_entry
from heartwork.privacy.archive import JSON_NAME
from tests.api.conftest import JSON, assert_error
from tests.conftest import Persona
from tests.privacy_fill import SECRET, fill

URL = "/api/v1/account/export"


def _export(api: Client, persona: Persona, password: str) -> Response:
    return api.post(URL, {"password": password}, content_type=JSON, headers=persona.auth)


def test_the_right_password_downloads_a_zip_of_everything(api: Client, alex: Persona) -> None:
    fill(alex.user)
    response = _export(api, alex, alex.password)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    doc = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read(JSON_NAME))
    assert doc["format"] == "heartwork-export" and doc["version"] == 1
    assert SECRET in doc["sections"]["journal"]["entries"][0]["body"]


def test_the_download_has_a_neutral_name_and_is_never_cached(api: Client, alex: Persona) -> None:
    response = _export(api, alex, alex.password)
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="export-')
    assert "heartwork" not in disposition.lower()
    assert "no-store" in response["Cache-Control"]


def test_nothing_of_another_person_is_in_the_export(
    api: Client, alex: Persona, sam: Persona
) -> None:
    create_entry(user=sam.user, title="", body="only sam wrote this")
    response = _export(api, alex, alex.password)
    assert b"only sam wrote this" not in zipfile.ZipFile(io.BytesIO(response.content)).read(
        JSON_NAME
    )


def test_a_wrong_password_is_refused_naming_the_field(api: Client, alex: Persona) -> None:
    assert_error(_export(api, alex, "not my password"), 403, "wrong_password", "password")


def test_the_password_is_required(api: Client, alex: Persona) -> None:
    response = api.post(URL, {}, content_type=JSON, headers=alex.auth)
    assert_error(response, 422, "invalid", "password")


def test_without_a_token_the_answer_is_401(api: Client, alex: Persona) -> None:
    response = api.post(URL, {"password": alex.password}, content_type=JSON)
    assert_error(response, 401, "unauthorized")


def test_guessing_the_password_here_counts_towards_the_log_in_lock(
    api: Client, alex: Persona
) -> None:
    for _ in range(5):
        _export(api, alex, "a guess")
    response = _export(api, alex, alex.password)
    assert_error(response, 429, "locked_out")


def test_each_export_is_in_the_audit_log(api: Client, alex: Persona) -> None:
    from heartwork.audit.models import AuditEvent

    _export(api, alex, alex.password)
    _export(api, alex, "wrong")
    assert AuditEvent.objects.filter(kind="export", user_id=alex.user.pk).count() == 1
