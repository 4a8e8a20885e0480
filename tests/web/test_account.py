"""The account page: who you are, your password, and your API tokens."""

from __future__ import annotations

from django.test import Client

from heartwork.accounts.services import issue_token
from tests.conftest import Persona, csrf_post
from tests.web.pages import assert_page_basics, control, html_of, main_text, source
from tests.web.steps import ClientFor

ACCOUNT = "/accounts/"


def test_the_account_page_shows_who_you_are_logged_in_as(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(ACCOUNT)

    assert response.status_code == 200
    assert_page_basics(response)
    assert "You log in as alex@example.org" in main_text(response)
    assert 'href="/accounts/password/"' in response.content.decode()


def test_your_tokens_are_listed_by_prefix_and_name_but_never_in_full(
    alex: Persona, client_for: ClientFor
) -> None:
    token, raw = issue_token(user=alex.user, label="my notes script")

    response = client_for(alex).get(ACCOUNT)

    text = main_text(response)
    assert token.prefix in text
    assert "my notes script" in text
    assert raw not in response.content.decode()
    assert alex.token not in response.content.decode()
    assert f'action="/accounts/tokens/{token.id}/revoke/"' in response.content.decode()


def test_someone_elses_tokens_are_not_on_your_account_page(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    token, _ = issue_token(user=sam.user, label="sam's phone")

    response = client_for(alex).get(ACCOUNT)

    page = source(response)
    assert "sam's phone" not in page
    assert str(token.id) not in page
    assert "sam@example.net" not in page


def test_the_account_page_offers_a_labelled_box_to_name_a_new_token(
    alex: Persona, client_for: ClientFor
) -> None:
    doc = assert_page_basics(client_for(alex).get(ACCOUNT))

    assert control(doc, "label").attrs["maxlength"] == "60"
    assert doc.one("form", {"action": "/accounts/tokens/"}).attrs["method"] == "post"


def test_the_account_page_needs_you_to_be_logged_in(visitor: Client) -> None:
    response = visitor.get(ACCOUNT)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/"


def test_the_time_zone_is_chosen_from_a_labelled_list_and_saved(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    doc = assert_page_basics(client.get("/accounts/"))
    choice = control(doc, "time_zone")
    values = [option.attrs.get("value") for option in choice.find_all("option")]
    assert "" in values and "Europe/Dublin" in values

    response = csrf_post(client, "/accounts/time-zone/", {"time_zone": "Europe/Dublin"})
    assert response.status_code == 302
    alex.user.refresh_from_db()
    assert alex.user.time_zone == "Europe/Dublin"

    csrf_post(client, "/accounts/time-zone/", {"time_zone": "Mars/Olympus_Mons"})
    alex.user.refresh_from_db()
    assert alex.user.time_zone == "Europe/Dublin"  # a bad choice changes nothing


def test_pages_show_times_in_the_persons_own_time_zone(
    alex: Persona, client_for: ClientFor
) -> None:
    from datetime import UTC, datetime

    from heartwork.accounts.services import set_time_zone
    from heartwork.journal.models import Entry
    from tests.web.steps import write_entry

    entry = write_entry(alex, "A long day.")
    Entry.objects.filter(pk=entry.pk).update(created_at=datetime(2026, 3, 1, 3, 30, tzinfo=UTC))
    client = client_for(alex)

    set_time_zone(user=alex.user, name="America/New_York")
    shown = html_of(client.get("/journal/")).one("time")
    assert shown.attrs["datetime"].startswith("2026-02-28T22:30")
    assert "Feb" in shown.text() and "28" in shown.text()

    set_time_zone(user=alex.user, name="Pacific/Auckland")
    shown = html_of(client.get("/journal/")).one("time")
    assert shown.attrs["datetime"].startswith("2026-03-01T16:30")
