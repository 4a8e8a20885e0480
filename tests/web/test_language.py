"""A person reads Heartwork in their language: Spanish pages, stages, safety questions and
well-being checks for someone who chose Spanish; English for everyone else. Visitors get
their browser's language, or the one they pick on the public pages, without JavaScript."""

from __future__ import annotations

from urllib.parse import urlparse

from django.test import Client

from heartwork.accounts.models import User
from heartwork.accounts.services import set_language
from heartwork.coach import ALL_LABELS
from heartwork.drafts.highlight import LABEL_NAMES
from heartwork.journal.prompts import prompts
from heartwork.program.content import program
from heartwork.reminders import mail as reminder_mail
from heartwork.reminders.api import feed_url
from heartwork.reminders.services import new_feed_token
from heartwork.safety.screens import load_screens
from heartwork.wellbeing.questions import load_checks
from tests.conftest import Persona, csrf_post, pass_safety_check
from tests.web.pages import Page, html_of, main_text
from tests.web.steps import ClientFor

SPANISH = {"Accept-Language": "es-MX,es;q=0.9"}


def in_spanish(persona: Persona) -> Persona:
    set_language(user=persona.user, code="es")
    return persona


def lang_of(response: Page) -> str:
    return html_of(response).one("html").attrs["lang"]


def test_a_spanish_user_reads_a_stage_in_spanish(alex: Persona, client_for: ClientFor) -> None:
    spanish, english = program("es").stages["space"], program("en").stages["space"]
    assert spanish.title != english.title

    response = client_for(in_spanish(alex)).get("/program/space/")

    assert response.status_code == 200
    assert lang_of(response) == "es"
    assert response["Content-Language"] == "es"
    assert html_of(response).one("h1").text() == spanish.title
    assert spanish.reading[0].split()[0] in main_text(response)
    assert english.purpose not in main_text(response)


def test_an_english_user_reads_the_same_stage_in_english(
    alex: Persona, client_for: ClientFor
) -> None:
    # Even with a browser that prefers Spanish: the saved choice wins.
    response = client_for(alex).get("/program/space/", headers=SPANISH)
    assert lang_of(response) == "en"
    assert html_of(response).one("h1").text() == program("en").stages["space"].title


def test_a_spanish_user_answers_the_safety_check_in_spanish(
    alex: Persona, client_for: ClientFor
) -> None:
    spanish, english = load_screens("es").get("device"), load_screens("en").get("device")
    assert spanish is not None and english is not None

    text = main_text(client_for(in_spanish(alex)).get("/safety/check/device/"))

    assert spanish.items[0].text in text
    assert english.items[0].text not in text


def test_a_spanish_user_takes_a_well_being_check_in_spanish(
    alex: Persona, client_for: ClientFor
) -> None:
    spanish, english = load_checks("es").get("personal"), load_checks("en").get("personal")
    assert spanish is not None and english is not None

    text = main_text(client_for(in_spanish(alex)).get("/wellbeing/personal/"))

    assert spanish.items[0].text in text
    assert english.items[0].text not in text


def test_spanish_and_english_ask_the_same_questions_with_the_same_levels() -> None:
    # Only the words differ: a Spanish answer set means what the English one means.
    for ours, theirs in zip(load_screens("es").screens, load_screens("en").screens, strict=True):
        assert [(i.id, i.yes, i.unsure, i.code, i.ask_if) for i in ours.items] == [
            (i.id, i.yes, i.unsure, i.code, i.ask_if) for i in theirs.items
        ]


def test_the_account_page_saves_the_language(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)
    page = html_of(client.get("/accounts/"))
    assert page.one("select", {"name": "language"})

    response = csrf_post(client, "/accounts/language/", {"language": "es"})

    assert response.status_code == 302
    alex.user.refresh_from_db()
    assert alex.user.language == "es"
    assert lang_of(client.get("/accounts/")) == "es"


def test_a_language_heartwork_does_not_speak_is_refused(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    response = csrf_post(client, "/accounts/language/", {"language": "xx"})
    assert response.status_code == 302
    alex.user.refresh_from_db()
    assert alex.user.language == "en"


def test_a_visitor_gets_their_browsers_language_and_signs_up_in_it(visitor: Client) -> None:
    page = visitor.get("/accounts/signup/", headers=SPANISH)
    assert lang_of(page) == "es"
    chosen = html_of(page).one("select", {"id": "id_language"}).find("option", {"selected": ""})
    assert chosen is not None and chosen.attrs["value"] == "es"

    csrf_post(
        visitor,
        "/accounts/signup/",
        {
            "email": "nuevo@example.org",
            "password": "una frase larga y poco común 42",
            "password_again": "una frase larga y poco común 42",
            "language": "es",
        },
    )

    assert User.objects.get(email="nuevo@example.org").language == "es"


def test_a_visitor_switches_language_on_the_welcome_page_without_javascript(
    visitor: Client,
) -> None:
    welcome = html_of(visitor.get("/"))
    form = welcome.one("form", class_="language-switch")
    assert form.attrs["method"] == "post"
    assert form.one("button").attrs["type"] == "submit"
    assert lang_of(visitor.get("/")) == "en"

    response = csrf_post(visitor, form.attrs["action"], {"language": "es", "back": "/"})

    assert response.status_code == 302 and response["Location"] == "/"
    assert lang_of(visitor.get("/")) == "es"
    assert lang_of(visitor.get("/accounts/login/")) == "es"


def test_the_switch_never_sends_anyone_to_another_site(visitor: Client) -> None:
    response = csrf_post(
        visitor, "/accounts/language/", {"language": "es", "back": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_the_coach_tells_a_spanish_user_plainly_that_it_reads_english_only(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    pass_safety_check(alex)
    pass_safety_check(sam)
    spanish = html_of(client_for(in_spanish(alex)).get("/coach/"))
    english = html_of(client_for(sam).get("/coach/"))
    assert spanish.find(class_="coach-language") is not None
    assert english.find(class_="coach-language") is None


def test_every_coach_label_has_a_name_to_translate() -> None:
    assert set(LABEL_NAMES) == set(ALL_LABELS)
    assert {label: str(name) for label, name in LABEL_NAMES.items()} == {
        label: label.replace("_", " ") for label in ALL_LABELS
    }


def test_the_interface_words_follow_the_language_too(visitor: Client) -> None:
    # From the gettext catalogue (src/heartwork/locale/es): the sign-up page's heading.
    english = html_of(visitor.get("/accounts/signup/")).one("h1").text()
    spanish = html_of(visitor.get("/accounts/signup/", headers=SPANISH)).one("h1").text()
    assert english == "Create your account"
    assert spanish == "Crea tu cuenta"


def test_a_reminder_email_and_the_calendar_feed_are_in_the_owners_language(
    alex: Persona, sam: Persona
) -> None:
    # Sent by the worker, outside any request: the person's saved language, not the server's.
    in_spanish(alex)
    assert reminder_mail.message_for(alex.user).subject == "Un recordatorio"
    assert reminder_mail.message_for(sam.user).subject == "A reminder"
    # The calendar's name, for someone in discreet mode (the default): "Notes", translated.
    spanish = Client().get(urlparse(feed_url(new_feed_token(user=alex.user))).path)
    english = Client().get(urlparse(feed_url(new_feed_token(user=sam.user))).path)
    assert "X-WR-CALNAME:Notas" in spanish.content.decode()
    assert "X-WR-CALNAME:Notes" in english.content.decode()


def test_a_spanish_user_answers_the_situation_questions_and_sees_prompts_in_spanish(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(in_spanish(alex))
    spanish, english = program("es").onboarding, program("en").onboarding
    assert spanish is not None and english is not None
    situation = main_text(client.get("/start/"))
    assert spanish.questions[0].text in situation
    assert english.questions[0].text not in situation
    journal = main_text(client.get("/journal/new/"))
    assert prompts("es").general[0].text in journal
    assert prompts("en").general[0].text not in journal


def test_the_notes_about_missing_or_overdue_help_lines_are_in_the_spanish_catalogue() -> None:
    # The safety path and the help page show these notes through {% translate %}; a Spanish
    # speaker in a country without checked lines must not meet them in English.
    from django.utils import translation

    from heartwork.safety.resources import FALLBACK_NOTE, OTHER_COUNTRIES, STALE_NOTE

    with translation.override("es"):
        for note in (FALLBACK_NOTE, STALE_NOTE, OTHER_COUNTRIES):
            assert translation.gettext(note) != note
        assert "emergencias" in translation.gettext(FALLBACK_NOTE)
