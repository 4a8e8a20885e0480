"""/wellbeing/<check>/: one check as a form; saving adds a take and goes back to /wellbeing/
(or to the plan, when taken from it at the start)."""

from __future__ import annotations

from django.db import connection
from django.test import Client

from heartwork.wellbeing.models import Take
from tests.conftest import Persona, csrf_post
from tests.web.pages import (
    Element,
    Page,
    assert_page_basics,
    form_error,
    html_of,
    inline_scripts,
    inline_styles,
    main_text,
    messages,
)
from tests.web.steps import ClientFor

PERSONAL = "/wellbeing/personal/"
RELATIONSHIP = "/wellbeing/relationship/"
ALL_THREES = dict.fromkeys(("sleep", "energy", "hope", "support", "calm"), "3")


def question(doc: Element, item_id: str) -> Element:
    return doc.one("fieldset", {"data-question": item_id})


def question_error(response: Page, item_id: str) -> str:
    """The error inside a question's fieldset, after checking the fieldset points at it."""
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


def test_each_question_is_a_group_of_five_choices_with_words_at_both_ends(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(PERSONAL)

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert doc.one("h1").text() == "How I am doing"
    questions = doc.find_all("fieldset")
    assert [box.attrs["data-question"] for box in questions] == list(ALL_THREES)
    sleep = question(doc, "sleep")
    assert sleep.one("legend").text() == "How well have you been sleeping?"
    assert [label.text() for label in sleep.find_all("label")] == [
        "1 · Very badly",
        "2",
        "3",
        "4",
        "5 · Very well",
    ]
    assert [radio.attrs["value"] for radio in sleep.find_all("input")] == ["1", "2", "3", "4", "5"]
    assert inline_scripts(doc) == [] and inline_styles(doc) == []


def test_the_relationship_check_makes_sense_for_someone_apart(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(RELATIONSHIP)

    doc = html_of(response)
    assert doc.one("h1").text() == "How things are between us"
    assert "even if you are apart right now" in main_text(response)
    assert len(doc.find_all("fieldset")) == 5


def test_answering_every_question_saves_a_take_and_goes_back_with_the_score(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    response = csrf_post(client, PERSONAL, {**ALL_THREES, "hope": "5"})

    assert response.status_code == 302
    assert response["Location"] == "/wellbeing/"
    take = Take.objects.select_related("user__data_key").get(user=alex.user)
    assert take.check_id == "personal"
    assert take.answers == {"sleep": 3, "energy": 3, "hope": 5, "support": 3, "calm": 3}
    assert take.score == 60
    home = client.get(response["Location"])
    assert messages(home) == ["Saved. Your score for “How I am doing” is 60 out of 100."]


def test_only_a_known_word_sends_the_person_elsewhere_after_saving(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    from_plan = csrf_post(client, PERSONAL + "?then=plan", ALL_THREES)
    elsewhere = csrf_post(client, PERSONAL + "?then=https://example.com/", ALL_THREES)

    assert from_plan["Location"] == "/start/plan/"
    assert elsewhere["Location"] == "/wellbeing/"
    assert html_of(client.get(PERSONAL + "?then=//example.com")).find("a", {"href": "/wellbeing/"})


def test_the_answers_and_the_score_are_encrypted_in_the_database(
    alex: Persona, client_for: ClientFor
) -> None:
    csrf_post(client_for(alex), PERSONAL, ALL_THREES)

    with connection.cursor() as cursor:
        cursor.execute("SELECT check_id, data FROM wellbeing_take")
        ((check_id, raw),) = cursor.fetchall()
    stored = bytes(raw)
    assert check_id == "personal"
    for plain in (b"sleep", b"score", b'"v"', b": 3"):
        assert plain not in stored


def test_a_missing_answer_is_shown_in_its_question_and_nothing_is_saved(
    alex: Persona, client_for: ClientFor
) -> None:
    answers = {key: value for key, value in ALL_THREES.items() if key != "calm"}

    response = csrf_post(client_for(alex), PERSONAL, answers)

    assert response.status_code == 200
    assert question_error(response, "calm") == "Choose a number from 1 to 5."
    assert "Nothing has been saved yet" in form_error(response)
    assert chosen(html_of(response), "sleep") == "3"  # the other answers are kept
    assert (
        html_of(response).one("fieldset", {"data-question": "sleep"}).find(class_="field-errors")
        is None
    )
    assert not Take.objects.exists()


def test_an_answer_off_the_scale_is_refused_in_its_question(
    alex: Persona, client_for: ClientFor
) -> None:
    response = csrf_post(client_for(alex), PERSONAL, {**ALL_THREES, "energy": "9"})

    assert response.status_code == 200
    assert question_error(response, "energy") == "Choose a number from 1 to 5."
    assert not Take.objects.exists()


def test_the_page_says_when_the_check_was_last_taken(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)
    csrf_post(client, PERSONAL, ALL_THREES)

    text = main_text(client.get(PERSONAL))

    assert "with a score of 50" in text


def test_an_unknown_check_is_not_found(alex: Persona, client_for: ClientFor) -> None:
    assert client_for(alex).get("/wellbeing/mood/").status_code == 404


def test_the_form_page_is_never_cached(alex: Persona, client_for: ClientFor) -> None:
    assert "no-store" in client_for(alex).get(PERSONAL)["Cache-Control"]


def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in(visitor: Client) -> None:
    response = visitor.get(PERSONAL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
