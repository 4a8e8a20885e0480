"""checkin/card.html: the small daily check-in card the home page shows."""

from __future__ import annotations

from datetime import timedelta

from django.template.loader import render_to_string

from heartwork.checkin.selectors import summary_card, today_of
from heartwork.checkin.services import save_checkin
from tests.conftest import Persona
from tests.web.pages import parse


def card_text(persona: Persona) -> tuple[str, str]:
    """The card's words, and where its link goes."""
    html = render_to_string("checkin/card.html", {"checkin_card": summary_card(persona.user)})
    card = parse(html).one("section", class_="checkin-card")
    return card.text(), card.one("a").attrs["href"]


def test_a_new_person_is_invited_to_a_first_check_in(alex: Persona) -> None:
    text, link = card_text(alex)

    assert text.startswith("Daily check-in")
    assert "A minute a day" in text
    assert "Check in for today" in text
    assert link == "/checkin/"


def test_the_card_shows_the_current_and_the_longest_run(alex: Persona) -> None:
    today = today_of(alex.user)
    for days_ago in (9, 8, 7, 2, 1, 0):
        save_checkin(user=alex.user, values={"mood": 3}, day=today - timedelta(days=days_ago))

    text, _ = card_text(alex)

    assert "A run of 3 days." in text
    assert "Longest: 3 days." in text
    assert "See or change today's check-in" in text


def test_after_a_break_the_card_invites_a_new_run(alex: Persona) -> None:
    save_checkin(user=alex.user, values={"mood": 3}, day=today_of(alex.user) - timedelta(days=5))

    text, _ = card_text(alex)

    assert "A new run starts with your next check-in." in text
    assert "Longest: 1 day." in text
