"""Writing a new journal entry."""

from __future__ import annotations

from django.db import connection
from django.test import Client

from heartwork.journal.models import Entry
from tests.conftest import Persona, csrf_post
from tests.web.pages import assert_page_basics, control, field_error, html_of, messages
from tests.web.steps import ClientFor

NEW = "/journal/new/"


def test_the_new_entry_page_has_a_labelled_title_and_text_box(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(NEW)

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert control(doc, "title").tag == "input"
    assert control(doc, "body").tag == "textarea"
    assert "optional" in doc.one("label", {"for": "id_title"}).text()


def test_saving_an_entry_shows_it_and_says_only_you_can_read_it(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    response = csrf_post(client, NEW, {"title": "After the call", "body": "I felt calmer."})

    entry = Entry.objects.get(user=alex.user)
    assert response.status_code == 302
    assert response["Location"] == f"/journal/{entry.id}/"
    page = client.get(response["Location"])
    assert "After the call" in html_of(page).one("h1").text()
    assert "I felt calmer." in html_of(page).one("main").text()
    assert "Only you can read this" in " ".join(messages(page))


def test_the_title_is_optional(alex: Persona, client_for: ClientFor) -> None:
    response = csrf_post(client_for(alex), NEW, {"title": "", "body": "Just a few words."})

    assert response.status_code == 302
    entry = Entry.objects.get(user=alex.user)
    assert entry.title == ""
    assert entry.body == "Just a few words."


def test_an_empty_entry_is_refused_next_to_the_text_box_and_nothing_is_saved(
    alex: Persona, client_for: ClientFor
) -> None:
    response = csrf_post(client_for(alex), NEW, {"title": "Kept title", "body": ""})

    assert response.status_code == 200
    assert "Write something before saving" in field_error(response, "body")
    assert control(html_of(response), "title").attrs["value"] == "Kept title"
    assert not Entry.objects.exists()


def test_an_entry_of_only_spaces_counts_as_empty(alex: Persona, client_for: ClientFor) -> None:
    response = csrf_post(client_for(alex), NEW, {"body": "   \n  "})

    assert "Write something before saving" in field_error(response, "body")
    assert not Entry.objects.exists()


def test_a_title_over_the_limit_is_refused_next_to_the_title(
    alex: Persona, client_for: ClientFor
) -> None:
    response = csrf_post(client_for(alex), NEW, {"title": "t" * 201, "body": "fine"})

    assert "at most 200 characters" in field_error(response, "title")
    assert not Entry.objects.exists()


def test_what_you_write_is_stored_encrypted(alex: Persona, client_for: ClientFor) -> None:
    csrf_post(client_for(alex), NEW, {"title": "Secret title", "body": "secret body text"})

    with connection.cursor() as cursor:
        cursor.execute("SELECT title, body FROM journal_entry")
        [(title, body)] = cursor.fetchall()
    assert b"Secret title" not in bytes(title)
    assert b"secret body text" not in bytes(body)


def test_html_in_an_entry_is_shown_as_text_not_run(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)
    response = csrf_post(
        client, NEW, {"title": "<b>bold</b>", "body": "<script>alert('hi')</script>"}
    )

    page = client.get(response["Location"]).content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;hi&#x27;)&lt;/script&gt;" in page
    assert "<b>bold</b>" not in page


def test_a_new_entry_without_the_forms_csrf_token_is_refused(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).post(NEW, {"body": "forged"})

    assert response.status_code == 403
    assert not Entry.objects.exists()


def test_writing_needs_you_to_be_logged_in(visitor: Client) -> None:
    get = visitor.get(NEW)
    post = csrf_post(visitor, NEW, {"body": "anonymous"})

    assert get.status_code == 302
    assert get["Location"] == "/accounts/login/?next=/journal/new/"
    assert post["Location"].startswith("/accounts/login/")
    assert not Entry.objects.exists()


def test_the_browser_is_asked_not_to_remember_typed_titles(
    alex: Persona, client_for: ClientFor
) -> None:
    page = client_for(alex).get("/journal/new/").content.decode()
    title_input = page.split('name="title"', 1)[1].split(">", 1)[0]
    assert 'autocomplete="off"' in title_input
