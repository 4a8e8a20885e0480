"""The journal list: only your entries, newest first, twenty to a page."""

from __future__ import annotations

from django.test import Client

from tests.conftest import Persona
from tests.web.pages import assert_page_basics, html_of, source
from tests.web.steps import ClientFor, write_entry

LIST = "/journal/"


def listed(client: Client, page: int | None = None) -> list[str]:
    response = client.get(LIST, {"page": page} if page else {})
    assert response.status_code == 200
    entry_list = html_of(response).find("ul", class_="entry-list")
    return [] if entry_list is None else [a.text() for a in entry_list.find_all("a")]


def test_an_empty_journal_invites_a_first_entry(alex: Persona, client_for: ClientFor) -> None:
    response = client_for(alex).get(LIST)

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert "Your first entry can be a single sentence" in doc.one("main").text()
    assert doc.find("a", {"href": "/journal/new/"}) is not None


def test_entries_are_listed_newest_first(alex: Persona, client_for: ClientFor) -> None:
    write_entry(alex, "first body", title="Monday", minutes_ago=30)
    write_entry(alex, "second body", title="Tuesday", minutes_ago=20)
    write_entry(alex, "third body", title="Wednesday", minutes_ago=10)

    assert listed(client_for(alex)) == ["Wednesday", "Tuesday", "Monday"]


def test_an_entry_without_a_title_is_listed_by_its_first_words(
    alex: Persona, client_for: ClientFor
) -> None:
    words = " ".join(f"word{n}" for n in range(30))
    write_entry(alex, words)

    [shown] = listed(client_for(alex))

    assert shown.startswith("word0 word1")
    assert "word12" not in shown
    assert shown.endswith("…")


def test_only_your_own_entries_are_listed(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    write_entry(alex, "alex wrote this", title="Alex's entry")
    theirs = write_entry(sam, "sam wrote this", title="Sam's entry")

    response = client_for(alex).get(LIST)

    assert listed(client_for(alex)) == ["Alex's entry"]
    assert "Sam's entry" not in source(response)
    assert "sam wrote this" not in source(response)
    assert str(theirs.id) not in source(response)


def test_the_list_shows_twenty_entries_a_page_and_links_to_older_ones(
    alex: Persona, client_for: ClientFor
) -> None:
    for n in range(25):
        write_entry(alex, f"body {n}", title=f"Entry {n:02}", minutes_ago=n)
    client = client_for(alex)

    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})

    assert listed(client) == [f"Entry {n:02}" for n in range(20)]
    assert listed(client, page=2) == [f"Entry {n:02}" for n in range(20, 25)]
    first_pager = html_of(first).one("nav", class_="pager")
    assert first_pager.one("a", {"rel": "next"}).attrs["href"] == "?page=2"
    assert first_pager.find("a", {"rel": "prev"}) is None
    assert "Page 1 of 2" in first_pager.text()
    second_pager = html_of(second).one("nav", class_="pager")
    assert second_pager.one("a", {"rel": "prev"}).attrs["href"] == "?page=1"
    assert second_pager.find("a", {"rel": "next"}) is None


def test_a_page_number_out_of_range_shows_the_last_page(
    alex: Persona, client_for: ClientFor
) -> None:
    write_entry(alex, "only one", title="Only entry")
    client = client_for(alex)

    assert listed(client, page=99) == ["Only entry"]
    assert client.get(LIST, {"page": "not-a-number"}).status_code == 200


def test_twenty_entries_or_fewer_need_no_pages(alex: Persona, client_for: ClientFor) -> None:
    for n in range(20):
        write_entry(alex, f"body {n}", minutes_ago=n)

    response = client_for(alex).get(LIST)

    assert html_of(response).find("nav", class_="pager") is None


def test_the_journal_needs_you_to_be_logged_in(visitor: Client) -> None:
    response = visitor.get(LIST)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/journal/"
