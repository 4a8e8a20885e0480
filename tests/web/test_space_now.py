"""/space/now/: "I want to text them now". A two-minute grounding exercise that works
without JavaScript (a timer is an optional extra from a static file), then a letter box
whose letter is kept, encrypted, and never sent."""

from __future__ import annotations

from django.test import Client

from heartwork.safety.services import record_screen
from heartwork.space.models import Letter
from tests.conftest import Persona, answer_all, csrf_post, pass_safety_check
from tests.web.pages import (
    Element,
    assert_page_basics,
    field_error,
    html_of,
    inline_scripts,
    inline_styles,
    messages,
)
from tests.web.steps import ClientFor

URL = "/space/now/"


def actions(doc: Element) -> list[str]:
    return [node.text() for node in doc.find_all() if node.tag in {"a", "button"}]


def test_the_grounding_steps_are_plain_text_and_the_timer_waits_for_javascript(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(URL)

    doc = assert_page_basics(response)
    assert doc.one("h1").text() == "Before you text them"
    grounding = doc.one("section", class_="grounding")
    steps = grounding.one("ol").find_all("li")
    assert len(steps) == 6
    assert "count to four" in steps[1].text()
    timer = grounding.one(attrs={"data-grounding-timer": ""})
    assert "hidden" in timer.attrs
    assert [b.attrs["type"] for b in timer.find_all("button")] == ["button", "button"]
    scripts = [node.attrs["src"] for node in doc.find_all("script") if "src" in node.attrs]
    assert "/static/space/grounding.js" in scripts
    assert inline_scripts(doc) == []
    assert inline_styles(doc) == []
    assert "no-store" in response["Cache-Control"]


def test_the_timer_script_is_served(alex: Persona, client_for: ClientFor) -> None:
    response = client_for(alex).get("/static/space/grounding.js")

    assert response.status_code == 200
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert b"data-grounding-timer" in body


def test_there_is_no_send_action_anywhere_on_the_page(alex: Persona, client_for: ClientFor) -> None:
    doc = html_of(client_for(alex).get(URL))

    assert [text for text in actions(doc) if "send" in text.lower()] == []
    form = doc.one("form", class_="space-form")
    assert form.attrs["method"] == "post" and "action" not in form.attrs
    assert form.one("button", {"type": "submit"}).text() == "Keep this letter"


def test_a_letter_is_kept_and_shown_on_its_own_page(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)

    response = csrf_post(client, URL, {"body": "I wanted to say I am sorry for everything."})

    letter = Letter.objects.get(user=alex.user)
    assert response.status_code == 302
    assert response["Location"] == f"/space/letters/{letter.id}/"
    page = client.get(response["Location"])
    assert messages(page) == ["Kept here. This letter is never sent."]
    assert "I wanted to say I am sorry" in html_of(page).one("article").text()


def test_an_empty_letter_is_an_error_on_the_box(alex: Persona, client_for: ClientFor) -> None:
    response = csrf_post(client_for(alex), URL, {"body": "   "})

    assert response.status_code == 200
    assert field_error(response, "body") == "Write something first."
    assert Letter.objects.count() == 0


def test_the_page_stays_open_under_a_safety_lock(alex: Persona, client_for: ClientFor) -> None:
    partner = pass_safety_check(alex)
    record_screen(
        user=alex.user,
        screen_id="contact",
        answers=answer_all("contact", order="yes"),
        partner=partner,
    )
    client = client_for(alex)

    assert client.get(URL).status_code == 200
    assert csrf_post(client, URL, {"body": "Just for me."}).status_code == 302


def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in(visitor: Client) -> None:
    response = visitor.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
