"""The crisis card: full screen on every page while someone is in crisis, two steps to close."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from heartwork.accounts.services import set_country
from heartwork.partners.services import add_partner
from heartwork.safety.selectors import highest_level
from heartwork.safety.services import record_screen
from tests.conftest import Persona, answer_all, csrf_post, pass_safety_check
from tests.web.pages import Element, Page, html_of, inline_scripts, inline_styles, messages
from tests.web.steps import ClientFor

CLOSE = "/safety/crisis/close/"
CSS = Path(__file__).resolve().parents[2] / "src/heartwork/web/static/heartwork/site.css"
PAGES = ["/", "/journal/", "/journal/new/", "/accounts/", "/safety/", "/no/such/page/"]


def put_in_crisis(persona: Persona, **when: object) -> None:
    """The mood screen, answered with thoughts of death and a plan."""
    answers = answer_all("mood", death_thoughts="yes", plan="yes")
    record_screen(user=persona.user, screen_id="mood", answers=answers, **when)  # type: ignore[arg-type]


def card_of(response: Page) -> Element | None:
    return html_of(response).find(attrs={"role": "alertdialog"})


def the_card(response: Page) -> Element:
    card = card_of(response)
    assert card is not None, "no crisis card on the page"
    return card


def banner_of(response: Page) -> Element | None:
    return html_of(response).find("aside", class_="crisis-banner")


def links(node: Element, scheme: str) -> set[str]:
    return {
        a.attrs["href"] for a in node.find_all("a") if a.attrs.get("href", "").startswith(scheme)
    }


def close_in_two_steps(client: Client, next_url: str = "/journal/") -> Page:
    csrf_post(client, CLOSE, {"step": "1", "next": next_url})
    return csrf_post(client, CLOSE, {"step": "2", "next": next_url})


@pytest.fixture
def alex_in_crisis(alex: Persona) -> Persona:
    set_country(user=alex.user, country="GB")
    put_in_crisis(alex)
    return alex


def test_someone_whose_mood_check_shows_a_plan_sees_the_card_on_every_page(
    alex_in_crisis: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex_in_crisis)

    for url in PAGES:
        card = the_card(client.get(url))
        assert "Are you safe right now? Is someone with you?" in card.text(), url
    assert card_of(client.get("/coach/", follow=True)) is not None


def test_the_card_is_a_labelled_modal_dialog_that_takes_focus(
    alex_in_crisis: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex_in_crisis).get("/journal/")
    doc = html_of(response)
    card = the_card(response)

    assert card.attrs["aria-modal"] == "true"
    assert card.attrs["tabindex"] == "-1"
    assert "autofocus" in card.attrs
    heading = doc.one(attrs={"id": card.attrs["aria-labelledby"]})
    assert heading.tag == "h2" and heading.text()
    assert doc.one(attrs={"id": card.attrs["aria-describedby"]}).text()


def test_the_card_shows_the_emergency_number_and_the_crisis_line_to_call_and_text(
    alex_in_crisis: Persona, client_for: ClientFor
) -> None:
    card = the_card(client_for(alex_in_crisis).get("/"))

    assert "tel:999" in links(card, "tel:")
    assert "tel:116123" in links(card, "tel:")
    assert "sms:85258?body=SHOUT" in links(card, "sms:")
    assert card.find("a", {"href": "/help/"}) is not None


def test_the_card_follows_the_persons_country(alex: Persona, client_for: ClientFor) -> None:
    set_country(user=alex.user, country="US")
    put_in_crisis(alex)

    card = the_card(client_for(alex).get("/"))

    assert {"tel:911", "tel:988"} <= links(card, "tel:")
    assert "sms:988" in links(card, "sms:")


def test_without_a_country_the_card_points_to_the_local_emergency_number_and_the_directory(
    alex: Persona, client_for: ClientFor
) -> None:
    put_in_crisis(alex)

    card = the_card(client_for(alex).get("/"))

    assert "Call your local emergency number." in card.text()
    assert card.find("a", {"href": "https://findahelpline.com"}) is not None


def test_the_card_offers_hope_without_judgement_and_never_mentions_means_or_the_break_up(
    alex_in_crisis: Persona, client_for: ClientFor
) -> None:
    text = the_card(client_for(alex_in_crisis).get("/")).text().lower()

    assert "can ease" in text
    assert "no judgement" in text
    for word in ["break-up", "breakup", "partner", "ex ", "method", "pills", "overdose", "weapon"]:
        assert word not in text, word


def test_the_exit_link_comes_first_and_stays_above_the_card(
    alex_in_crisis: Persona, client_for: ClientFor
) -> None:
    doc = html_of(client_for(alex_in_crisis).get("/journal/"))
    body = [node for node in doc.one("body").children if isinstance(node, Element)]

    tags = [("quick-exit" in node.classes, node.attrs.get("role")) for node in body]
    assert tags.index((True, None)) < tags.index((False, "alertdialog"))
    css = CSS.read_text(encoding="utf-8")
    card_rule = re.search(r"^\.crisis-card \{(.*?)\}", css, flags=re.MULTILINE | re.DOTALL)
    assert card_rule is not None and "position: fixed" in card_rule.group(1)
    card_z = re.search(r"z-index: (\d+)", card_rule.group(1))
    exit_rule = re.search(r"^\.quick-exit \{(.*?)\}", css, flags=re.MULTILINE | re.DOTALL)
    exit_z = re.search(r"z-index: (\d+)", exit_rule.group(1))  # type: ignore[union-attr]
    assert card_z is not None and exit_z is not None
    assert int(card_z.group(1)) < int(exit_z.group(1))


def test_the_page_behind_the_card_is_inert(alex_in_crisis: Persona, client_for: ClientFor) -> None:
    doc = html_of(client_for(alex_in_crisis).get("/journal/"))

    for tag in ["header", "main", "footer"]:
        assert "inert" in doc.one(tag).attrs, tag


def test_the_card_needs_no_script_and_no_inline_style(
    alex_in_crisis: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex_in_crisis).get("/journal/")
    doc = html_of(response)

    assert inline_scripts(doc) == []
    assert inline_styles(doc) == []
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_one_tap_does_not_close_the_card_it_asks_to_confirm(
    alex_in_crisis: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex_in_crisis)
    form = the_card(client.get("/journal/")).one("form")
    assert form.attrs["action"] == CLOSE
    assert form.one("input", {"name": "step"}).attrs["value"] == "1"

    response = csrf_post(client, CLOSE, {"step": "1", "next": "/journal/"})

    assert response.status_code == 200
    doc = html_of(response)
    assert doc.one("h1").text() == "Close the help card?"
    assert "Help stays at the top of every page" in doc.one("main").text()
    confirm = doc.one("main").one("form", {"action": CLOSE})
    assert confirm.one("input", {"name": "step"}).attrs["value"] == "2"
    assert card_of(response) is None  # the card must not hide its own confirm button
    assert banner_of(response) is not None
    assert card_of(client.get("/journal/")) is not None


def test_opening_the_close_address_does_not_close_the_card(
    alex_in_crisis: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex_in_crisis)

    response = client.get(CLOSE)

    assert response.status_code == 200
    assert card_of(client.get("/")) is not None


def test_confirming_closes_the_card_and_returns_to_the_page(
    alex_in_crisis: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex_in_crisis)

    response = close_in_two_steps(client, "/journal/")

    assert response.status_code == 302
    assert response["Location"] == "/journal/"
    page = client.get("/journal/")
    assert card_of(page) is None
    assert any("Help stays at the top of every page" in text for text in messages(page))
    assert "inert" not in html_of(page).one("main").attrs


def test_after_closing_a_banner_with_the_crisis_line_stays_on_every_page(
    alex_in_crisis: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex_in_crisis)
    close_in_two_steps(client)

    for url in [*PAGES, "/help/"]:
        banner = banner_of(client.get(url))
        assert banner is not None, url
        assert "tel:116123" in links(banner, "tel:"), url
        assert "tel:999" in links(banner, "tel:"), url
        assert banner.find("a", {"href": "/help/"}) is not None, url


def test_closing_changes_no_level_and_coaching_stays_off(
    alex: Persona, client_for: ClientFor
) -> None:
    pass_safety_check(alex)
    put_in_crisis(alex)
    client = client_for(alex)

    close_in_two_steps(client)

    assert highest_level(alex.user) == "crisis"
    response = client.get("/coach/")
    assert response.status_code == 302
    assert response["Location"] == "/safety/path/"


def test_the_card_stays_closed_only_in_the_browser_that_closed_it(
    alex_in_crisis: Persona, client_for: ClientFor
) -> None:
    close_in_two_steps(client_for(alex_in_crisis))

    assert card_of(client_for(alex_in_crisis).get("/")) is not None


def test_a_new_crisis_later_shows_the_card_again(
    alex_in_crisis: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex_in_crisis)
    close_in_two_steps(client)

    put_in_crisis(alex_in_crisis, now=timezone.now() + timedelta(days=2))

    assert card_of(client.get("/")) is not None


def test_closing_needs_the_forms_csrf_token(alex_in_crisis: Persona, client_for: ClientFor) -> None:
    client = client_for(alex_in_crisis)
    client.post(CLOSE, {"step": "1"})
    response = client.post(CLOSE, {"step": "2"})

    assert response.status_code == 403
    assert card_of(client.get("/")) is not None


def test_closing_never_sends_someone_to_another_site(
    alex_in_crisis: Persona, client_for: ClientFor
) -> None:
    response = close_in_two_steps(client_for(alex_in_crisis), "https://elsewhere.example/")

    assert response["Location"] == "/"


def test_the_help_page_leads_with_the_same_words_instead_of_the_card(
    alex_in_crisis: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex_in_crisis).get("/help/")

    assert card_of(response) is None
    main = html_of(response).one("main")
    assert "Are you safe right now? Is someone with you?" in main.text()
    assert "tel:116123" in links(main, "tel:")
    assert banner_of(response) is not None


def test_someone_not_in_crisis_never_sees_the_card_or_the_banner(
    alex: Persona, client_for: ClientFor
) -> None:
    pass_safety_check(alex)
    # Low mood without a plan is amber, not crisis.
    record_screen(
        user=alex.user, screen_id="mood", answers=answer_all("mood", death_thoughts="yes")
    )
    client = client_for(alex)

    for url in [*PAGES, "/coach/", "/help/"]:
        response = client.get(url)
        assert card_of(response) is None, url
        assert banner_of(response) is None, url
    assert client.get(CLOSE)["Location"] == "/"


def test_the_card_is_never_shown_to_someone_else(
    alex_in_crisis: Persona, sam: Persona, client_for: ClientFor, visitor: Client
) -> None:
    for url in PAGES:
        assert card_of(client_for(sam).get(url)) is None, url
        assert banner_of(client_for(sam).get(url)) is None, url
    assert card_of(visitor.get("/")) is None
    assert card_of(visitor.get("/help/")) is None


def test_danger_from_someone_right_now_shows_the_card_with_the_abuse_line(
    alex: Persona, client_for: ClientFor
) -> None:
    set_country(user=alex.user, country="GB")
    partner = add_partner(user=alex.user, name="Jo")
    answers = answer_all("harm", unsafe_now="yes")
    record_screen(user=alex.user, screen_id="harm", answers=answers, partner=partner)

    card = the_card(client_for(alex).get("/"))

    assert "Are you safe right now? Is someone with you?" in card.text()
    assert "tel:999" in links(card, "tel:")
    assert "tel:08081689111" in links(card, "tel:")  # the abuse line for everyone
    assert "not your fault" in card.text()
    assert "suicide" not in card.text().lower() and "ending your life" not in card.text()
