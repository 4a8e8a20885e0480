"""/api/v1/space/urges: the urge log (when, trigger, strength 1-10, what I did instead)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from heartwork.safety.selectors import standing_of
from heartwork.space.models import Urge
from tests.api.conftest import JSON, assert_error
from tests.conftest import Persona

URL = "/api/v1/space/urges"
KEYS = {"id", "at", "day", "strength", "trigger", "instead", "created_at", "updated_at"}


def post(api: Client, persona: Persona, body: Any) -> Any:
    return api.post(URL, body, content_type=JSON, headers=persona.auth)


def logged(api: Client, persona: Persona, **body: Any) -> dict[str, Any]:
    response = post(api, persona, {"strength": 5, **body})
    assert response.status_code == 201, response.content
    urge: dict[str, Any] = response.json()
    return urge


def test_an_urge_is_logged_now_with_its_trigger_and_what_was_done_instead(
    api: Client, alex: Persona
) -> None:
    urge = logged(api, alex, strength=8, trigger="Our song came on", instead="Called my sister")

    assert set(urge) == KEYS
    assert urge["strength"] == 8
    assert urge["trigger"] == "Our song came on"
    assert urge["instead"] == "Called my sister"
    assert urge["day"] == timezone.localdate().isoformat()
    assert api.get(f"{URL}/{urge['id']}", headers=alex.auth).json() == urge


def test_a_time_without_a_zone_is_read_on_the_persons_own_clock(api: Client, alex: Persona) -> None:
    alex.user.time_zone = "America/New_York"
    alex.user.save(update_fields=["time_zone"])

    urge = logged(api, alex, at="2026-01-10T23:30:00")

    assert urge["day"] == "2026-01-10"
    assert urge["at"].startswith("2026-01-11T04:30:00")


def test_strength_must_be_a_whole_number_from_one_to_ten(api: Client, alex: Persona) -> None:
    for bad in (0, 11, -1, "5", 5.5, None, True):
        assert_error(post(api, alex, {"strength": bad}), 422, "invalid", "strength")
    assert_error(post(api, alex, {"trigger": "x"}), 422, "invalid", "strength")
    assert Urge.objects.count() == 0


def test_a_time_in_the_future_is_refused_naming_the_field(api: Client, alex: Persona) -> None:
    later = (timezone.now() + timedelta(hours=2)).isoformat()

    response = post(api, alex, {"strength": 5, "at": later})

    error = assert_error(response, 422, "invalid", "at")
    assert "future" in error["message"]


def test_long_texts_and_unknown_fields_are_refused(api: Client, alex: Persona) -> None:
    assert_error(post(api, alex, {"strength": 5, "trigger": "x" * 1001}), 422, "invalid", "trigger")
    assert_error(post(api, alex, {"strength": 5, "mood": 3}), 422, "invalid", "mood")
    assert_error(post(api, alex, "strength"), 400, "bad_request")


def test_the_list_is_newest_first_and_paginated(api: Client, alex: Persona) -> None:
    now = timezone.now()
    for hours in (3, 1, 2):
        logged(api, alex, at=(now - timedelta(hours=hours)).isoformat(), strength=hours)

    body = api.get(f"{URL}?limit=2", headers=alex.auth).json()

    assert body["count"] == 3
    assert [urge["strength"] for urge in body["items"]] == [1, 2]


def test_patch_changes_what_is_given_and_refuses_bad_values_without_losing_anything(
    api: Client, alex: Persona
) -> None:
    urge = logged(api, alex, strength=6, trigger="A photo", instead="A walk")
    url = f"{URL}/{urge['id']}"

    changed = api.patch(url, {"strength": 3}, content_type=JSON, headers=alex.auth)
    refused = api.patch(url, {"strength": 12}, content_type=JSON, headers=alex.auth)
    null = api.patch(url, {"at": None}, content_type=JSON, headers=alex.auth)
    cleared = api.patch(url, {"instead": None}, content_type=JSON, headers=alex.auth)

    assert changed.json()["strength"] == 3
    assert changed.json()["trigger"] == "A photo"
    assert_error(refused, 422, "invalid", "strength")
    assert_error(null, 422, "invalid", "at")
    assert cleared.json()["instead"] == ""
    assert api.get(url, headers=alex.auth).json()["strength"] == 3


def test_delete_removes_only_that_urge(api: Client, alex: Persona) -> None:
    first, second = logged(api, alex), logged(api, alex)

    response = api.delete(f"{URL}/{first['id']}", headers=alex.auth)

    assert response.status_code == 204
    assert [u["id"] for u in api.get(URL, headers=alex.auth).json()["items"]] == [second["id"]]


def test_another_persons_urge_looks_like_one_that_does_not_exist(
    api: Client, alex: Persona, sam: Persona
) -> None:
    urge = logged(api, alex, trigger="private")
    url = f"{URL}/{urge['id']}"

    error = assert_error(api.get(url, headers=sam.auth), 404, "not_found", "urge_id")
    assert_error(api.patch(url, {"strength": 2}, content_type=JSON, headers=sam.auth), 404)
    assert_error(api.delete(url, headers=sam.auth), 404, "not_found", "urge_id")
    # Someone else's urge reads exactly like an id that never existed.
    assert assert_error(api.get(f"{URL}/not-an-id", headers=alex.auth), 404) == error
    assert api.get(URL, headers=sam.auth).json()["count"] == 0
    assert api.get(url, headers=alex.auth).json()["strength"] == 5


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads the SQLite file")
def test_the_words_are_encrypted_at_rest(api: Client, alex: Persona) -> None:
    logged(api, alex, trigger="quokka evening", instead="zanzibar walk")

    image = connection.connection.serialize()

    assert b"space_urge" in image
    assert b"quokka" not in image and b"zanzibar" not in image


def test_what_is_written_goes_through_the_safety_net(api: Client, alex: Persona) -> None:
    logged(api, alex, trigger="I wish I were dead")

    assert standing_of(alex.user).level != "green"
