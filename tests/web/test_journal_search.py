"""Searching one's own journal on /journal/: words and a stage, decrypted in memory."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from heartwork.journal import selectors
from heartwork.journal.models import Entry
from tests.conftest import Persona, csrf_post
from tests.web.pages import Page, assert_page_basics, field_error, html_of, main_text
from tests.web.steps import ClientFor, write_entry

LIST = "/journal/"


def found_titles(response: Page) -> list[str]:
    results = html_of(response).one("section", class_="journal-results")
    listed = results.find("ul", class_="entry-list")
    return [item.one("a").text() for item in listed.find_all("li")] if listed else []


def status_line(response: Page) -> str:
    return html_of(response).one(class_="journal-found").text()


def search(client: Any, **data: str) -> Page:
    response: Page = csrf_post(client, LIST, data)
    return response


def test_the_list_has_a_labelled_search_box(alex: Persona, client_for: ClientFor) -> None:
    response = client_for(alex).get(LIST)

    doc = assert_page_basics(response)
    form = doc.one("form", {"role": "search"})
    assert form.attrs["method"] == "post"
    assert doc.one("label", {"for": "id_q"}).text() == "Find entries with these words"
    assert doc.one("input", {"name": "q"}).attrs["type"] == "search"
    assert "nothing is kept" in form.text()


def test_words_find_the_entries_that_hold_all_of_them(alex: Persona, client_for: ClientFor) -> None:
    write_entry(alex, "We walked by the river and talked.", title="Sunday", minutes_ago=3)
    write_entry(alex, "The river was loud today.", title="Monday", minutes_ago=2)
    write_entry(alex, "Stayed in and read.", title="Tuesday", minutes_ago=1)

    response = search(client_for(alex), q="River WALK")

    assert response.status_code == 200
    assert found_titles(response) == ["Sunday"]
    assert status_line(response) == "1 entry found."


def test_search_words_stay_out_of_the_address_bar(alex: Persona, client_for: ClientFor) -> None:
    write_entry(alex, "A secret about the lighthouse.", title="Night")

    response = search(client_for(alex), q="lighthouse")

    # Answered in place, not redirected to a URL holding the words.
    assert response.status_code == 200
    assert found_titles(response) == ["Night"]


def test_a_link_with_the_words_in_it_works_too(alex: Persona, client_for: ClientFor) -> None:
    write_entry(alex, "Café by the sea.", title="Trip")

    response = client_for(alex).get(LIST, {"q": "cafe"})

    assert found_titles(response) == ["Trip"]


def test_a_stage_narrows_the_search(alex: Persona, client_for: ClientFor) -> None:
    from heartwork.journal.services import create_entry

    create_entry(user=alex.user, title="Urge", body="I wanted to text.", stage="space")
    create_entry(
        user=alex.user, title="Apology", body="I wanted to say sorry.", stage="own_mistakes"
    )

    client = client_for(alex)
    response = search(client, q="wanted", stage="space")

    assert found_titles(response) == ["Urge"]
    only_stage = search(client, stage="own_mistakes")
    assert found_titles(only_stage) == ["Apology"]
    assert "Own my mistakes" in html_of(only_stage).one(class_="entry-stage").text()


def test_no_match_says_so_kindly(alex: Persona, client_for: ClientFor) -> None:
    write_entry(alex, "Quiet day.")

    response = search(client_for(alex), q="volcano")

    assert found_titles(response) == []
    assert status_line(response) == "0 entries found."
    assert "Try fewer words" in main_text(response)


def test_too_long_a_search_is_refused_next_to_the_box(alex: Persona, client_for: ClientFor) -> None:
    response = search(client_for(alex), q="x" * 201)

    assert "at most 200 characters" in field_error(response, "q")
    assert html_of(response).find("section", class_="journal-results") is None


def test_an_unknown_stage_is_refused_next_to_its_menu(alex: Persona, client_for: ClientFor) -> None:
    response = search(client_for(alex), q="x", stage="not_a_stage")

    assert "Choose a stage from the list" in field_error(response, "stage")


def test_only_your_own_entries_are_searched(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    write_entry(alex, "alex wrote about the orchard", title="Orchard")

    response = search(client_for(sam), q="orchard")

    assert found_titles(response) == []
    assert "Orchard" not in response.content.decode()


def test_a_long_journal_stops_at_the_newest_matches_and_says_so(
    alex: Persona, client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "MAX_RESULTS", 3)
    for minutes_ago in range(6, 0, -1):
        write_entry(
            alex,
            f"garden day {minutes_ago}",
            title=f"Garden {minutes_ago}",
            minutes_ago=minutes_ago,
        )

    response = search(client_for(alex), q="garden")

    assert found_titles(response) == ["Garden 1", "Garden 2", "Garden 3"]
    assert "These are the newest ones" in status_line(response)


def test_searching_a_long_journal_is_one_streamed_read(
    alex: Persona, client_for: ClientFor
) -> None:
    for n in range(450):
        Entry(user=alex.user, title="", body=f"entry {n}").save(force_insert=True)

    with CaptureQueriesContext(connection) as queries:
        response = search(client_for(alex), q="nothing-like-this")

    assert found_titles(response) == []
    reads = [q["sql"] for q in queries if 'FROM "journal_entry"' in q["sql"]]
    # One query, its rows fetched a batch at a time, not one query per entry.
    assert len(reads) == 1
