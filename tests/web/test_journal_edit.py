"""Editing a journal entry."""

from __future__ import annotations

from django.test import Client

from tests.conftest import Persona, csrf_post
from tests.web.pages import assert_page_basics, control, field_error, messages, source
from tests.web.steps import ClientFor, reload, write_entry


def test_the_edit_page_is_filled_in_with_the_entry(alex: Persona, client_for: ClientFor) -> None:
    entry = write_entry(alex, "what I wrote", title="Old title")

    response = client_for(alex).get(f"/journal/{entry.id}/edit/")

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert control(doc, "title").attrs["value"] == "Old title"
    assert control(doc, "body").text() == "what I wrote"


def test_saving_an_edit_changes_the_entry_and_shows_it(
    alex: Persona, client_for: ClientFor
) -> None:
    entry = write_entry(alex, "what I wrote", title="Old title", minutes_ago=5)
    client = client_for(alex)

    response = csrf_post(
        client, f"/journal/{entry.id}/edit/", {"title": "New title", "body": "what I meant"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/journal/{entry.id}/"
    changed = reload(entry)
    assert (changed.title, changed.body) == ("New title", "what I meant")
    page = client.get(response["Location"])
    assert "Your changes are saved" in " ".join(messages(page))
    assert "edited" in page.content.decode()


def test_the_title_can_be_removed(alex: Persona, client_for: ClientFor) -> None:
    entry = write_entry(alex, "body", title="Old title")

    csrf_post(client_for(alex), f"/journal/{entry.id}/edit/", {"title": "", "body": "body"})

    assert reload(entry).title == ""


def test_emptying_the_text_is_refused_and_the_entry_is_kept(
    alex: Persona, client_for: ClientFor
) -> None:
    entry = write_entry(alex, "keep me", title="Title")

    response = csrf_post(client_for(alex), f"/journal/{entry.id}/edit/", {"title": "", "body": ""})

    assert response.status_code == 200
    assert "Write something before saving" in field_error(response, "body")
    assert (reload(entry).title, reload(entry).body) == ("Title", "keep me")


def test_someone_elses_entry_cannot_be_opened_for_editing(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    theirs = write_entry(sam, "sam's words", title="Sam's title")

    response = client_for(alex).get(f"/journal/{theirs.id}/edit/")

    assert response.status_code == 404
    assert "sam's words" not in source(response)


def test_someone_elses_entry_cannot_be_changed(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    theirs = write_entry(sam, "sam's words", title="Sam's title")

    response = csrf_post(
        client_for(alex), f"/journal/{theirs.id}/edit/", {"title": "hacked", "body": "hacked"}
    )

    assert response.status_code == 404
    unchanged = reload(theirs)
    assert (unchanged.title, unchanged.body) == ("Sam's title", "sam's words")
    assert unchanged.updated_at == theirs.updated_at


def test_an_edit_without_the_forms_csrf_token_is_refused(
    alex: Persona, client_for: ClientFor
) -> None:
    entry = write_entry(alex, "original")

    response = client_for(alex).post(f"/journal/{entry.id}/edit/", {"body": "forged"})

    assert response.status_code == 403
    assert reload(entry).body == "original"


def test_editing_needs_you_to_be_logged_in(visitor: Client, alex: Persona) -> None:
    entry = write_entry(alex, "original")

    get = visitor.get(f"/journal/{entry.id}/edit/")
    post = csrf_post(visitor, f"/journal/{entry.id}/edit/", {"body": "anonymous"})

    assert get["Location"] == f"/accounts/login/?next=/journal/{entry.id}/edit/"
    assert post["Location"].startswith("/accounts/login/")
    assert reload(entry).body == "original"
