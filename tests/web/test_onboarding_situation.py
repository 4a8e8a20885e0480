"""/start/: the questions about where things stand, answered as a plain form, then the
safety check (unless it is done) and the plan."""

from __future__ import annotations

from django.db import connection
from django.test import Client

from heartwork.program import selectors
from heartwork.program.content import program
from heartwork.program.models import ExerciseAnswer, StageMark
from heartwork.safety.gate import reconnection_block
from heartwork.safety.selectors import highest_level
from tests.conftest import Persona, csrf_post
from tests.web.pages import (
    Element,
    Page,
    assert_page_basics,
    field_error,
    form_error,
    html_of,
    inline_scripts,
    inline_styles,
    main_text,
    messages,
)
from tests.web.steps import ClientFor

START = "/start/"
ANSWERS = {
    "standing": "apart",
    "who_ended": "them",
    "since_when": "this_month",
    "last_contact": "this_week",
    "betrayal": "none",
    "asked_for_space": "asked_space",
}


def question(doc: Element, name: str) -> Element:
    return doc.one(attrs={"data-question": name})


def question_error(response: Page, name: str) -> str:
    """The error inside a question's fieldset, after checking the fieldset points at it."""
    box = question(html_of(response), name)
    errors = box.find(class_="field-errors")
    assert errors is not None, f"no error shown for {name!r}"
    assert errors.attrs["id"] in box.attrs.get("aria-describedby", "").split()
    return errors.text()


def chosen(doc: Element, name: str) -> str | None:
    for radio in question(doc, name).find_all("input", {"type": "radio"}):
        if "checked" in radio.attrs:
            return radio.attrs["value"]
    return None


def saved(persona: Persona) -> dict[str, object] | None:
    row = selectors.situation_of(persona.user)
    return row.answers if row is not None else None


def test_each_question_is_a_labelled_group_of_its_answers(
    alex: Persona, client_for: ClientFor
) -> None:
    questions = program().onboarding
    assert questions is not None

    response = client_for(alex).get(START)

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert doc.one("h1").text() == questions.title
    for q in questions.questions:
        box = question(doc, q.id)
        if q.type == "choice":
            assert box.tag == "fieldset"
            assert box.one("legend").text() == q.text
            labels = [label.text() for label in box.find_all("label")]
            assert labels == [option.text for option in q.options]
        else:
            assert box.one("label").text().startswith(q.text)
            assert box.one("textarea").attrs["name"] == q.id
    assert doc.one("form", class_="onboarding-form").attrs["method"] == "post"


def test_answering_saves_the_situation_and_goes_to_the_safety_check(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    response = csrf_post(client, START, {**ANSWERS, "notes": "  We still share a dog.  "})

    assert response.status_code == 302
    assert response["Location"] == "/safety/"
    assert saved(alex) == {**ANSWERS, "notes": "We still share a dog."}
    assert "short safety check" in " ".join(messages(client.get("/safety/")))


def test_once_the_safety_check_is_done_saving_goes_straight_to_the_plan(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex_checked)

    response = csrf_post(client, START, ANSWERS)

    assert response.status_code == 302
    assert response["Location"] == "/start/plan/"
    assert "Your plan now follows your answers" in " ".join(messages(client.get("/start/plan/")))


def test_the_situation_starts_no_stage(alex: Persona, client_for: ClientFor) -> None:
    csrf_post(client_for(alex), START, ANSWERS)

    assert not StageMark.objects.exists()
    row = ExerciseAnswer.objects.get()
    assert (row.stage, row.exercise) == ("onboarding", "situation")


def test_answering_again_shows_the_last_answers_and_keeps_each_version(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    csrf_post(client, START, ANSWERS)
    csrf_post(client, START, {**ANSWERS, "standing": "on_break"})

    response = client.get(START)

    doc = html_of(response)
    assert chosen(doc, "standing") == "on_break"
    assert chosen(doc, "who_ended") == "them"
    assert "You last answered these on" in main_text(response)
    assert ExerciseAnswer.objects.filter(user=alex.user).count() == 2


def test_a_missing_answer_shows_an_error_next_to_that_question_and_saves_nothing(
    alex: Persona, client_for: ClientFor
) -> None:
    answers = dict(ANSWERS)
    del answers["betrayal"]

    response = csrf_post(client_for(alex), START, answers)

    assert response.status_code == 200
    assert "choose an answer" in question_error(response, "betrayal")
    assert question(html_of(response), "standing").find(class_="field-errors") is None
    assert "Nothing has been saved" in form_error(response)
    assert chosen(html_of(response), "standing") == "apart"
    assert saved(alex) is None


def test_an_answer_that_is_not_offered_is_refused_next_to_the_question(
    alex: Persona, client_for: ClientFor
) -> None:
    response = csrf_post(client_for(alex), START, {**ANSWERS, "who_ended": "nobody"})

    assert response.status_code == 200
    assert "one of the answers shown" in question_error(response, "who_ended")
    assert saved(alex) is None


def test_a_note_that_is_too_long_is_refused_next_to_the_text_box(
    alex: Persona, client_for: ClientFor
) -> None:
    response = csrf_post(client_for(alex), START, {**ANSWERS, "notes": "x" * 5001})

    assert response.status_code == 200
    assert "5000 characters" in field_error(response, "notes")
    assert saved(alex) is None


def test_the_note_is_optional(alex: Persona, client_for: ClientFor) -> None:
    csrf_post(client_for(alex), START, {**ANSWERS, "notes": "   "})

    assert saved(alex) == ANSWERS


def test_a_no_contact_answer_closes_contact_coaching(alex: Persona, client_for: ClientFor) -> None:
    csrf_post(client_for(alex), START, {**ANSWERS, "asked_for_space": "blocked"})

    assert highest_level(alex.user) == "red"
    block = reconnection_block(alex.user)
    assert block is not None and block.code == "safety_lock"


def test_not_sure_about_no_contact_asks_the_contact_questions_again_first(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    csrf_post(client_for(alex_checked), START, {**ANSWERS, "asked_for_space": "not_sure"})

    block = reconnection_block(alex_checked.user)
    assert block is not None
    assert block.code == "safety_check_required"
    assert "contact" in block.screens


def test_the_note_is_read_by_the_safety_net(alex: Persona, client_for: ClientFor) -> None:
    note = "They said they would kill me if I ever left."

    csrf_post(client_for(alex), START, {**ANSWERS, "notes": note})

    assert highest_level(alex.user) != "green"


def test_the_answers_are_stored_encrypted(alex: Persona, client_for: ClientFor) -> None:
    csrf_post(client_for(alex), START, {**ANSWERS, "notes": "the quokka-shaped secret"})

    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM program_exerciseanswer")
        [(data,)] = cursor.fetchall()
    for plaintext in ("quokka", "asked_space", "who_ended"):
        assert plaintext not in str(data)


def test_answers_without_the_forms_csrf_token_are_refused(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).post(START, ANSWERS)

    assert response.status_code == 403
    assert saved(alex) is None


def test_the_questions_are_never_cached(alex: Persona, client_for: ClientFor) -> None:
    response = client_for(alex).get(START)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_answering_needs_you_to_be_logged_in(visitor: Client) -> None:
    response = visitor.get(START)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/start/"


def test_the_page_has_the_quick_exit_link_and_nothing_inline_the_policy_would_block(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(START)

    doc = html_of(response)
    assert len(doc.find_all("a", class_="quick-exit")) == 1
    assert inline_scripts(doc) == []
    assert inline_styles(doc) == []
