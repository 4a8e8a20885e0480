"""Discreet mode: neutral page titles and header name for someone whose phone others may read."""

from __future__ import annotations

from typing import get_args

import pytest
from django.test import Client

from heartwork.accounts.services import set_discreet_mode
from heartwork.drafts.services import save_draft
from heartwork.web.discreet import SubjectKind, neutral_subject, site_name
from tests.conftest import Persona, csrf_post, make_persona, pass_safety_check
from tests.web.pages import Element, Page, assert_page_basics, html_of, messages, source
from tests.web.steps import ClientFor, write_entry

TOGGLE = "/accounts/discreet/"


def title_of(doc: Element) -> str:
    return doc.one("title").text()


def brand_of(doc: Element) -> str:
    return doc.one("header").one("a", class_="brand").text()


def main_pages(persona: Persona, client: Client) -> dict[str, Page]:
    entry = write_entry(persona, "words", title="A private title")
    draft = save_draft(user=persona.user, kind="apology", text="sorry")
    urls = [
        "/",
        "/journal/",
        "/journal/new/",
        f"/journal/{entry.id}/",
        f"/journal/{entry.id}/edit/",
        f"/journal/{entry.id}/delete/",
        "/coach/",
        "/coach/drafts/",
        f"/coach/drafts/{draft.id}/",
        f"/coach/drafts/{draft.id}/delete/",
        "/accounts/",
        "/accounts/password/",
        "/accounts/confirm/",
        "/no/such/page/",
    ]
    return {url: client.get(url) for url in urls}


@pytest.fixture
def alex(alex: Persona) -> Persona:
    """alex has told us nobody else reads their phone: discreet mode is off."""
    set_discreet_mode(user=alex.user, on=False)
    return alex


@pytest.fixture
def sam(sam: Persona) -> Persona:
    set_discreet_mode(user=sam.user, on=False)
    return sam


def test_discreet_mode_is_on_for_a_new_account_until_they_say_otherwise(
    db: None, client_for: ClientFor
) -> None:
    # SAFETY.md principle 5: assume someone else may read the phone.
    newcomer = make_persona("new@example.org")
    assert newcomer.user.discreet_mode is True

    doc = html_of(client_for(newcomer).get("/accounts/"))

    assert title_of(doc) == "Notes"
    assert brand_of(doc) == "Notes"
    assert "Heartwork" not in doc.one("main").text()


def test_the_account_page_offers_one_button_to_turn_it_on(
    alex: Persona, client_for: ClientFor
) -> None:
    doc = assert_page_basics(client_for(alex).get("/accounts/"))

    form = doc.one("form", {"action": TOGGLE})
    assert form.attrs["method"] == "post"
    assert form.one("input", {"name": "discreet_mode"}).attrs["value"] == "on"
    assert form.one("button").text() == "Turn discreet mode on"
    assert form.find("input", {"name": "csrfmiddlewaretoken"}) is not None


def test_turning_it_on_makes_every_main_page_neutral(alex: Persona, client_for: ClientFor) -> None:
    pass_safety_check(alex)  # so the coach page shows, rather than the safety check
    client = client_for(alex)

    response = csrf_post(client, TOGGLE, {"discreet_mode": "on"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/"
    alex.user.refresh_from_db()
    assert alex.user.discreet_mode is True
    for url, page in main_pages(alex, client).items():
        doc = html_of(page)
        assert title_of(doc) == "Notes", url
        assert brand_of(doc) == "Notes", url
        # Static paths are lower case; the name itself must show nowhere on the page.
        assert "Heartwork" not in source(page), url


def test_turning_it_on_says_so_and_offers_the_way_back(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    csrf_post(client, TOGGLE, {"discreet_mode": "on"})

    response = client.get("/accounts/")

    assert messages(response) == ["Discreet mode is on. Pages are now only called “Notes”."]
    form = html_of(response).one("form", {"action": TOGGLE})
    assert form.one("input", {"name": "discreet_mode"}).attrs["value"] == "off"
    assert form.one("button").text() == "Turn discreet mode off"


def test_turning_it_off_brings_the_normal_titles_back(alex: Persona, client_for: ClientFor) -> None:
    set_discreet_mode(user=alex.user, on=True)
    client = client_for(alex)

    response = csrf_post(client, TOGGLE, {"discreet_mode": "off"})

    assert response.status_code == 302
    alex.user.refresh_from_db()
    assert alex.user.discreet_mode is False
    doc = html_of(client.get("/journal/"))
    assert title_of(doc).endswith(" · Heartwork")
    assert brand_of(doc) == "Heartwork"


def test_sending_the_same_choice_twice_keeps_it(alex: Persona, client_for: ClientFor) -> None:
    # The form sends the wanted state, not "toggle": a double tap cannot undo it.
    client = client_for(alex)
    csrf_post(client, TOGGLE, {"discreet_mode": "on"})
    csrf_post(client, TOGGLE, {"discreet_mode": "on"})

    alex.user.refresh_from_db()
    assert alex.user.discreet_mode is True


@pytest.mark.parametrize("value", ["", "yes", "toggle"])
def test_an_unknown_choice_is_refused_and_changes_nothing(
    alex: Persona, client_for: ClientFor, value: str
) -> None:
    response = csrf_post(client_for(alex), TOGGLE, {"discreet_mode": value})

    assert response.status_code == 400
    alex.user.refresh_from_db()
    assert alex.user.discreet_mode is False


def test_the_switch_needs_the_forms_csrf_token(alex: Persona, client_for: ClientFor) -> None:
    response = client_for(alex).post(TOGGLE, {"discreet_mode": "on"})

    assert response.status_code == 403
    alex.user.refresh_from_db()
    assert alex.user.discreet_mode is False


def test_the_switch_needs_you_to_be_logged_in(visitor: Client) -> None:
    response = csrf_post(visitor, TOGGLE, {"discreet_mode": "on"})

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={TOGGLE}"


def test_the_switch_only_answers_posts(alex: Persona, client_for: ClientFor) -> None:
    assert client_for(alex).get(TOGGLE).status_code == 405


def test_it_needs_no_password_confirmation(alex: Persona, client_for: ClientFor) -> None:
    # A fresh login session without sudo: hiding the name must never be slowed down.
    response = csrf_post(client_for(alex), TOGGLE, {"discreet_mode": "on"})

    assert response["Location"] == "/accounts/"


def test_it_is_only_for_the_person_who_turned_it_on(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    set_discreet_mode(user=alex.user, on=True)

    doc = html_of(client_for(sam).get("/journal/"))

    assert title_of(doc) == "Journal · Heartwork"
    assert brand_of(doc) == "Heartwork"


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/accounts/signup/"])
def test_logged_out_pages_keep_the_normal_title(alex: Persona, visitor: Client, url: str) -> None:
    set_discreet_mode(user=alex.user, on=True)

    doc = html_of(visitor.get(url))

    assert title_of(doc).endswith(" · Heartwork")
    assert brand_of(doc) == "Heartwork"


@pytest.mark.parametrize("kind", get_args(SubjectKind))
def test_neutral_subjects_say_nothing_about_the_app_or_the_person(kind: SubjectKind) -> None:
    subject = neutral_subject(kind)

    assert subject
    assert "heartwork" not in subject.lower()
    for word in ["partner", "journal", "coach", "safety", "abuse", "relationship", "ex"]:
        assert word not in subject.lower().split(), (kind, word)


def test_the_default_subject_is_the_generic_one() -> None:
    assert neutral_subject() == neutral_subject("update") == "You have an update"


def test_the_site_name_follows_the_setting(alex: Persona) -> None:
    assert site_name(alex.user) == "Heartwork"
    set_discreet_mode(user=alex.user, on=True)
    assert site_name(alex.user) == "Notes"
    assert site_name(None) == "Heartwork"
