"""space/card.html: the summary card the home page shows, from selectors.summary_card."""

from __future__ import annotations

from datetime import timedelta

from django.template.loader import render_to_string
from django.utils import timezone

from heartwork.space import services
from heartwork.space.selectors import summary_card
from tests.conftest import Persona
from tests.web.pages import Element, parse


def card_of(persona: Persona) -> Element:
    markup = render_to_string("space/card.html", {"space_card": summary_card(persona.user)})
    return parse(markup).one("section", class_="space-card")


def test_a_new_person_is_invited_to_set_up_a_cool_down(alex: Persona) -> None:
    card = card_of(alex)

    assert card.one("h2").text() == "Space"
    assert "No cool-down yet" in card.text()
    assert "0 urges in the last 7 days (the 7 days before: 0)." in card.text()
    hrefs = [a.attrs["href"] for a in card.find_all("a")]
    assert hrefs == ["/space/", "/space/now/"]


def test_the_card_shows_days_since_contact_the_longest_run_slips_and_urges(
    alex: Persona,
) -> None:
    today = timezone.localdate()
    services.set_plan(
        user=alex.user,
        started_on=today - timedelta(days=9),
        planned_days=30,
        last_contact_on=today - timedelta(days=10),
    )
    services.log_slip(user=alex.user, how="message", at=timezone.now() - timedelta(days=3))
    services.log_urge(user=alex.user, strength=5)

    card = card_of(alex)

    assert card.one(class_="space-big").text() == "3 days since your last contact"
    assert "Longest stretch: 6 days. 1 slip." in card.text()
    assert card.one(class_="space-card-urges").text() == (
        "1 urge in the last 7 days (the 7 days before: 0)."
    )
