"""Every admin page, for every registered model: no decrypted text, ever.

Walks ``admin.site``'s whole registry rather than a list, so a model registered
later is checked too: its list page, and the change page of each of its rows. Known
sentences are written through the apps' own services first; on top of those, every
encrypted field of every row shown is decrypted here and looked for in the page.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib import admin
from django.db import models
from django.test import Client
from django.urls import reverse

from heartwork.accounts.services import create_account
from heartwork.checkin.services import save_checkin
from heartwork.core.fields import EncryptedTextField
from heartwork.drafts.services import save_draft
from tests.conftest import PASSWORD, Persona
from tests.web.steps import write_entry

SENTENCES = {
    "journal": "Tonight the quiet in the flat felt enormous",
    "title": "Saturday by the canal",
    "draft": "I am sorry I kept calling after you asked for space",
    "note": "Slept badly, thinking about the holiday we cancelled",
}
ROWS_PER_MODEL = 5


@pytest.fixture
def staff(db: None) -> Client:
    admin_user = create_account(
        email="admin@example.org", password=PASSWORD, is_staff=True, is_superuser=True
    )
    client = Client()
    client.force_login(admin_user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def written(alex: Persona) -> None:
    write_entry(alex, SENTENCES["journal"], title=SENTENCES["title"])
    save_draft(user=alex.user, kind="apology", text=SENTENCES["draft"])
    save_checkin(user=alex.user, values={"mood": 2, "note": SENTENCES["note"]})


def encrypted_fields(model: type[models.Model]) -> list[EncryptedTextField]:
    return [f for f in model._meta.get_fields() if isinstance(f, EncryptedTextField)]


def plaintexts(row: models.Model) -> Iterator[str]:
    """The decrypted values of a row's encrypted fields, long enough to look for."""
    for field in encrypted_fields(type(row)):
        value = getattr(row, field.name)
        for line in str(value).splitlines():
            if len(line.strip()) >= 8:
                yield line.strip()


def pages(staff: Client) -> Iterator[tuple[str, str, list[str]]]:
    """(url, html, plaintexts of the rows behind it) for every admin list and change page."""
    for model in admin.site._registry:
        meta = model._meta
        listing = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        rows = list(model._default_manager.all()[:ROWS_PER_MODEL])
        secrets = [text for row in rows for text in plaintexts(row)]
        yield listing, staff.get(listing).content.decode(), secrets
        for row in rows:
            change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[row.pk])
            yield change, staff.get(change).content.decode(), list(plaintexts(row))


def test_no_admin_page_shows_text_someone_wrote(staff: Client, written: None) -> None:
    seen = []
    for url, html, secrets in pages(staff):
        seen.append(url)
        for secret in [*SENTENCES.values(), *secrets]:
            assert secret not in html, f"{url} shows decrypted text"
    # Every list page, plus at least the change pages of the rows written above.
    assert len(seen) >= len(admin.site._registry) + 3


def test_the_walk_really_reads_the_encrypted_rows_it_checks(staff: Client, written: None) -> None:
    # Guards the test above: if decryption silently produced nothing, it would pass vacuously.
    found = {text for _, _, secrets in pages(staff) for text in secrets}

    assert {SENTENCES["journal"], SENTENCES["draft"]} <= found


def test_every_admin_page_opens_for_staff(staff: Client, written: None) -> None:
    for model in admin.site._registry:
        meta = model._meta
        listing = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert staff.get(listing).status_code == 200, listing
