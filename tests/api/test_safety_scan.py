"""POST /api/v1/safety/scan: the scanner's verdict and help lines, stored nowhere."""

from __future__ import annotations

from django.test import Client

from heartwork.journal.models import Entry
from tests.api.conftest import assert_error
from tests.conftest import Persona

URL = "/api/v1/safety/scan"


def post(api: Client, persona: Persona, body: object) -> object:
    return api.post(URL, body, content_type="application/json", headers=persona.auth)


def test_a_danger_statement_comes_back_with_its_level_signals_and_help_lines(
    api: Client, alex: Persona
) -> None:
    response = api.post(
        URL,
        {"text": "He put his hands round my neck last month.", "country": "gb"},
        content_type="application/json",
        headers=alex.auth,
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"level", "signals", "question", "imminent", "resources"}
    assert body["level"] == "high_danger"
    assert body["signals"][0]["code"] == "strangulation"
    assert body["resources"], "help lines are shown with a danger result"
    assert all(line["source_url"].startswith("https://") for line in body["resources"])


def test_an_idiom_gets_a_question_not_an_alarm(api: Client, alex: Persona) -> None:
    body = api.post(
        URL,
        {"text": "I could kill him for forgetting the milk again"},
        content_type="application/json",
        headers=alex.auth,
    ).json()
    assert (body["level"], body["signals"], body["resources"]) == ("green", [], [])
    assert body["question"]


def test_an_unknown_country_still_gets_help_lines(api: Client, alex: Persona) -> None:
    body = api.post(
        URL,
        {"text": "I want to end my life tonight, I have the pills", "country": "zz"},
        content_type="application/json",
        headers=alex.auth,
    ).json()
    assert body["level"] == "crisis"
    assert body["resources"]


def test_scanning_stores_nothing(api: Client, alex: Persona) -> None:
    api.post(URL, {"text": "he hit me"}, content_type="application/json", headers=alex.auth)
    assert Entry.objects.count() == 0


def test_it_needs_a_token(api: Client, db: None) -> None:
    response = api.post(URL, {"text": "hello"}, content_type="application/json")
    assert_error(response, 401)


def test_bad_input_is_a_clear_422_naming_the_field(api: Client, alex: Persona) -> None:
    for body, field in (
        ({"text": "   "}, "text"),
        ({"text": 5}, "text"),
        ({"text": "x", "country": "gbr"}, "country"),
        ({"text": "x", "mood": "sad"}, "mood"),
        ({"text": "x" * 100_001}, "text"),
    ):
        response = api.post(URL, body, content_type="application/json", headers=alex.auth)
        assert response.status_code in (413, 422)
        if response.status_code == 422:
            assert response.json()["error"]["field"] == field
