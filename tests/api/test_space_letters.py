"""/api/v1/space/letters: unsent letters. Kept encrypted, never sent, only the writer's."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client

from heartwork.safety.selectors import standing_of
from heartwork.safety.services import record_screen
from tests.api.conftest import JSON, assert_error
from tests.conftest import Persona, answer_all, pass_safety_check

URL = "/api/v1/space/letters"


def write(api: Client, persona: Persona, body: str = "I miss you and I am sorry.") -> Any:
    response = api.post(URL, {"body": body}, content_type=JSON, headers=persona.auth)
    assert response.status_code == 201, response.content
    return response.json()


def test_a_letter_is_kept_and_has_nothing_about_sending(api: Client, alex: Persona) -> None:
    letter = write(api, alex)

    assert set(letter) == {"id", "body", "created_at", "updated_at"}
    assert letter["body"] == "I miss you and I am sorry."
    assert api.get(f"{URL}/{letter['id']}", headers=alex.auth).json() == letter


def test_an_empty_or_too_long_letter_is_refused(api: Client, alex: Persona) -> None:
    for body in ("", "   "):
        response = api.post(URL, {"body": body}, content_type=JSON, headers=alex.auth)
        assert_error(response, 422, "invalid", "body")
    long = api.post(URL, {"body": "x" * 20_001}, content_type=JSON, headers=alex.auth)
    assert_error(long, 422, "invalid", "body")
    assert api.get(URL, headers=alex.auth).json()["count"] == 0


def test_a_letter_can_be_changed_and_deleted_by_its_writer_only(
    api: Client, alex: Persona, sam: Persona
) -> None:
    letter = write(api, alex)
    url = f"{URL}/{letter['id']}"

    assert_error(api.get(url, headers=sam.auth), 404, "not_found", "letter_id")
    assert_error(api.patch(url, {"body": "x"}, content_type=JSON, headers=sam.auth), 404)
    changed = api.patch(url, {"body": "Second try."}, content_type=JSON, headers=alex.auth)
    refused = api.patch(url, {"body": ""}, content_type=JSON, headers=alex.auth)

    assert changed.json()["body"] == "Second try."
    assert_error(refused, 422, "invalid", "body")
    assert api.get(url, headers=alex.auth).json()["body"] == "Second try."
    assert api.delete(url, headers=alex.auth).status_code == 204
    assert_error(api.get(url, headers=alex.auth), 404)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads the SQLite file")
def test_the_letter_is_encrypted_at_rest(api: Client, alex: Persona) -> None:
    write(api, alex, "the quokka-shaped letter")

    image = connection.connection.serialize()

    assert b"space_letter" in image and b"quokka" not in image


def test_a_letter_goes_through_the_safety_net(api: Client, alex: Persona) -> None:
    write(api, alex, "You put your hands around my neck and I still miss you.")

    assert standing_of(alex.user).level != "green"


def test_letters_stay_open_under_a_safety_lock(api: Client, alex: Persona) -> None:
    partner = pass_safety_check(alex)
    record_screen(
        user=alex.user,
        screen_id="contact",
        answers=answer_all("contact", asked_no_contact="yes"),
        partner=partner,
    )

    assert api.get(URL, headers=alex.auth).status_code == 200
    write(api, alex)
