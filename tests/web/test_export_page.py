"""/accounts/export/: download everything, after typing the password again."""

from __future__ import annotations

import io
import json
import zipfile

from heartwork.privacy.archive import JSON_NAME
from tests.conftest import Persona, csrf_post
from tests.privacy_fill import SECRET, fill
from tests.web.steps import ClientFor, grant_sudo

URL = "/accounts/export/"


def test_the_account_page_links_to_the_export_and_the_delete_pages(
    client_for: ClientFor, alex: Persona
) -> None:
    page = client_for(alex).get("/accounts/").content.decode()
    assert f'href="{URL}"' in page
    assert 'href="/accounts/delete/"' in page


def test_the_page_asks_for_the_password_first(client_for: ClientFor, alex: Persona) -> None:
    response = client_for(alex).get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/confirm/?next=%2Faccounts%2Fexport%2F")


def test_a_download_also_asks_for_the_password_first(client_for: ClientFor, alex: Persona) -> None:
    response = csrf_post(client_for(alex), URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/confirm/")


def test_after_the_password_the_page_says_what_is_in_it_and_that_it_is_not_encrypted(
    client_for: ClientFor, alex: Persona
) -> None:
    client = client_for(alex)
    grant_sudo(client)
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "not encrypted" in page
    for part in ("Journal", "Safety check", "Trust ledger", "Daily check-ins"):
        assert part in page
    assert "no-store" in response["Cache-Control"]


def test_the_button_downloads_the_zip(client_for: ClientFor, alex: Persona) -> None:
    fill(alex.user)
    client = client_for(alex)
    grant_sudo(client)
    response = csrf_post(client, URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="export-')
    assert "no-store" in response["Cache-Control"]
    doc = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read(JSON_NAME))
    assert SECRET in doc["sections"]["journal"]["entries"][0]["body"]


def test_someone_logged_out_is_sent_to_log_in(client_for: ClientFor) -> None:
    from django.test import Client

    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
