"""GET /api/v1/safety/status: whether coaching may run, what to answer, and help lines."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from heartwork.partners.services import add_partner
from heartwork.safety.services import record_screen, record_text
from tests.api.conftest import ANALYZE_URL, JSON, assert_error
from tests.conftest import Persona, answer_all, pass_safety_check

URL = "/api/v1/safety/status"
KEYS = {"level", "coaching", "message", "due", "partner", "country", "resources"}
EVERY_SCREEN = ["device", "mood", "contact", "harm", "mirror"]


def status(api: Client, persona: Persona) -> dict[str, Any]:
    response = api.get(URL, headers=persona.auth)
    assert response.status_code == 200, response.content
    document: dict[str, Any] = response.json()
    assert set(document) == KEYS, document
    return document


def live_in(persona: Persona, country: str) -> None:
    persona.user.country = country
    persona.user.save(update_fields=["country"])


def kinds(document: dict[str, Any]) -> set[str]:
    return {line["kind"] for line in document["resources"]}


def test_a_new_account_must_take_the_whole_check_first(api: Client, alex: Persona) -> None:
    document = status(api, alex)

    assert document["level"] == "green"
    assert document["coaching"] == "check_required"
    assert document["message"]
    assert document["due"] == EVERY_SCREEN
    assert (document["partner"], document["country"], document["resources"]) == (None, None, [])


def test_after_answering_everything_with_no_coaching_is_open(
    api: Client, alex_checked: Persona
) -> None:
    document = status(api, alex_checked)

    assert (document["level"], document["coaching"]) == ("green", "open")
    assert (document["message"], document["due"], document["resources"]) == (None, [], [])


def test_the_current_partner_is_shown_by_name(api: Client, alex: Persona) -> None:
    jo = add_partner(user=alex.user, name="Jo")

    partner = status(api, alex)["partner"]

    assert partner["id"] == str(jo.id)
    assert partner["name"] == "Jo"
    assert partner["since"].startswith(str(jo.created_at.year))


def test_a_partner_named_later_must_be_screened_afresh(api: Client, alex_checked: Persona) -> None:
    add_partner(user=alex_checked.user, name="Kim")

    document = status(api, alex_checked)

    assert document["coaching"] == "check_required"
    assert document["due"] == ["contact", "harm", "mirror"]


def test_the_mood_check_is_due_again_after_a_week(api: Client, alex_checked: Persona) -> None:
    long_ago = timezone.now() - timedelta(days=8)
    record_screen(
        user=alex_checked.user, screen_id="mood", answers=answer_all("mood"), now=long_ago
    )

    document = status(api, alex_checked)

    assert (document["coaching"], document["due"]) == ("check_required", ["mood"])


def test_a_court_order_locks_coaching_and_shows_abuse_lines(
    api: Client, alex_checked: Persona, sam: Persona
) -> None:
    live_in(alex_checked, "GB")
    jo = alex_checked.user.partners.get()
    record_screen(
        user=alex_checked.user,
        screen_id="contact",
        answers=answer_all("contact", order="yes"),
        partner=jo,
    )

    document = status(api, alex_checked)

    assert (document["level"], document["coaching"]) == ("red", "locked")
    assert document["message"] and document["due"] == []
    assert document["country"] == "GB"
    assert kinds(document) == {"abuse", "emergency"}
    refused = api.post(ANALYZE_URL, {"text": "Hi."}, content_type=JSON, headers=alex_checked.auth)
    assert_error(refused, 403, "safety_lock")
    assert status(api, sam)["coaching"] == "check_required"


def test_someone_who_has_hurt_their_partner_is_shown_lines_for_people_who_want_to_stop(
    api: Client, alex_checked: Persona
) -> None:
    live_in(alex_checked, "GB")
    jo = alex_checked.user.partners.get()
    record_screen(
        user=alex_checked.user,
        screen_id="mirror",
        answers=answer_all("mirror", hit="yes"),
        partner=jo,
    )

    document = status(api, alex_checked)

    assert document["coaching"] == "locked"
    assert "perpetrator" in kinds(document)
    assert "abuse" not in kinds(document)


def test_a_crisis_locks_coaching_and_shows_crisis_lines(api: Client, alex_checked: Persona) -> None:
    live_in(alex_checked, "GB")
    record_screen(
        user=alex_checked.user,
        screen_id="mood",
        answers=answer_all("mood", self_harm_thoughts="yes", soon="yes"),
    )

    document = status(api, alex_checked)

    assert (document["level"], document["coaching"]) == ("crisis", "locked")
    assert kinds(document) == {"emergency", "crisis"}


def test_danger_from_a_partner_right_now_shows_the_emergency_number(
    api: Client, alex_checked: Persona
) -> None:
    live_in(alex_checked, "GB")
    jo = alex_checked.user.partners.get()
    record_screen(
        user=alex_checked.user,
        screen_id="harm",
        answers=answer_all("harm", unsafe_now="yes"),
        partner=jo,
    )

    document = status(api, alex_checked)

    assert (document["level"], document["coaching"]) == ("crisis", "locked")
    assert "emergency" in kinds(document)


def test_without_a_country_the_international_directory_is_shown(api: Client, alex: Persona) -> None:
    record_screen(
        user=alex.user,
        screen_id="mood",
        answers=answer_all("mood", death_thoughts="yes", plan="yes"),
    )

    resources = status(api, alex)["resources"]

    assert resources
    assert all(line["source_url"].startswith("https://") for line in resources)


def test_a_danger_sign_in_free_text_locks_coaching(api: Client, alex_checked: Persona) -> None:
    jo = alex_checked.user.partners.get()
    record_text(user=alex_checked.user, text="He has blocked me everywhere.", partner=jo)

    document = status(api, alex_checked)

    assert (document["level"], document["coaching"]) == ("red", "locked")


def test_the_old_partners_lock_stays_after_moving_on(api: Client, alex_checked: Persona) -> None:
    jo = alex_checked.user.partners.get()
    record_screen(
        user=alex_checked.user,
        screen_id="harm",
        answers=answer_all("harm", afraid="yes"),
        partner=jo,
    )
    pass_safety_check(alex_checked, partner_name="Kim")

    document = status(api, alex_checked)

    # Coaching towards the new partner is open; what was found about the old one stays.
    assert document["coaching"] == "open"
    assert document["level"] == "red"
    assert document["partner"]["name"] == "Kim"


def test_the_web_session_can_read_the_status(
    alex: Persona, client_for: Callable[[Persona], Client]
) -> None:
    response = client_for(alex).get(URL)

    assert response.status_code == 200
    assert response.json()["coaching"] == "check_required"


def test_reading_the_status_needs_a_token(api: Client, db: None) -> None:
    assert_error(api.get(URL), 401, "unauthorized")


def test_each_person_sees_only_their_own_status(
    api: Client, alex_checked: Persona, sam: Persona
) -> None:
    add_partner(user=sam.user, name="Robin")

    assert status(api, alex_checked)["partner"]["name"] == "Jo"
    assert status(api, sam)["partner"]["name"] == "Robin"
