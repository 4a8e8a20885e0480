"""The safety page: where coaching stands, in plain words, and every part to answer again."""

from __future__ import annotations

import re
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from heartwork.partners.services import add_partner
from heartwork.safety.services import record_screen
from tests.conftest import Persona, answer_all, pass_safety_check
from tests.web.pages import Element, Page, assert_page_basics, html_of, main_text, source
from tests.web.steps import ClientFor
from tests.web.test_safety_check import answer

OVERVIEW = "/safety/"
LEVEL_NAMES = ("green", "amber", "red", "high_danger", "crisis")


def status(response: Page) -> str:
    return html_of(response).one(class_="safety-status").text()


def parts(response: Page) -> list[Element]:
    return html_of(response).one("ul", class_="safety-parts").find_all("li")


def assert_no_level_names(response: Page) -> None:
    text = main_text(response).lower()
    words = set(re.findall(r"[a-z_]+", text))
    for name in LEVEL_NAMES:
        assert name not in words, name
    assert "high danger" not in text


def test_a_new_user_is_told_the_check_is_waiting_and_offered_to_continue(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(OVERVIEW)

    assert response.status_code == 200
    assert_page_basics(response)
    assert "not told us yet who this is about" in status(response)
    link = html_of(response).one(class_="safety-status").one("a")
    assert link.attrs["href"] == "/safety/check/device/"
    assert all("Not answered yet" in part.text() for part in parts(response))


def test_when_the_check_is_passed_coaching_towards_them_is_open_by_name(
    alex: Persona, client_for: ClientFor
) -> None:
    pass_safety_check(alex, partner_name="Jo")

    response = client_for(alex).get(OVERVIEW)

    assert "Help with contacting Jo is open" in status(response)
    assert_no_level_names(response)


def test_each_part_says_when_it_was_last_answered_and_can_be_answered_again(
    alex: Persona, client_for: ClientFor
) -> None:
    partner = pass_safety_check(alex)
    record_screen(
        user=alex.user,
        screen_id="mood",
        answers=answer_all("mood"),
        now=timezone.now() - timedelta(days=3),
    )
    record_screen(
        user=alex.user,
        screen_id="harm",
        answers=answer_all("harm"),
        partner=partner,
        now=timezone.now() + timedelta(seconds=1),
    )
    today = timezone.localtime().strftime("%-d %B %Y")

    listed = {part.one("strong").text(): part for part in parts(client_for(alex).get(OVERVIEW))}

    assert list(listed) == [
        "Your phone and this app",
        "How you are doing",
        "Where things stand between you",
        "How they treat you",
        "Your side of it",
    ]
    assert f"Last answered {today}" in listed["How they treat you"].text()
    assert "About Jo" in listed["How they treat you"].text()
    # The newest answers count, even when an older set was saved afterwards.
    assert f"Last answered {today}" in listed["How you are doing"].text()
    links = [part.one("a").attrs["href"] for part in listed.values()]
    assert links == [
        "/safety/check/device/",
        "/safety/check/mood/",
        "/safety/check/contact/",
        "/safety/check/harm/",
        "/safety/check/mirror/",
    ]
    assert "again" in listed["Your side of it"].one("a").text()


def test_a_check_part_way_through_says_which_parts_are_still_to_answer(
    alex: Persona, client_for: ClientFor
) -> None:
    add_partner(user=alex.user, name="Jo")
    client = client_for(alex)
    for screen_id in ("device", "mood", "contact"):
        answer(client, screen_id)

    text = status(client.get(OVERVIEW))

    assert "Help with contacting Jo is waiting for the safety check" in text
    assert "How they treat you, Your side of it" in text
    assert "Your phone and this app" not in text


def test_a_boundary_switches_coaching_off_and_says_a_tap_will_not_switch_it_back(
    alex: Persona, client_for: ClientFor
) -> None:
    partner = pass_safety_check(alex, partner_name="Jo")
    record_screen(
        user=alex.user,
        screen_id="contact",
        answers=answer_all("contact", order="yes"),
        partner=partner,
    )

    response = client_for(alex).get(OVERVIEW)

    text = status(response)
    assert "Help with contacting Jo is switched off" in text
    assert "will not switch back on with a tap" in text
    assert "answering the check again later" in text
    assert html_of(response).one(class_="safety-status").find("a", {"href": "/safety/path/"})
    assert_no_level_names(response)


def test_high_danger_answers_are_described_kindly_not_by_level_name(
    alex: Persona, client_for: ClientFor
) -> None:
    partner = pass_safety_check(alex)
    record_screen(
        user=alex.user,
        screen_id="harm",
        answers=answer_all("harm", afraid="yes", weapon="yes", strangled="yes"),
        partner=partner,
    )

    response = client_for(alex).get(OVERVIEW)

    assert "switched off" in status(response)
    assert_no_level_names(response)


def test_a_crisis_pauses_coaching_and_points_to_people_to_talk_to(
    alex: Persona, client_for: ClientFor
) -> None:
    pass_safety_check(alex)
    record_screen(
        user=alex.user,
        screen_id="mood",
        answers=answer_all("mood", death_thoughts="yes", soon="yes"),
    )

    response = client_for(alex).get(OVERVIEW)

    assert "Coaching is paused" in status(response)
    box = html_of(response).one(class_="safety-status")
    assert box.find("a", {"href": "/help/"}) is not None
    assert_no_level_names(response)


def test_the_page_offers_someone_new_help_lines_and_only_when_off_the_safety_path(
    alex: Persona, client_for: ClientFor
) -> None:
    pass_safety_check(alex)

    main = html_of(client_for(alex).get(OVERVIEW)).one("main")

    assert "It's about someone new" in main.text()
    assert main.find("a", {"href": "/safety/check/partner/"}) is not None
    assert main.find("a", {"href": "/help/"}) is not None
    assert main.find("a", {"href": "/safety/path/"}) is None


def test_someone_elses_partner_and_answers_never_show(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    partner = pass_safety_check(sam, partner_name="Quillon")
    record_screen(
        user=sam.user,
        screen_id="contact",
        answers=answer_all("contact", order="yes"),
        partner=partner,
    )

    response = client_for(alex).get(OVERVIEW)

    assert "Quillon" not in source(response)
    assert "switched off" not in status(response)
    assert all("Not answered yet" in part.text() for part in parts(response))


def test_the_safety_page_is_never_cached(alex: Persona, client_for: ClientFor) -> None:
    response = client_for(alex).get(OVERVIEW)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_safety_page_needs_you_to_be_logged_in(visitor: Client) -> None:
    response = visitor.get(OVERVIEW)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/safety/"


def test_every_logged_in_page_links_here_from_the_menu_with_a_neutral_name(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    for url in ["/", "/journal/", "/accounts/", "/help/"]:
        menu = html_of(client.get(url)).one("nav")
        links = [a for a in menu.find_all("a") if a.attrs.get("href") == OVERVIEW]
        assert [a.text() for a in links] == ["Check-in"], url


def notes_shown(response: Page) -> list[str]:
    return [
        section.attrs["data-note"]
        for section in html_of(response).find_all("section")
        if "data-note" in section.attrs
    ]


def test_a_request_for_space_shows_what_respecting_it_means(
    alex: Persona, client_for: ClientFor
) -> None:
    partner = pass_safety_check(alex)
    record_screen(
        user=alex.user,
        screen_id="contact",
        answers=answer_all("contact", asked_space="yes"),
        partner=partner,
    )

    response = client_for(alex).get(OVERVIEW)

    assert notes_shown(response) == ["space"]
    assert "just checking in" in main_text(response)


def test_not_being_sure_about_harm_shows_the_signs_of_control_and_the_abuse_lines(
    alex: Persona, client_for: ClientFor
) -> None:
    partner = pass_safety_check(alex)
    record_screen(
        user=alex.user,
        screen_id="harm",
        answers=answer_all("harm", controlled="unsure"),
        partner=partner,
    )

    response = client_for(alex).get(OVERVIEW)

    assert notes_shown(response) == ["unsure"]
    assert "you do not have to be sure" in main_text(response)


def test_reading_their_phone_and_low_mood_each_get_their_note(
    alex: Persona, client_for: ClientFor
) -> None:
    partner = pass_safety_check(alex)
    record_screen(
        user=alex.user,
        screen_id="mirror",
        answers=answer_all("mirror", read_their_phone="yes"),
        partner=partner,
    )
    record_screen(
        user=alex.user, screen_id="mood", answers=answer_all("mood", death_thoughts="yes")
    )

    assert notes_shown(client_for(alex).get(OVERVIEW)) == ["checking", "mood"]


def test_nothing_to_report_and_a_lock_show_no_amber_notes(
    alex: Persona, client_for: ClientFor
) -> None:
    partner = pass_safety_check(alex)
    client = client_for(alex)
    assert notes_shown(client.get(OVERVIEW)) == []

    record_screen(
        user=alex.user,
        screen_id="contact",
        answers=answer_all("contact", order="yes"),
        partner=partner,
    )

    assert notes_shown(client.get(OVERVIEW)) == []


def test_once_nothing_is_left_to_answer_the_page_leads_back_to_the_plan(
    alex: Persona, client_for: ClientFor
) -> None:
    plan = {"href": "/start/plan/"}
    client = client_for(alex)
    assert html_of(client.get(OVERVIEW)).one("main").find("a", plan) is None

    pass_safety_check(alex)

    assert html_of(client.get(OVERVIEW)).one("main").find("a", plan) is not None
