"""GET /api/v1/safety/screens: the questions of the safety check, for a client to ask."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from tests.api.conftest import assert_error
from tests.conftest import Persona

URL = "/api/v1/safety/screens"
ORDER = ["device", "mood", "contact", "harm", "mirror", "quick"]


def screens(api: Client, persona: Persona) -> dict[str, Any]:
    response = api.get(URL, headers=persona.auth)
    assert response.status_code == 200, response.content
    document: dict[str, Any] = response.json()
    return document


def test_every_screen_comes_back_in_the_order_the_check_asks_them(
    api: Client, alex: Persona
) -> None:
    document = screens(api, alex)

    assert set(document) == {"order", "screens"}
    assert document["order"] == ORDER
    assert [screen["id"] for screen in document["screens"]] == ORDER


def test_each_screen_says_who_it_is_about_and_how_to_answer(api: Client, alex: Persona) -> None:
    document = screens(api, alex)

    scopes = {screen["id"]: screen["scope"] for screen in document["screens"]}
    assert scopes == {
        "device": "user",
        "mood": "user",
        "contact": "partner",
        "harm": "partner",
        "mirror": "partner",
        "quick": "partner",
    }
    for screen in document["screens"]:
        assert set(screen) == {"id", "scope", "title", "intro", "answers", "items"}
        assert screen["title"] and screen["intro"]
        assert screen["answers"] == ["yes", "no", "unsure"]
        assert screen["items"], screen["id"]
        for item in screen["items"]:
            assert set(item) == {"id", "text", "ask_if"}
            assert item["text"].endswith("?"), item


def test_follow_up_questions_name_the_questions_they_follow(api: Client, alex: Persona) -> None:
    mood = next(screen for screen in screens(api, alex)["screens"] if screen["id"] == "mood")
    ids = [item["id"] for item in mood["items"]]
    follow_ups = [item for item in mood["items"] if item["ask_if"]]

    assert follow_ups, "the mood screen asks more when thoughts of death are reported"
    for item in follow_ups:
        assert set(item["ask_if"]) <= set(ids)
        assert ids.index(item["id"]) > max(ids.index(asked) for asked in item["ask_if"])


def test_the_screens_are_the_same_for_everyone(api: Client, alex: Persona, sam: Persona) -> None:
    assert screens(api, alex) == screens(api, sam)


def test_the_web_session_can_read_the_screens(
    alex: Persona, client_for: Callable[[Persona], Client]
) -> None:
    response = client_for(alex).get(URL)

    assert response.status_code == 200
    assert response.json()["order"] == ORDER


def test_reading_the_screens_needs_a_token(api: Client, db: None) -> None:
    assert_error(api.get(URL), 401, "unauthorized")


def test_the_screens_cannot_be_changed_through_the_list(api: Client, alex: Persona) -> None:
    response = api.post(URL, {}, content_type="application/json", headers=alex.auth)

    assert_error(response, 405, "method_not_allowed")
