"""Deleting a journal entry: a page that asks first, then a POST that deletes."""

from __future__ import annotations

from django.test import Client

from heartwork.journal.models import Entry
from tests.conftest import Persona, csrf_post
from tests.web.pages import assert_page_basics, messages
from tests.web.steps import ClientFor, write_entry


def test_opening_delete_asks_for_confirmation_and_deletes_nothing(
    alex: Persona, client_for: ClientFor
) -> None:
    entry = write_entry(alex, "maybe keep this")

    response = client_for(alex).get(f"/journal/{entry.id}/delete/")

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert "cannot be undone" in doc.one("main").text()
    form = doc.one("main").one("form")
    assert form.attrs["method"] == "post"
    assert doc.find("a", {"href": f"/journal/{entry.id}/"}) is not None  # a way back
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_confirming_deletes_the_entry_and_returns_to_the_journal(
    alex: Persona, client_for: ClientFor
) -> None:
    entry = write_entry(alex, "let this go")
    client = client_for(alex)

    response = csrf_post(client, f"/journal/{entry.id}/delete/")

    assert response.status_code == 302
    assert response["Location"] == "/journal/"
    assert not Entry.objects.filter(pk=entry.pk).exists()
    assert "The entry is deleted" in " ".join(messages(client.get("/journal/")))
    assert client.get(f"/journal/{entry.id}/").status_code == 404


def test_someone_elses_entry_cannot_be_deleted(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    theirs = write_entry(sam, "sam's words")
    client = client_for(alex)

    asked = client.get(f"/journal/{theirs.id}/delete/")
    response = csrf_post(client, f"/journal/{theirs.id}/delete/")

    assert asked.status_code == 404
    assert response.status_code == 404
    assert Entry.objects.get(pk=theirs.pk).body == "sam's words"


def test_a_delete_without_the_forms_csrf_token_is_refused(
    alex: Persona, client_for: ClientFor
) -> None:
    entry = write_entry(alex, "keep")

    response = client_for(alex).post(f"/journal/{entry.id}/delete/")

    assert response.status_code == 403
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_deleting_needs_you_to_be_logged_in(visitor: Client, alex: Persona) -> None:
    entry = write_entry(alex, "keep")

    get = visitor.get(f"/journal/{entry.id}/delete/")
    post = csrf_post(visitor, f"/journal/{entry.id}/delete/")

    assert get["Location"] == f"/accounts/login/?next=/journal/{entry.id}/delete/"
    assert post["Location"].startswith("/accounts/login/")
    assert Entry.objects.filter(pk=entry.pk).exists()
