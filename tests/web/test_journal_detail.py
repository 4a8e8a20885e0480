"""Reading one journal entry."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.test import Client

from heartwork.accounts.services import set_discreet_mode
from heartwork.journal import services as journal
from heartwork.journal.models import Entry
from tests.conftest import Persona
from tests.web.pages import assert_page_basics, html_of, source
from tests.web.steps import ClientFor, write_entry


def test_an_entry_shows_its_title_text_and_date(alex: Persona, client_for: ClientFor) -> None:
    set_discreet_mode(user=alex.user, on=False)  # so the page has its own title
    entry = write_entry(alex, "First line.\n\nSecond paragraph.", title="A hard day")

    response = client_for(alex).get(f"/journal/{entry.id}/")

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert doc.one("h1").text() == "A hard day"
    assert doc.one("title").text().startswith("Journal entry")
    paragraphs = [p.text() for p in doc.one("div", class_="entry-body").find_all("p")]
    assert paragraphs == ["First line.", "Second paragraph."]
    assert doc.one("time").attrs["datetime"].startswith(f"{entry.created_at:%Y-%m-%d}")


def test_an_entry_without_a_title_gets_a_plain_heading(
    alex: Persona, client_for: ClientFor
) -> None:
    entry = write_entry(alex, "no title here")

    doc = html_of(client_for(alex).get(f"/journal/{entry.id}/"))

    assert doc.one("h1").text() == "Journal entry"


def test_an_entry_links_to_edit_and_delete_it(alex: Persona, client_for: ClientFor) -> None:
    entry = write_entry(alex, "text")

    doc = html_of(client_for(alex).get(f"/journal/{entry.id}/"))

    assert doc.find("a", {"href": f"/journal/{entry.id}/edit/"}) is not None
    assert doc.find("a", {"href": f"/journal/{entry.id}/delete/"}) is not None


def test_someone_elses_entry_is_not_found(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    theirs = write_entry(sam, "sam's private words", title="Sam's title")

    response = client_for(alex).get(f"/journal/{theirs.id}/")

    assert response.status_code == 404
    assert "sam's private words" not in source(response)
    assert "Sam's title" not in source(response)


def test_an_entry_that_does_not_exist_is_not_found(alex: Persona, client_for: ClientFor) -> None:
    assert client_for(alex).get(f"/journal/{uuid.uuid4()}/").status_code == 404


def test_reading_an_entry_needs_you_to_be_logged_in(visitor: Client, alex: Persona) -> None:
    entry = write_entry(alex, "private")

    response = visitor.get(f"/journal/{entry.id}/")

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/journal/{entry.id}/"


def test_a_new_entry_is_not_marked_edited_but_a_changed_one_is(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    entry = journal.create_entry(user=alex.user, title="", body="first words")
    assert "edited" not in client.get(f"/journal/{entry.id}/").content.decode()
    Entry.objects.filter(pk=entry.pk).update(updated_at=entry.created_at + timedelta(minutes=5))
    assert "edited" in client.get(f"/journal/{entry.id}/").content.decode()


def test_the_page_title_never_shows_the_entry_title(alex: Persona, client_for: ClientFor) -> None:
    # Page titles are kept in browser history, where someone else may look.
    entry = write_entry(alex, "body text", title="Why I still love them")
    page = client_for(alex).get(f"/journal/{entry.id}/").content.decode()
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "love them" not in title
    assert "Why I still love them" in page
