"""/api/v1/partners: the relationships a person is working on. Only they see them."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from heartwork.partners.models import NAME_MAX_CHARS, Partner
from tests.api.conftest import JSON, assert_error, with_csrf
from tests.conftest import Persona, answer_all

URL = "/api/v1/partners"
STATUS_URL = "/api/v1/safety/status"
KEYS = {"id", "name", "created_at", "ended_at", "current"}


def end_url(partner_id: object) -> str:
    return f"{URL}/{partner_id}/end"


def add(api: Client, persona: Persona, name: str = "Jo") -> dict[str, Any]:
    response = api.post(URL, {"name": name}, content_type=JSON, headers=persona.auth)
    assert response.status_code == 201, response.content
    partner: dict[str, Any] = response.json()
    return partner


def listed(api: Client, persona: Persona) -> list[dict[str, Any]]:
    response = api.get(URL, headers=persona.auth)
    assert response.status_code == 200, response.content
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def status(api: Client, persona: Persona) -> dict[str, Any]:
    document: dict[str, Any] = api.get(STATUS_URL, headers=persona.auth).json()
    return document


def test_adding_a_partner_answers_201_and_makes_them_current(api: Client, alex: Persona) -> None:
    partner = add(api, alex, "Jo")

    assert set(partner) == KEYS
    uuid.UUID(partner["id"])
    assert (partner["name"], partner["ended_at"], partner["current"]) == ("Jo", None, True)
    datetime.fromisoformat(partner["created_at"])
    assert status(api, alex)["partner"]["id"] == partner["id"]


def test_the_name_is_kept_as_written_without_surrounding_spaces(api: Client, alex: Persona) -> None:
    assert add(api, alex, "  Jo (from work) ")["name"] == "Jo (from work)"


def test_a_new_partner_ends_the_one_before(api: Client, alex: Persona) -> None:
    jo = add(api, alex, "Jo")
    kim = add(api, alex, "Kim")

    partners = listed(api, alex)

    assert [p["id"] for p in partners] == [kim["id"], jo["id"]]
    assert [p["current"] for p in partners] == [True, False]
    assert partners[1]["ended_at"] is not None


def test_the_list_is_paged_newest_first(api: Client, alex: Persona) -> None:
    for name in ("A", "B", "C"):
        add(api, alex, name)

    response = api.get(URL, {"limit": 2, "offset": 0}, headers=alex.auth)

    assert response.json()["count"] == 3
    assert [p["name"] for p in response.json()["items"]] == ["C", "B"]


def test_ending_a_partner_answers_200_and_they_are_no_longer_current(
    api: Client, alex: Persona
) -> None:
    jo = add(api, alex)

    response = api.post(end_url(jo["id"]), headers=alex.auth)

    assert response.status_code == 200
    ended = response.json()
    assert (ended["id"], ended["current"]) == (jo["id"], False)
    assert ended["ended_at"] is not None
    assert status(api, alex)["partner"] is None


def test_ending_twice_keeps_the_first_end(api: Client, alex: Persona) -> None:
    jo = add(api, alex)

    first = api.post(end_url(jo["id"]), headers=alex.auth).json()
    second = api.post(end_url(jo["id"]), headers=alex.auth)

    assert second.status_code == 200
    assert second.json() == first


def test_what_was_found_about_an_earlier_partner_stays_until_a_fresh_check(
    api: Client, alex: Persona
) -> None:
    jo = add(api, alex, "Jo")
    api.post(
        "/api/v1/safety/screens/contact",
        {"answers": answer_all("contact", asked_no_contact="yes")},
        content_type=JSON,
        headers=alex.auth,
    )
    assert status(api, alex)["coaching"] == "locked"

    add(api, alex, "Kim")
    assert status(api, alex)["level"] == "red"
    answer = api.post(
        "/api/v1/safety/screens/contact",
        {"answers": answer_all("contact"), "partner_id": jo["id"]},
        content_type=JSON,
        headers=alex.auth,
    )

    # Only a fresh check about Jo could change what is known about Jo.
    assert answer.json()["level"] == "green"
    assert status(api, alex)["level"] == "green"
    assert status(api, alex)["coaching"] == "check_required"


def test_a_danger_sign_in_the_name_is_taken_seriously(api: Client, alex: Persona) -> None:
    add(api, alex, "Jo - he blocked me")

    assert (status(api, alex)["level"], status(api, alex)["coaching"]) == ("red", "locked")


def test_the_name_is_stored_encrypted(api: Client, alex: Persona) -> None:
    partner = add(api, alex, "Rosalind")

    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM partners_partner")
        [(stored,)] = cursor.fetchall()

    assert b"Rosalind" not in bytes(stored)
    assert Partner.objects.get(pk=partner["id"]).name == "Rosalind"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * (NAME_MAX_CHARS + 1)}, "name"),
        ({"name": 7}, "name"),
        ({"name": None}, "name"),
        ({"name": "Jo", "user": "someone"}, "user"),
        ({"name": "Jo", "current": False}, "current"),
    ],
)
def test_a_bad_name_or_an_unknown_field_is_refused_naming_it(
    api: Client, alex: Persona, body: dict[str, Any], field: str
) -> None:
    response = api.post(URL, json.dumps(body), content_type=JSON, headers=alex.auth)

    assert_error(response, 422, "invalid", field=field)
    assert not Partner.objects.exists()


def test_a_name_at_the_longest_allowed_is_kept(api: Client, alex: Persona) -> None:
    assert add(api, alex, "x" * NAME_MAX_CHARS)["name"] == "x" * NAME_MAX_CHARS


def test_a_body_that_is_not_a_json_object_is_refused_with_400(api: Client, alex: Persona) -> None:
    response = api.post(URL, "[]", content_type=JSON, headers=alex.auth)

    assert_error(response, 400, "bad_request")


def test_nobody_sees_or_ends_someone_elses_partner(
    api: Client, alex: Persona, sam: Persona
) -> None:
    robin = add(api, sam, "Robin")

    theirs = api.post(end_url(robin["id"]), headers=alex.auth)
    unknown = api.post(end_url(uuid.uuid4()), headers=alex.auth)
    not_an_id = api.post(end_url("robin"), headers=alex.auth)

    assert listed(api, alex) == []
    assert_error(theirs, 404, "not_found")
    assert theirs.json() == unknown.json() == not_an_id.json()
    assert listed(api, sam)[0]["current"] is True


def test_partners_cannot_be_deleted_through_the_api(api: Client, alex: Persona) -> None:
    jo = add(api, alex)

    response = api.delete(f"{URL}/{jo['id']}", headers=alex.auth)

    assert response.status_code in (404, 405)
    assert Partner.objects.filter(pk=jo["id"]).exists()


def test_partners_need_a_token(api: Client, db: None) -> None:
    assert_error(api.get(URL), 401, "unauthorized")
    assert_error(api.post(URL, {"name": "Jo"}, content_type=JSON), 401, "unauthorized")
    assert_error(api.post(end_url(uuid.uuid4())), 401, "unauthorized")


def test_the_web_session_adds_and_ends_with_a_csrf_token_and_not_without(
    alex: Persona, client_for: Callable[[Persona], Client]
) -> None:
    browser = client_for(alex)

    refused = browser.post(URL, {"name": "Jo"}, content_type=JSON)
    added = browser.post(URL, {"name": "Jo"}, content_type=JSON, headers=with_csrf(browser))
    ended_without = browser.post(end_url(added.json()["id"]))
    ended = browser.post(end_url(added.json()["id"]), headers=with_csrf(browser))

    assert_error(refused, 403, "forbidden")
    assert added.status_code == 201
    assert_error(ended_without, 403, "forbidden")
    assert ended.status_code == 200
    assert browser.get(URL).json()["items"][0]["current"] is False
