"""The safety check's start page, and the way it leads a person through every part."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from heartwork.partners.services import add_partner
from heartwork.safety.services import record_screen, record_text
from tests.conftest import Persona, answer_all, csrf_post, pass_safety_check, tell_situation
from tests.web.pages import assert_page_basics, html_of, main_text
from tests.web.steps import ClientFor

CHECK = "/safety/check/"


def answer(client: Client, screen_id: str, answer: str = "no", **overrides: str) -> HttpResponse:
    """Answer one screen on its page, follow-ups included, the way a person would."""
    return csrf_post(
        client, f"/safety/check/{screen_id}/", answer_all(screen_id, answer, **overrides)
    )


def start_link(client: Client) -> str:
    """Where the Start / Continue button on the check page leads."""
    doc = html_of(client.get(CHECK))
    button = next(a for a in doc.one("main").find_all("a", class_="button"))
    return button.attrs["href"]


def test_the_check_page_says_what_we_ask_why_how_long_and_how_to_leave(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(CHECK)

    assert response.status_code == 200
    assert_page_basics(response)
    text = main_text(response)
    assert "about two minutes" in text
    assert "encrypted and only yours" in text
    assert "Not sure" in text
    assert "Exit" in text and "Shift three times" in text
    assert "Why we ask" in text


def test_a_new_user_is_offered_a_start_button_leading_to_the_first_part(
    alex: Persona, client_for: ClientFor
) -> None:
    doc = html_of(client_for(alex).get(CHECK))

    button = doc.one("main").find_all("a", class_="button")[0]
    assert button.text() == "Start"
    assert button.attrs["href"] == "/safety/check/device/"
    steps = [li.text() for li in doc.one("ol", class_="check-steps").find_all("li")]
    assert steps == [
        "Your phone and this app",
        "How you are doing",
        "Who this is about",
        "Where things stand between you",
        "How they treat you",
        "Your side of it",
    ]


def test_a_new_user_is_led_device_mood_partner_contact_harm_mirror(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    visited = [start_link(client)]
    for screen_id in ("device", "mood"):
        visited.append(answer(client, screen_id)["Location"])
    visited.append(csrf_post(client, "/safety/check/partner/", {"name": "Jo"})["Location"])
    for screen_id in ("contact", "harm", "mirror"):
        visited.append(answer(client, screen_id)["Location"])

    assert visited == [
        "/safety/check/device/",
        "/safety/check/mood/",
        "/safety/check/partner/",
        "/safety/check/contact/",
        "/safety/check/harm/",
        "/safety/check/mirror/",
        "/safety/",
    ]
    done = client.get("/safety/")
    assert "The safety check is complete" in " ".join(
        p.text() for p in html_of(done).find_all(class_="message")
    )
    assert client.get("/coach/").status_code == 200


def test_once_started_the_button_says_continue_and_lists_only_what_is_left(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    answer(client, "device")

    doc = html_of(client.get(CHECK))

    button = doc.one("main").find_all("a", class_="button")[0]
    assert button.text() == "Continue"
    assert button.attrs["href"] == "/safety/check/mood/"
    steps = [li.text() for li in doc.one("ol", class_="check-steps").find_all("li")]
    assert "Your phone and this app" not in steps
    assert steps[0] == "How you are doing"


def test_someone_who_already_named_a_partner_is_not_asked_to_name_them_again(
    alex: Persona, client_for: ClientFor
) -> None:
    add_partner(user=alex.user, name="Jo")
    client = client_for(alex)
    answer(client, "device")

    response = answer(client, "mood")

    assert response["Location"] == "/safety/check/contact/"


def test_when_nothing_is_due_the_check_is_complete_and_links_to_the_safety_page_and_coach(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex_checked).get(CHECK)

    main = html_of(response).one("main")
    assert "The check is complete" in main.text()
    assert main.find("a", {"href": "/safety/"}) is not None
    assert main.find("a", {"href": "/coach/"}) is not None
    assert main.find("ol", class_="check-steps") is None


def test_after_a_week_the_check_asks_the_recurring_parts_again_but_not_the_phone(
    alex: Persona, client_for: ClientFor
) -> None:
    partner = add_partner(user=alex.user, name="Jo")
    long_ago = timezone.now() - timedelta(days=8)
    for screen_id in ("device", "mood"):
        record_screen(
            user=alex.user, screen_id=screen_id, answers=answer_all(screen_id), now=long_ago
        )
    for screen_id in ("contact", "harm", "mirror"):
        record_screen(
            user=alex.user,
            screen_id=screen_id,
            answers=answer_all(screen_id),
            partner=partner,
            now=long_ago,
        )

    doc = html_of(client_for(alex).get(CHECK))

    steps = [li.text() for li in doc.one("ol", class_="check-steps").find_all("li")]
    assert steps == [
        "How you are doing",
        "Where things stand between you",
        "How they treat you",
        "Your side of it",
    ]


def test_a_switched_off_answer_part_way_still_lets_the_rest_of_the_check_be_answered(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    answer(client, "device")
    answer(client, "mood")
    csrf_post(client, "/safety/check/partner/", {"name": "Jo"})

    response = answer(client, "contact", order="yes")

    assert response["Location"] == "/safety/check/harm/"
    assert answer(client, "harm")["Location"] == "/safety/check/mirror/"
    assert answer(client, "mirror")["Location"] == "/safety/"
    finished = html_of(client.get(CHECK)).one("main")
    assert "The check is complete" in finished.text()
    assert finished.find("a", {"href": "/safety/path/"}) is not None
    assert finished.find("a", {"href": "/coach/"}) is None


def test_a_worrying_journal_entry_asks_the_part_it_concerns_again_even_while_switched_off(
    alex: Persona, client_for: ClientFor
) -> None:
    partner = pass_safety_check(alex)
    record_text(user=alex.user, text="He hit me last night.", partner=partner)

    doc = html_of(client_for(alex).get(CHECK))

    steps = [li.text() for li in doc.one("ol", class_="check-steps").find_all("li")]
    assert steps == ["How they treat you"]
    assert doc.one("main").find_all("a", class_="button")[0].attrs["href"] == (
        "/safety/check/harm/"
    )


def test_the_coach_sends_someone_who_has_not_taken_the_check_here(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get("/coach/")

    assert response.status_code == 302
    assert response["Location"] == CHECK


def test_the_home_page_starts_a_new_user_with_the_situation_not_the_safety_check(
    alex: Persona, client_for: ClientFor
) -> None:
    main = html_of(client_for(alex).get("/")).one("main")

    card = main.one(class_="start-card")
    assert card.find("a", {"href": "/start/"}) is not None
    assert main.find(class_="safety-card") is None  # the situation leads on to the check


def test_the_home_page_invites_the_safety_check_once_the_situation_is_told(
    alex: Persona, client_for: ClientFor
) -> None:
    tell_situation(alex)
    main = html_of(client_for(alex).get("/")).one("main")

    card = main.one(class_="safety-card")
    assert "safety check" in card.text()
    assert card.find("a", {"href": CHECK}) is not None


def test_the_home_page_points_to_the_safety_page_when_coaching_is_switched_off(
    alex: Persona, client_for: ClientFor
) -> None:
    partner = pass_safety_check(alex)
    record_screen(
        user=alex.user,
        screen_id="contact",
        answers=answer_all("contact", blocked="yes"),
        partner=partner,
    )

    card = html_of(client_for(alex).get("/")).one("main").one(class_="safety-card")

    assert "switched off" in card.text()
    assert card.find("a", {"href": "/safety/"}) is not None
    assert card.find("a", {"href": CHECK}) is None


def test_the_home_page_shows_no_safety_card_once_the_check_is_done(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    main = html_of(client_for(alex_checked).get("/")).one("main")

    assert main.find(class_="safety-card") is None


def test_the_check_page_is_never_cached(alex: Persona, client_for: ClientFor) -> None:
    response = client_for(alex).get(CHECK)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_check_needs_you_to_be_logged_in(visitor: Client) -> None:
    response = visitor.get(CHECK)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/safety/check/"
