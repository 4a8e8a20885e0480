"""/api/v1/rituals/time and /api/v1/rituals/reflections: time together without
distractions, and "what drew us together"."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from heartwork.rituals.models import Reflection, TimeTogether
from heartwork.safety.selectors import highest_level
from tests.api.conftest import JSON, assert_error
from tests.conftest import Persona, pass_safety_check, stored_text

TIME_URL = "/api/v1/rituals/time"
REFLECTIONS_URL = "/api/v1/rituals/reflections"


def today() -> date:
    return timezone.localdate()


def log(api: Client, persona: Persona, **body: Any) -> Any:
    return api.post(TIME_URL, {"minutes": 30, **body}, content_type=JSON, headers=persona.auth)


def reflect(api: Client, persona: Persona, text: str) -> Any:
    return api.post(REFLECTIONS_URL, {"text": text}, content_type=JSON, headers=persona.auth)


# -- time together -----------------------------------------------------------------------


def test_time_together_comes_back_with_its_fields_dated_today(
    api: Client, alex_checked: Persona
) -> None:
    response = log(api, alex_checked, minutes=40, what=" Cooked dinner, phones in a drawer. ")

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "day", "minutes", "what", "created_at"}
    uuid.UUID(body["id"])
    assert (body["day"], body["minutes"], body["what"]) == (
        today().isoformat(),
        40,
        "Cooked dinner, phones in a drawer.",
    )


def test_what_we_did_is_optional(api: Client, alex_checked: Persona) -> None:
    assert log(api, alex_checked).json()["what"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"minutes": 0}, "minutes"),
        ({"minutes": -15}, "minutes"),
        ({"minutes": 1441}, "minutes"),
        ({"minutes": 12.5}, "minutes"),
        ({"minutes": "lots"}, "minutes"),
        ({"minutes": True}, "minutes"),
        ({"minutes": 30, "day": "2999-01-01"}, "day"),
        ({"minutes": 30, "day": "1999-12-31"}, "day"),
        ({"minutes": 30, "what": "x" * 2001}, "what"),
    ],
)
def test_bad_time_is_a_422_naming_the_field_and_saves_nothing(
    api: Client, alex_checked: Persona, body: dict[str, Any], field: str
) -> None:
    response = api.post(TIME_URL, body, content_type=JSON, headers=alex_checked.auth)

    assert_error(response, 422, "invalid", field)
    assert TimeTogether.objects.count() == 0


def test_the_list_is_newest_day_first_and_entries_can_be_deleted(
    api: Client, alex_checked: Persona
) -> None:
    old = log(api, alex_checked, day=(today() - timedelta(days=3)).isoformat()).json()
    new = log(api, alex_checked, minutes=15).json()

    listed = api.get(TIME_URL, headers=alex_checked.auth).json()
    assert [item["id"] for item in listed["items"]] == [new["id"], old["id"]]
    assert api.delete(f"{TIME_URL}/{old['id']}", headers=alex_checked.auth).status_code == 204
    assert api.get(TIME_URL, headers=alex_checked.auth).json()["count"] == 1


def test_another_persons_time_is_not_found(
    api: Client, alex_checked: Persona, sam: Persona
) -> None:
    entry = log(api, alex_checked).json()

    assert_error(
        api.delete(f"{TIME_URL}/{entry['id']}", headers=sam.auth), 404, "not_found", "time_id"
    )
    assert api.get(TIME_URL, headers=sam.auth).json()["count"] == 0
    assert TimeTogether.objects.count() == 1


# -- what drew us together ---------------------------------------------------------------


def test_a_reflection_is_saved_listed_and_deleted(api: Client, alex_checked: Persona) -> None:
    response = reflect(api, alex_checked, "  How they laughed at my worst jokes.\nStill true. ")

    assert response.status_code == 201
    saved = response.json()
    assert set(saved) == {"id", "text", "created_at"}
    assert saved["text"] == "How they laughed at my worst jokes.\nStill true."
    listed = api.get(REFLECTIONS_URL, headers=alex_checked.auth).json()
    assert [item["id"] for item in listed["items"]] == [saved["id"]]
    url = f"{REFLECTIONS_URL}/{saved['id']}"
    assert api.delete(url, headers=alex_checked.auth).status_code == 204
    assert_error(api.delete(url, headers=alex_checked.auth), 404)


@pytest.mark.parametrize(("text", "field"), [("   ", "text"), ("x" * 5001, "text")])
def test_a_blank_or_too_long_reflection_is_refused(
    api: Client, alex_checked: Persona, text: str, field: str
) -> None:
    assert_error(reflect(api, alex_checked, text), 422, "invalid", field)
    assert Reflection.objects.count() == 0


def test_another_persons_reflection_is_not_found(
    api: Client, alex_checked: Persona, sam: Persona
) -> None:
    pass_safety_check(sam)
    saved = reflect(api, alex_checked, "The first summer.").json()

    assert_error(
        api.delete(f"{REFLECTIONS_URL}/{saved['id']}", headers=sam.auth),
        404,
        "not_found",
        "reflection_id",
    )
    assert api.get(REFLECTIONS_URL, headers=sam.auth).json()["count"] == 0


def test_words_are_encrypted_and_read_by_the_safety_net(api: Client, alex_checked: Persona) -> None:
    log(api, alex_checked, what="A quokka picnic in Zanzibar.")
    reflect(api, alex_checked, "They said they would kill me if I ever left.")

    stored = stored_text("rituals_timetogether", "rituals_reflection")
    assert stored
    assert "quokka" not in stored and "Zanzibar" not in stored and "kill me" not in stored
    assert highest_level(alex_checked.user) == "high_danger"
