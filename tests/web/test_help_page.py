"""The help page: the lines for your country, one tap to call or text, from every page."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.test import Client

from heartwork.accounts.services import set_country, set_discreet_mode
from heartwork.safety.crisis import help_sections
from heartwork.safety.resources import for_country, load_table
from heartwork.web.views import server_error
from tests.conftest import Persona, csrf_post
from tests.web.pages import (
    Element,
    Page,
    assert_page_basics,
    html_of,
    inline_scripts,
    inline_styles,
    main_text,
    messages,
)
from tests.web.steps import ClientFor
from tests.web.test_errors import server_error_request

HELP = "/help/"
DIRECTORY = "https://findahelpline.com"


def hrefs(doc: Element, scheme: str) -> set[str]:
    return {
        link.attrs["href"]
        for link in doc.one("main").find_all("a")
        if link.attrs.get("href", "").startswith(scheme)
    }


def line_named(doc: Element, name: str) -> Element:
    found = [line for line in doc.find_all("article", class_="help-line") if name in line.text()]
    assert len(found) == 1, f"expected one line named {name!r}, found {len(found)}"
    return found[0]


def section(doc: Element, kind: str) -> Element:
    return doc.one("section", {"aria-labelledby": f"help-{kind}"})


def save_form_error(response: Page) -> str:
    """The error shown inside the save-country form, tied to its menu."""
    form = html_of(response).one("form", {"method": "post", "action": HELP})
    menu = form.one("select", {"name": "country"})
    errors = form.one(class_="field-errors")
    assert menu.attrs.get("aria-invalid") == "true"
    assert errors.attrs["id"] in menu.attrs.get("aria-describedby", "").split()
    return errors.text()


def test_a_visitor_without_a_country_sees_lines_that_work_anywhere(visitor: Client) -> None:
    response = visitor.get(HELP)

    assert response.status_code == 200
    doc = assert_page_basics(response)
    text = doc.one("main").text()
    assert "call your local emergency number" in text.lower()
    assert doc.one("main").find("a", {"href": DIRECTORY}) is not None
    assert doc.one("select", {"id": "pick-country"}) is not None


def test_a_visitor_who_picks_a_country_sees_its_lines_with_one_tap_to_call_or_text(
    visitor: Client,
) -> None:
    doc = assert_page_basics(visitor.get(HELP, {"country": "GB"}))

    assert "Showing help lines for United Kingdom" in doc.one("main").text()
    assert {"tel:999", "tel:116123", "tel:08088010327"} <= hrefs(doc, "tel:")
    assert "sms:85258?body=SHOUT" in hrefs(doc, "sms:")
    samaritans = line_named(doc, "Samaritans")
    assert samaritans.find("a", {"href": "tel:116123"}).text() == "Call 116 123"  # type: ignore[union-attr]
    assert "Hours: 24/7" in samaritans.text()
    assert "Checked on" in samaritans.text()
    assert samaritans.find(
        "a", {"href": "https://www.samaritans.org/how-we-can-help/contact-samaritan/"}
    )


def test_a_logged_in_person_sees_the_lines_for_their_saved_country(
    alex: Persona, client_for: ClientFor
) -> None:
    set_country(user=alex.user, country="US")

    doc = html_of(client_for(alex).get(HELP))

    assert "Showing help lines for United States" in doc.one("main").text()
    assert {"tel:911", "tel:988", "tel:18007997233"} <= hrefs(doc, "tel:")
    assert {"sms:988", "sms:88788?body=START"} <= hrefs(doc, "sms:")
    hotline = line_named(doc, "National Domestic Violence Hotline")
    assert "Text START to 88788" in hotline.text()
    assert hotline.find("a", {"href": "https://www.thehotline.org"}) is not None


def test_looking_at_another_country_does_not_change_the_saved_one(
    alex: Persona, client_for: ClientFor
) -> None:
    set_country(user=alex.user, country="US")
    client = client_for(alex)

    doc = html_of(client.get(HELP, {"country": "au"}))

    assert "Showing help lines for Australia" in doc.one("main").text()
    assert "tel:000" in hrefs(doc, "tel:")
    alex.user.refresh_from_db()
    assert alex.user.country == "US"
    assert "United States" in main_text(client.get(HELP))


@pytest.mark.parametrize("asked", ["ZZ", "x", "<script>", "GBRGBRGBRGBR", "1!"])
def test_a_country_we_do_not_know_shows_the_international_list_with_a_gentle_note(
    visitor: Client, asked: str
) -> None:
    response = visitor.get(HELP, {"country": asked})

    assert response.status_code == 200
    doc = assert_page_basics(response)
    note = doc.one("main").one(class_="notice")
    assert "do not have checked help lines for that country yet" in note.text()
    assert doc.one("main").find("a", {"href": DIRECTORY}) is not None
    assert "<script>" not in response.content.decode()


def test_every_line_shows_hours_audience_a_checked_date_and_a_source(visitor: Client) -> None:
    for code in load_table().countries:
        doc = html_of(visitor.get(HELP, {"country": code}))
        lines = doc.find_all("article", class_="help-line")
        assert lines, code
        for line in lines:
            assert "Hours:" in line.text(), (code, line.text())
            assert "Checked on" in line.text(), (code, line.text())
            assert line.one(class_="audience").text(), code
            assert line.find("a", {"rel": "noreferrer"}) is not None, code


def test_a_women_only_line_is_marked_and_follows_a_line_for_everyone(visitor: Client) -> None:
    doc = html_of(visitor.get(HELP, {"country": "GB"}))
    abuse = section(doc, "abuse")

    lines = abuse.find_all("article", class_="help-line")
    assert lines[0].one(class_="audience").text().startswith("For everyone")
    refuge = line_named(doc, "National Domestic Abuse Helpline")
    assert refuge.one(class_="audience").text() == "For women"


def test_no_country_offers_a_line_for_one_group_without_one_for_everyone(visitor: Client) -> None:
    for code in load_table().countries:
        doc = html_of(visitor.get(HELP, {"country": code}))
        for block in doc.find_all("section", class_="help-section"):
            audiences = [node.text() for node in block.find_all(class_="audience")]
            assert audiences[0].startswith("For everyone"), (code, audiences)


def test_when_only_a_womens_line_is_left_the_directory_comes_first_for_everyone() -> None:
    britain = for_country("GB")
    entries = tuple(
        entry
        for entry in britain.entries
        if not (entry.kind == "abuse" and entry.audience == "all")
    )

    abuse = next(s for s in help_sections(replace(britain, entries=entries)) if s.kind == "abuse")

    assert abuse.lines[0].name == "Find A Helpline"
    assert abuse.lines[0].audience_label == "For everyone"
    assert "For women" in [line.audience_label for line in abuse.lines]


def test_the_page_says_calls_may_show_in_call_history_or_on_a_bill(visitor: Client) -> None:
    text = main_text(visitor.get(HELP, {"country": "GB"}))

    assert "call history or on a phone bill" in text
    assert "web chat" in text


def test_the_page_links_to_the_directory_for_other_countries(visitor: Client) -> None:
    doc = html_of(visitor.get(HELP, {"country": "US"}))

    assert doc.one("h2", {"id": "other-countries"}).text() == "Other countries"
    assert doc.one("main").find("a", {"href": DIRECTORY}) is not None


def test_a_person_can_save_their_country(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)

    response = csrf_post(client, HELP, {"country": "gb"})

    assert response.status_code == 302
    assert response["Location"] == HELP
    alex.user.refresh_from_db()
    assert alex.user.country == "GB"
    page = client.get(HELP)
    assert "Saved. This page now shows lines for United Kingdom." in messages(page)
    assert "Showing help lines for United Kingdom" in main_text(page)


def test_uk_is_saved_as_the_united_kingdom(alex: Persona, client_for: ClientFor) -> None:
    csrf_post(client_for(alex), HELP, {"country": "UK"})

    alex.user.refresh_from_db()
    assert alex.user.country == "GB"


def test_choosing_other_country_clears_the_saved_one(alex: Persona, client_for: ClientFor) -> None:
    set_country(user=alex.user, country="GB")

    response = csrf_post(client_for(alex), HELP, {"country": ""})

    assert response.status_code == 302
    alex.user.refresh_from_db()
    assert alex.user.country == ""


def test_the_save_form_shows_the_saved_country(alex: Persona, client_for: ClientFor) -> None:
    set_country(user=alex.user, country="IE")

    doc = html_of(client_for(alex).get(HELP))

    menu = doc.one("form", {"method": "post", "action": HELP}).one("select", {"name": "country"})
    assert menu.one("option", {"selected": ""}).attrs["value"] == "IE"


@pytest.mark.parametrize("typed", ["GBR", "1!", "g"])
def test_a_country_that_is_not_two_letters_is_refused_next_to_the_field(
    alex: Persona, client_for: ClientFor, typed: str
) -> None:
    set_country(user=alex.user, country="US")

    response = csrf_post(client_for(alex), HELP, {"country": typed})

    assert response.status_code == 200
    assert "A country is two letters" in save_form_error(response)
    alex.user.refresh_from_db()
    assert alex.user.country == "US"


def test_a_country_without_checked_lines_is_refused_next_to_the_field(
    alex: Persona, client_for: ClientFor
) -> None:
    response = csrf_post(client_for(alex), HELP, {"country": "ZZ"})

    assert response.status_code == 200
    assert "no checked help lines for that country" in save_form_error(response)
    alex.user.refresh_from_db()
    assert alex.user.country == ""


def test_saving_needs_the_forms_csrf_token(alex: Persona, client_for: ClientFor) -> None:
    response = client_for(alex).post(HELP, {"country": "GB"})

    assert response.status_code == 403
    alex.user.refresh_from_db()
    assert alex.user.country == ""


def test_a_visitor_has_no_save_form_and_is_asked_to_log_in_to_save(visitor: Client) -> None:
    doc = html_of(visitor.get(HELP))
    assert doc.find("form", {"method": "post", "action": HELP}) is None

    response = csrf_post(visitor, HELP, {"country": "GB"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_help_page_has_no_inline_script_or_style(
    visitor: Client, alex: Persona, client_for: ClientFor
) -> None:
    responses: list[Page] = [
        visitor.get(HELP, {"country": "US"}),
        visitor.get(HELP, {"country": "ZZ"}),
        csrf_post(client_for(alex), HELP, {"country": "GBR"}),
    ]
    for response in responses:
        doc = html_of(response)
        assert inline_scripts(doc) == []
        assert inline_styles(doc) == []


def test_the_help_page_is_never_stored_by_the_browser(alex: Persona, client_for: ClientFor) -> None:
    response = client_for(alex).get(HELP)

    assert "no-store" in response["Cache-Control"]


@pytest.fixture
def every_kind_of_page(visitor: Client, alex: Persona, client_for: ClientFor) -> dict[str, Page]:
    pages: dict[str, Page] = {}
    for url in ["/", "/accounts/login/", "/accounts/signup/", HELP, "/no/such/page/"]:
        pages[f"visitor {url}"] = visitor.get(url)
    pages["csrf failure"] = Client(enforce_csrf_checks=True).post("/accounts/login/", {})
    set_discreet_mode(user=alex.user, on=False)  # discreet mode has its own test below
    client = client_for(alex)
    for url in ["/", "/journal/", "/journal/new/", "/accounts/", HELP, "/no/such/page/"]:
        pages[f"alex {url}"] = client.get(url)
    pages["alex /coach/"] = client.get("/coach/", follow=True)
    pages["server error"] = server_error(server_error_request(client_for(alex)))
    return pages


def help_link(doc: Element) -> Element:
    return doc.one("header").one("a", {"href": HELP})


def test_every_page_has_a_get_help_link_in_its_header(
    every_kind_of_page: dict[str, Page],
) -> None:
    for name, response in every_kind_of_page.items():
        assert help_link(html_of(response)).text() == "Get help", name


def test_in_discreet_mode_the_header_link_says_only_help(
    alex: Persona, client_for: ClientFor
) -> None:
    set_discreet_mode(user=alex.user, on=True)
    client = client_for(alex)

    for url in ["/", "/journal/", "/accounts/", HELP, "/no/such/page/"]:
        doc = html_of(client.get(url))
        assert help_link(doc).text() == "Help", url
    assert html_of(client.get(HELP)).one("h1").text() == "Help"
