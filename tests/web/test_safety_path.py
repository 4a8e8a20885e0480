"""The safety path: what Heartwork offers instead when coaching is switched off."""

from __future__ import annotations

import pytest
from django.test import Client

from heartwork.accounts.models import User
from heartwork.partners.models import Partner
from heartwork.safety.services import record_screen
from tests.conftest import Persona, answer_all, pass_safety_check
from tests.web.pages import Element, assert_page_basics, html_of, main_text
from tests.web.steps import ClientFor
from tests.web.test_safety_check import answer

PATH = "/safety/path/"


def living_in(persona: Persona, country: str) -> None:
    User.objects.filter(pk=persona.user.pk).update(country=country)


def answered(persona: Persona, screen_id: str, **overrides: str) -> Partner:
    """A passed check, then one part answered again with something to report."""
    partner = pass_safety_check(persona)
    target = partner if screen_id in ("contact", "harm", "mirror") else None
    record_screen(
        user=persona.user,
        screen_id=screen_id,
        answers=answer_all(screen_id, **overrides),
        partner=target,
    )
    return partner


def section(main: Element, name: str) -> Element | None:
    return main.find("section", class_=f"path-{name}")


def sections(main: Element) -> list[str]:
    found = []
    for node in main.find_all("section"):
        found += [c.removeprefix("path-") for c in node.classes if c.startswith("path-")]
    return [name for name in found if name != "section"]


def links(node: Element) -> list[str]:
    return [a.attrs["href"] for a in node.find_all("a")]


def test_answering_order_yes_sends_the_coach_here_and_speaks_of_respecting_the_boundary(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    pass_safety_check(alex)
    answer(client, "contact", order="yes")

    coach = client.get("/coach/")
    response = client.get(coach["Location"])

    assert coach.status_code == 302
    assert coach["Location"] == PATH
    assert_page_basics(response)
    main = html_of(response).one("main")
    assert sections(main) == ["boundary"]
    boundary = section(main, "boundary")
    assert boundary is not None
    assert "respects that boundary" in boundary.text()
    assert "could break an order" in boundary.text()
    assert "/journal/new/" in links(boundary)
    assert "/help/" in links(boundary)
    assert "will not switch back on with a tap" in main.text()


@pytest.mark.parametrize("item", ["asked_no_contact", "blocked"])
def test_a_request_for_no_contact_or_a_block_is_a_boundary_too(
    alex: Persona, client_for: ClientFor, item: str
) -> None:
    answered(alex, "contact", **{item: "yes"})

    main = html_of(client_for(alex).get(PATH)).one("main")

    assert sections(main) == ["boundary"]


def test_someone_being_harmed_hears_it_is_not_their_fault_and_gets_the_abuse_line_first(
    alex: Persona, client_for: ClientFor
) -> None:
    living_in(alex, "US")
    answered(alex, "harm", afraid="yes", controlled="yes")

    main = html_of(client_for(alex).get(PATH)).one("main")

    assert sections(main) == ["harmed"]
    harmed = section(main, "harmed")
    assert harmed is not None
    text = harmed.text()
    assert "not your fault" in text
    assert "You deserve to be safe" in text
    assert "couples work is not the answer to abuse" in text
    for basic in ("bag", "documents", "safe person", "code word", "Where you would go"):
        assert basic in text, basic
    for tip in ("Location sharing", "Shared accounts", "spyware", "discreet mode", "Exit"):
        assert tip in text, tip
    lines = harmed.one("ul", class_="help-lines").find_all("li")
    assert lines[0].one("strong").text() == "National Domestic Violence Hotline"
    assert "tel:18007997233" in links(lines[0])
    assert "sms:88788?body=START" in links(lines[0])
    assert "Text START to 88788" in lines[0].text()
    assert "checked on 23 November 2026" in lines[0].text()


def test_the_path_never_offers_the_coach_or_calls_abuse_mutual(
    alex: Persona, client_for: ClientFor
) -> None:
    answered(alex, "harm", hurt="yes")

    main = html_of(client_for(alex).get(PATH)).one("main")

    assert "/coach/" not in links(main)
    text = main.text().lower()
    for framing in ("both of you", "on both sides", "each other", "couples therapy"):
        assert framing not in text


def test_high_danger_signs_bring_a_plain_statement_and_one_tap_calls(
    alex: Persona, client_for: ClientFor
) -> None:
    living_in(alex, "US")
    answered(alex, "harm", afraid="yes", strangled="yes")

    main = html_of(client_for(alex).get(PATH)).one("main")

    assert sections(main) == ["danger", "harmed"]
    danger = section(main, "danger")
    assert danger is not None
    assert "linked with serious harm" in danger.text()
    calls = [a.attrs["href"] for a in danger.find_all("a", class_="button")]
    assert calls == ["tel:911", "tel:18007997233"]


def test_your_own_behaviour_is_met_without_accusation_and_with_services_to_change(
    alex: Persona, client_for: ClientFor
) -> None:
    living_in(alex, "GB")
    answered(alex, "mirror", followed_them="yes")

    main = html_of(client_for(alex).get(PATH)).one("main")

    assert sections(main) == ["own"]
    own = section(main, "own")
    assert own is not None
    assert "respect their boundaries" in own.text()
    assert "Respect Phoneline" in own.one("ul", class_="help-lines").find_all("li")[0].text()
    assert "tel:08088024040" in links(own)
    for word in ("abuser", "perpetrator", "offender", "your fault"):
        assert word not in main.text().lower()


def test_a_crisis_puts_the_crisis_line_and_emergency_number_first(
    alex: Persona, client_for: ClientFor
) -> None:
    living_in(alex, "US")
    answered(alex, "mood", self_harm_thoughts="yes", intent="yes")

    main = html_of(client_for(alex).get(PATH)).one("main")

    assert sections(main)[0] == "crisis"
    crisis = section(main, "crisis")
    assert crisis is not None
    names = [li.one("strong").text() for li in crisis.find_all("li")]
    assert names[:2] == ["Emergency services (911)", "988 Suicide & Crisis Lifeline"]
    assert "tel:988" in links(crisis)
    assert "sms:988" in links(crisis)
    assert "Is someone with you?" in crisis.text()


def test_feeling_unsafe_right_now_puts_the_emergency_number_and_abuse_line_first(
    alex: Persona, client_for: ClientFor
) -> None:
    living_in(alex, "GB")
    answered(alex, "harm", unsafe_now="yes")

    main = html_of(client_for(alex).get(PATH)).one("main")

    assert sections(main)[0] == "crisis"
    crisis = section(main, "crisis")
    assert crisis is not None
    names = [li.one("strong").text() for li in crisis.find_all("li")]
    assert names[0] == "Emergency services (999)"
    assert "Domestic Abuse" in names[1] or "Victim Support" in names[1]


def test_without_a_country_the_international_directory_is_shown(
    alex: Persona, client_for: ClientFor
) -> None:
    answered(alex, "harm", afraid="yes")

    main = html_of(client_for(alex).get(PATH)).one("main")

    assert "international directory" in main.text()
    assert "https://findahelpline.com" in links(main)
    assert "call history or on a phone bill" in main.text()


def test_when_nothing_is_switched_off_the_page_says_so(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    main = html_of(client_for(alex_checked).get(PATH)).one("main")

    assert sections(main) == []
    assert "Nothing you told us has switched coaching off" in main.text()


def test_someone_elses_answers_never_shape_your_path(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    answered(sam, "harm", afraid="yes", weapon="yes")
    pass_safety_check(alex)

    main = html_of(client_for(alex).get(PATH)).one("main")

    assert sections(main) == []


def test_no_level_names_appear_on_the_path(alex: Persona, client_for: ClientFor) -> None:
    answered(alex, "harm", afraid="yes", weapon="yes", unsafe_now="yes")

    text = main_text(client_for(alex).get(PATH)).lower()

    for name in ("high_danger", "high danger", " amber", " red ", "level"):
        assert name not in text


def test_the_path_is_never_cached(alex: Persona, client_for: ClientFor) -> None:
    response = client_for(alex).get(PATH)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_path_needs_you_to_be_logged_in(visitor: Client) -> None:
    response = visitor.get(PATH)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/safety/path/"
