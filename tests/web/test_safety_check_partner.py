"""Naming who the check is about: the first time, and when it is about someone new."""

from __future__ import annotations

from django.db import connection
from django.test import Client

from heartwork.partners.models import Partner
from heartwork.partners.selectors import current_partner
from heartwork.safety.gate import reconnection_block
from heartwork.safety.models import ScreenAnswers
from heartwork.safety.services import record_screen
from tests.conftest import Persona, answer_all, csrf_post, pass_safety_check
from tests.web.pages import assert_page_basics, control, field_error, main_text
from tests.web.steps import ClientFor
from tests.web.test_safety_check import answer

PARTNER = "/safety/check/partner/"


def test_the_page_asks_what_you_call_them_and_explains_each_person_gets_their_own_check(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(PARTNER)

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert doc.one("label", {"for": "id_name"}).text() == "What do you call them?"
    assert control(doc, "name").attrs["maxlength"] == "60"
    assert control(doc, "name").attrs["autocomplete"] == "off"
    text = main_text(response)
    assert "nickname" in text and "initial" in text
    assert "check of their own" in text
    assert "stays as it was" in text


def test_naming_them_continues_the_check_with_questions_about_them(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    answer(client, "device")
    answer(client, "mood")

    response = csrf_post(client, PARTNER, {"name": "  Jo  "})

    assert response.status_code == 302
    assert response["Location"] == "/safety/check/contact/"
    partner = current_partner(alex.user)
    assert partner is not None and partner.name == "Jo"
    assert "about Jo" in main_text(client.get(response["Location"]))


def test_naming_them_first_still_leads_back_to_the_parts_about_you(
    alex: Persona, client_for: ClientFor
) -> None:
    response = csrf_post(client_for(alex), PARTNER, {"name": "Jo"})

    assert response["Location"] == "/safety/check/device/"


def test_a_blank_name_is_refused_next_to_the_box_and_nothing_is_saved(
    alex: Persona, client_for: ClientFor
) -> None:
    for blank in ("", "    "):
        response = csrf_post(client_for(alex), PARTNER, {"name": blank})

        assert response.status_code == 200
        assert "Write a name, a nickname or an initial" in field_error(response, "name")
    assert not Partner.objects.exists()


def test_a_name_over_sixty_characters_is_refused(alex: Persona, client_for: ClientFor) -> None:
    response = csrf_post(client_for(alex), PARTNER, {"name": "J" * 61})

    assert "60 characters or fewer" in field_error(response, "name")
    assert not Partner.objects.exists()


def test_the_name_is_stored_encrypted(alex: Persona, client_for: ClientFor) -> None:
    csrf_post(client_for(alex), PARTNER, {"name": "Marigold"})

    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM partners_partner")
        [(name,)] = cursor.fetchall()
    assert b"Marigold" not in bytes(name)


def test_the_page_says_who_you_are_working_on_things_with_now(
    alex: Persona, client_for: ClientFor
) -> None:
    pass_safety_check(alex, partner_name="Jo")

    text = main_text(client_for(alex).get(PARTNER))

    assert "Right now you are working on things with Jo" in text


def test_someone_new_gets_a_fresh_check_and_the_earlier_answers_stay(
    alex: Persona, client_for: ClientFor
) -> None:
    jo = pass_safety_check(alex, partner_name="Jo")
    record_screen(
        user=alex.user,
        screen_id="contact",
        answers=answer_all("contact", order="yes"),
        partner=jo,
    )
    client = client_for(alex)

    response = csrf_post(client, PARTNER, {"name": "Kim"})

    assert response["Location"] == "/safety/check/contact/"
    kim = current_partner(alex.user)
    assert kim is not None and kim.name == "Kim"
    block = reconnection_block(alex.user, kim)
    assert block is not None and block.screens == ("contact", "harm", "mirror")
    # Jo's answers and Jo's lock stay as they were.
    assert ScreenAnswers.objects.filter(partner=jo).count() == 4
    jo_block = reconnection_block(alex.user, jo)
    assert jo_block is not None and jo_block.code == "safety_lock"


def test_someone_elses_partner_never_shows(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    pass_safety_check(sam, partner_name="Quillon")

    response = client_for(alex).get(PARTNER)

    assert "Quillon" not in response.content.decode()
    assert "Right now you are working on things with" not in main_text(response)


def test_naming_without_the_forms_csrf_token_is_refused(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).post(PARTNER, {"name": "Jo"})

    assert response.status_code == 403
    assert not Partner.objects.exists()


def test_the_page_is_never_cached(alex: Persona, client_for: ClientFor) -> None:
    assert "no-store" in client_for(alex).get(PARTNER)["Cache-Control"]


def test_naming_needs_you_to_be_logged_in(visitor: Client) -> None:
    response = csrf_post(visitor, PARTNER, {"name": "Jo"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Partner.objects.exists()
