"""/space/letters/: the unsent letters, each on its own page; the message coach is offered
only when its own safety gate lets it run, and the letter reaches it only in a POST body."""

from __future__ import annotations

from django.test import Client

from heartwork.safety.services import record_screen
from heartwork.space import services
from heartwork.space.models import Letter
from tests.conftest import Persona, answer_all, csrf_post, pass_safety_check
from tests.web.pages import Element, assert_page_basics, html_of, main_text
from tests.web.steps import ClientFor

LIST = "/space/letters/"
WORDS = "I keep thinking about our last call. I was unfair to you."


def letter_url(letter: Letter) -> str:
    return f"/space/letters/{letter.id}/"


def coach_section(doc: Element) -> Element | None:
    return doc.find("section", class_="space-coach")


def test_letters_are_listed_newest_first_with_the_start_of_each(
    alex: Persona, client_for: ClientFor
) -> None:
    services.write_letter(user=alex.user, body="First letter.")
    newest = services.write_letter(user=alex.user, body=WORDS)

    doc = assert_page_basics(client_for(alex).get(LIST))

    links = doc.one("ul", class_="space-list").find_all("a")
    assert links[0].attrs["href"] == letter_url(newest)
    assert links[0].text().startswith("I keep thinking")
    assert links[1].text() == "First letter."


def test_a_letter_page_keeps_the_words_out_of_its_title(
    alex: Persona, client_for: ClientFor
) -> None:
    letter = services.write_letter(user=alex.user, body=WORDS)

    doc = assert_page_basics(client_for(alex).get(letter_url(letter)))

    assert WORDS not in doc.one("title").text()
    assert WORDS in doc.one("article").text()
    assert "never sends it" in doc.one("main").text()


def test_with_the_coach_open_the_letter_goes_to_it_in_a_post_body_not_an_address(
    alex_checked: Persona, client_for: ClientFor
) -> None:
    letter = services.write_letter(user=alex_checked.user, body=WORDS)
    client = client_for(alex_checked)

    section = coach_section(html_of(client.get(letter_url(letter))))

    assert section is not None
    form = section.one("form")
    assert form.attrs["method"] == "post"
    assert form.attrs["action"] == "/coach/"
    fields = {node.attrs["name"]: node.attrs.get("value") for node in form.find_all("input")}
    assert fields["text"] == WORDS
    assert fields["kind"] == "auto"
    button = form.one("button")
    assert (button.attrs["name"], button.attrs["value"]) == ("action", "check")
    assert "send" not in button.text().lower()
    assert WORDS not in "".join(a.attrs.get("href", "") for a in section.find_all("a"))
    coach = csrf_post(
        client, "/coach/", {k: v or "" for k, v in fields.items()} | {"action": "check"}
    )
    assert coach.status_code == 200
    assert WORDS in html_of(coach).one("textarea", {"name": "text"}).text()


def test_before_the_safety_check_the_page_points_to_it_instead_of_the_coach(
    alex: Persona, client_for: ClientFor
) -> None:
    letter = services.write_letter(user=alex.user, body=WORDS)

    section = coach_section(html_of(client_for(alex).get(letter_url(letter))))

    assert section is not None
    assert section.find("form") is None
    assert section.one("a").attrs["href"] == "/safety/check/"


def test_under_a_safety_lock_the_letter_stays_but_the_coach_is_not_offered(
    alex: Persona, client_for: ClientFor
) -> None:
    partner = pass_safety_check(alex)
    record_screen(
        user=alex.user,
        screen_id="contact",
        answers=answer_all("contact", asked_no_contact="yes"),
        partner=partner,
    )
    letter = services.write_letter(user=alex.user, body=WORDS)

    response = client_for(alex).get(letter_url(letter))

    assert response.status_code == 200
    doc = html_of(response)
    assert coach_section(doc) is None
    assert "coach" not in main_text(response).lower()
    assert WORDS in doc.one("article").text()


def test_a_letter_can_be_changed_and_deleted(alex: Persona, client_for: ClientFor) -> None:
    letter = services.write_letter(user=alex.user, body=WORDS)
    client = client_for(alex)

    changed = csrf_post(client, f"{letter_url(letter)}edit/", {"body": "Shorter now."})
    deleted = csrf_post(client, f"{letter_url(letter)}delete/")

    assert changed["Location"] == letter_url(letter)
    assert deleted["Location"] == LIST
    assert Letter.objects.count() == 0


def test_another_persons_letter_is_not_found(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    letter = services.write_letter(user=sam.user, body="Sam's letter.")
    client = client_for(alex)

    for url in (letter_url(letter), f"{letter_url(letter)}edit/", f"{letter_url(letter)}delete/"):
        assert client.get(url).status_code == 404, url
    assert csrf_post(client, f"{letter_url(letter)}delete/").status_code == 404
    assert "Sam's letter." not in main_text(client.get(LIST))
    assert Letter.objects.count() == 1


def test_a_visitor_who_is_not_logged_in_is_sent_to_log_in(visitor: Client) -> None:
    assert visitor.get(LIST)["Location"].startswith("/accounts/login/")
