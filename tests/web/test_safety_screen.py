"""Answering one part of the safety check: the questions, the follow-ups, what is saved."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test import Client

from heartwork.accounts.models import User
from heartwork.accounts.services import set_discreet_mode
from heartwork.partners.services import add_partner
from heartwork.safety.gate import reconnection_block
from heartwork.safety.models import ScreenAnswers
from heartwork.safety.screens import screen
from heartwork.safety.selectors import standing_of
from tests.conftest import Persona, age_answers, answer_all, csrf_post, pass_safety_check
from tests.web.pages import Element, Page, assert_page_basics, html_of, main_text, messages
from tests.web.steps import ClientFor
from tests.web.test_safety_check import answer

HARM = "/safety/check/harm/"
FIRST_HARM = {item.id: "no" for item in screen("harm").first_items}
DANGER_FOLLOW_UPS = [item.id for item in screen("harm").items if item.ask_if]


def question(doc: Element, item_id: str) -> Element:
    """The fieldset that asks one question."""
    return doc.one("fieldset", {"data-question": item_id})


def questions_on(response: Page) -> list[str]:
    return [node.attrs["data-question"] for node in html_of(response).find_all("fieldset")]


def question_error(response: Page, item_id: str) -> str:
    """The error shown inside a question's fieldset, after checking it is tied to it."""
    box = question(html_of(response), item_id)
    errors = box.find(class_="field-errors")
    assert errors is not None, f"no error shown for {item_id!r}"
    assert errors.attrs["id"] in box.attrs.get("aria-describedby", "").split()
    return errors.text()


def chosen(doc: Element, item_id: str) -> str | None:
    for radio in question(doc, item_id).find_all("input", {"type": "radio"}):
        if "checked" in radio.attrs:
            return radio.attrs["value"]
    return None


def test_each_question_is_a_labelled_group_of_yes_no_and_not_sure(
    alex: Persona, client_for: ClientFor
) -> None:
    add_partner(user=alex.user, name="Jo")

    response = client_for(alex).get(HARM)

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert doc.one("h1").text() == "How they treat you"
    assert "about Jo" in main_text(response)
    afraid = question(doc, "afraid")
    assert afraid.one("legend").text().startswith("Have you felt afraid of them")
    labels = [label.text() for label in afraid.find_all("label")]
    assert labels == ["Yes", "No", "Not sure"]
    assert [r.attrs["value"] for r in afraid.find_all("input")] == ["yes", "no", "unsure"]


def test_follow_up_questions_are_not_shown_at_first(alex: Persona, client_for: ClientFor) -> None:
    add_partner(user=alex.user, name="Jo")

    response = client_for(alex).get(HARM)

    assert questions_on(response) == list(FIRST_HARM)
    assert "A few more questions" not in main_text(response)


def test_a_yes_on_afraid_brings_the_danger_follow_ups_and_keeps_the_first_answers(
    alex: Persona, client_for: ClientFor
) -> None:
    add_partner(user=alex.user, name="Jo")

    response = csrf_post(client_for(alex), HARM, {**FIRST_HARM, "afraid": "yes"})

    assert response.status_code == 200
    assert questions_on(response) == [*FIRST_HARM, *DANGER_FOLLOW_UPS]
    assert "A few more questions" in main_text(response)
    doc = html_of(response)
    assert chosen(doc, "afraid") == "yes"
    assert chosen(doc, "hurt") == "no"
    assert doc.find(class_="field-errors") is None  # new questions are asked, not scolded
    assert not ScreenAnswers.objects.exists()


def test_not_sure_on_a_trigger_also_brings_the_follow_ups(
    alex: Persona, client_for: ClientFor
) -> None:
    add_partner(user=alex.user, name="Jo")

    response = csrf_post(client_for(alex), HARM, {**FIRST_HARM, "controlled": "unsure"})

    assert questions_on(response) == [*FIRST_HARM, *DANGER_FOLLOW_UPS]


def test_no_on_everything_never_shows_the_follow_ups_and_saves_the_answers(
    alex: Persona, client_for: ClientFor
) -> None:
    add_partner(user=alex.user, name="Jo")
    client = client_for(alex)
    answer(client, "device")
    answer(client, "mood")

    response = csrf_post(client, HARM, FIRST_HARM)

    assert response.status_code == 302
    assert response["Location"] == "/safety/check/contact/"
    saved = ScreenAnswers.objects.select_related("user__data_key").get(screen="harm")
    assert "weapon" not in saved.result
    assert '"afraid": "no"' in saved.result


def test_answering_the_follow_ups_saves_them_and_moves_on(
    alex: Persona, client_for: ClientFor
) -> None:
    add_partner(user=alex.user, name="Jo")
    client = client_for(alex)
    first = {**FIRST_HARM, "afraid": "yes"}
    page = csrf_post(client, HARM, first)
    shown = [node.attrs["value"] for node in html_of(page).find_all("input", {"name": "shown"})]

    response = csrf_post(
        client,
        HARM,
        {**first, **dict.fromkeys(DANGER_FOLLOW_UPS, "no"), "weapon": "yes", "shown": shown},
    )

    assert response.status_code == 302
    saved = ScreenAnswers.objects.select_related("user__data_key").get(screen="harm")
    assert '"weapon": "yes"' in saved.result
    block = reconnection_block(alex.user)
    assert block is not None and block.code == "safety_lock"


def test_a_shown_follow_up_left_blank_is_an_error_next_to_it_and_nothing_is_saved(
    alex: Persona, client_for: ClientFor
) -> None:
    add_partner(user=alex.user, name="Jo")
    answers = {**FIRST_HARM, "afraid": "yes", **dict.fromkeys(DANGER_FOLLOW_UPS, "no")}
    del answers["strangled"]

    response = csrf_post(client_for(alex), HARM, {**answers, "shown": "strangled"})

    assert response.status_code == 200
    assert "choose an answer" in question_error(response, "strangled")
    assert not ScreenAnswers.objects.exists()


def test_a_missing_answer_shows_an_error_next_to_that_question_and_saves_nothing(
    alex: Persona, client_for: ClientFor
) -> None:
    add_partner(user=alex.user, name="Jo")
    answers = dict(FIRST_HARM)
    del answers["hurt"]

    response = csrf_post(client_for(alex), HARM, answers)

    assert response.status_code == 200
    assert "choose an answer" in question_error(response, "hurt")
    assert question(html_of(response), "afraid").find(class_="field-errors") is None
    assert "Nothing has been saved" in html_of(response).one(class_="form-errors").text()
    assert chosen(html_of(response), "afraid") == "no"
    assert not ScreenAnswers.objects.exists()
    assert standing_of(alex.user).marks == {}


def test_an_answer_that_is_not_yes_no_or_not_sure_is_refused_next_to_the_question(
    alex: Persona, client_for: ClientFor
) -> None:
    add_partner(user=alex.user, name="Jo")

    response = csrf_post(client_for(alex), HARM, {**FIRST_HARM, "afraid": "maybe"})

    assert response.status_code == 200
    assert "yes, no or not sure" in question_error(response, "afraid")
    assert not ScreenAnswers.objects.exists()


def test_answers_are_stored_encrypted(alex: Persona, client_for: ClientFor) -> None:
    add_partner(user=alex.user, name="Jo")

    csrf_post(client_for(alex), HARM, answer_all("harm", self_threats="yes"))

    with connection.cursor() as cursor:
        cursor.execute("SELECT screen, result FROM safety_screenanswers")
        [(screen_id, result)] = cursor.fetchall()
    assert screen_id == "harm"
    for plaintext in (b"self_threats", b'"yes"', b"partner_suicide_threat", b"answers"):
        assert plaintext not in bytes(result)


def test_partner_answers_are_kept_for_the_current_partner(
    alex: Persona, client_for: ClientFor
) -> None:
    add_partner(user=alex.user, name="Jo")
    kim = add_partner(user=alex.user, name="Kim")

    page = client_for(alex).get(HARM)
    answer(client_for(alex), "harm")

    assert "about Kim" in main_text(page)
    assert ScreenAnswers.objects.get(screen="harm").partner == kim


def test_a_partner_part_with_nobody_named_asks_who_it_is_about_first(
    alex: Persona, client_for: ClientFor
) -> None:
    get = client_for(alex).get(HARM)
    post = answer(client_for(alex), "harm")

    assert get["Location"] == "/safety/check/partner/"
    assert post["Location"] == "/safety/check/partner/"
    assert not ScreenAnswers.objects.exists()


def test_an_unknown_part_is_not_found(alex: Persona, client_for: ClientFor) -> None:
    assert client_for(alex).get("/safety/check/nonsense/").status_code == 404


def test_saying_it_is_not_safe_here_reminds_you_of_the_exit_button(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    response = answer(client, "device", safe_now="no")
    page = client.get(response["Location"])

    reminder = " ".join(messages(page))
    assert "Exit" in reminder
    assert "Shift three times" in reminder
    assert "does not erase" in reminder


def test_saying_someone_else_may_see_the_phone_turns_discreet_mode_on_and_says_where(
    alex: Persona, client_for: ClientFor
) -> None:
    set_discreet_mode(user=alex.user, on=False)
    client = client_for(alex)

    response = answer(client, "device", safe_now="yes", shared_device="yes")
    page = client.get(response["Location"])

    assert User.objects.get(pk=alex.user.pk).discreet_mode
    shown = " ".join(messages(page))
    assert "Discreet mode is on" in shown
    assert "Account page" in shown
    assert "Exit" not in shown


def test_a_phone_only_you_use_leaves_discreet_mode_on_and_says_how_to_turn_it_off(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    page = client.get(answer(client, "device", safe_now="yes")["Location"])

    assert len(messages(page)) == 1
    assert "you can turn discreet mode off on your Account page" in messages(page)[0]
    assert User.objects.get(pk=alex.user.pk).discreet_mode


def test_someone_who_turned_discreet_mode_off_hears_nothing_about_it(
    alex: Persona, client_for: ClientFor
) -> None:
    set_discreet_mode(user=alex.user, on=False)
    client = client_for(alex)

    page = client.get(answer(client, "device", safe_now="yes")["Location"])

    assert messages(page) == []
    assert not User.objects.get(pk=alex.user.pk).discreet_mode


def test_thoughts_of_ending_your_life_with_a_plan_lead_to_the_crisis_lines_not_more_questions(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    answer(client, "device")

    response = answer(client, "mood", death_thoughts="yes", plan="yes")

    assert response["Location"] == "/safety/path/"


def test_thoughts_of_death_without_a_plan_are_met_with_a_pointer_to_people_to_talk_to(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    answer(client, "device")

    response = answer(client, "mood", death_thoughts="yes")

    assert response["Location"] == "/safety/check/partner/"
    assert "people you can call or text" in " ".join(messages(client.get(response["Location"])))


def test_answering_a_part_again_replaces_its_earlier_result(
    alex: Persona, client_for: ClientFor
) -> None:
    add_partner(user=alex.user, name="Jo")
    client = client_for(alex)
    answer(client, "contact", asked_no_contact="unsure")
    assert standing_of(alex.user, alex.user.partners.get()).level == "amber"

    answer(client, "contact")

    assert standing_of(alex.user, alex.user.partners.get()).level == "green"
    assert ScreenAnswers.objects.filter(screen="contact").count() == 2


def test_someone_elses_partner_never_shows(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    add_partner(user=sam.user, name="Quillon")
    answer(client_for(sam), "device")

    response = client_for(alex).get("/safety/check/contact/")

    assert response["Location"] == "/safety/check/partner/"
    assert "Quillon" not in client_for(alex).get("/safety/check/device/").content.decode()
    assert not ScreenAnswers.objects.filter(user=alex.user).exists()


def test_answers_without_the_forms_csrf_token_are_refused(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).post("/safety/check/device/", answer_all("device"))

    assert response.status_code == 403
    assert not ScreenAnswers.objects.exists()


def test_the_questions_are_never_cached(alex: Persona, client_for: ClientFor) -> None:
    response = client_for(alex).get("/safety/check/device/")

    assert "no-store" in response["Cache-Control"]


def test_answering_needs_you_to_be_logged_in(visitor: Client) -> None:
    response = csrf_post(visitor, "/safety/check/device/", answer_all("device"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not ScreenAnswers.objects.exists()


def test_a_day_later_the_coach_first_asks_two_quick_questions_then_opens(
    alex: Persona, client_for: ClientFor
) -> None:
    from tests.web.test_safety_check import start_link

    partner = pass_safety_check(alex)
    age_answers(alex, partner, timedelta(days=2))
    client = client_for(alex)

    assert client.get("/coach/")["Location"] == "/safety/check/"
    assert start_link(client) == "/safety/check/quick/"
    page = html_of(client.get("/safety/check/quick/"))
    assert page.one("h1").text() == "Before you write"
    assert len(page.find_all("fieldset")) == 2

    response = answer(client, "quick")

    assert response["Location"] == "/coach/"
    assert client.get("/coach/").status_code == 200


def test_a_new_boundary_in_the_quick_questions_switches_the_coach_off(
    alex: Persona, client_for: ClientFor
) -> None:

    partner = pass_safety_check(alex)
    age_answers(alex, partner, timedelta(days=2))
    client = client_for(alex)

    answer(client, "quick", new_boundary="yes")

    assert client.get("/coach/")["Location"] == "/safety/path/"
