"""GET /api/v1/auth/me, and the bearer-token check every authenticated call shares."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from heartwork.accounts.models import ApiToken
from heartwork.accounts.services import token_digest
from tests.api.conftest import ME_URL, assert_error
from tests.conftest import Persona


def test_me_answers_with_the_account_behind_the_token(api: Client, alex: Persona) -> None:
    response = api.get(ME_URL, headers=alex.auth)

    assert response.status_code == 200
    assert response.json() == {
        "id": str(alex.user.pk),
        "email": "alex@example.org",
        "time_zone": "",
        "language": "en",
    }


def test_each_token_identifies_only_its_own_person(
    api: Client, alex: Persona, sam: Persona
) -> None:
    assert api.get(ME_URL, headers=alex.auth).json()["email"] == alex.email
    assert api.get(ME_URL, headers=sam.auth).json()["email"] == sam.email


def test_me_without_a_token_is_refused_with_401(api: Client, db: None) -> None:
    assert_error(api.get(ME_URL), 401, "unauthorized")


@pytest.mark.parametrize(
    "header",
    [
        "",
        "Bearer",
        "Bearer ",
        "Bearer not-a-token",
        "Bearer hw_",
        "Bearer hw_made-up-but-well-formed-0123456789abcdefghijkl",
        "Bearer hw_" + "x" * 500,
        "Basic YWxleEBleGFtcGxlLm9yZzpzZWNyZXQ=",
    ],
)
def test_a_missing_or_made_up_token_is_refused_with_401(
    api: Client, alex: Persona, header: str
) -> None:
    assert_error(api.get(ME_URL, headers={"Authorization": header}), 401, "unauthorized")


def test_a_real_token_sent_with_another_scheme_is_refused(api: Client, alex: Persona) -> None:
    response = api.get(ME_URL, headers={"Authorization": f"Token {alex.token}"})

    assert_error(response, 401, "unauthorized")


def test_a_token_with_a_character_changed_is_refused(api: Client, alex: Persona) -> None:
    last = alex.token[-1]
    tampered = alex.token[:-1] + ("A" if last != "A" else "B")

    response = api.get(ME_URL, headers={"Authorization": f"Bearer {tampered}"})

    assert_error(response, 401, "unauthorized")


def test_an_expired_token_is_refused_with_401(api: Client, alex: Persona) -> None:
    ApiToken.objects.filter(digest=token_digest(alex.token)).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )

    assert_error(api.get(ME_URL, headers=alex.auth), 401, "unauthorized")


def test_a_token_still_works_until_it_expires(api: Client, alex: Persona) -> None:
    ApiToken.objects.filter(digest=token_digest(alex.token)).update(
        expires_at=timezone.now() + timedelta(minutes=1)
    )

    assert api.get(ME_URL, headers=alex.auth).status_code == 200


def test_a_deactivated_persons_token_stops_working(api: Client, alex: Persona) -> None:
    alex.user.is_active = False
    alex.user.save(update_fields=["is_active"])

    assert_error(api.get(ME_URL, headers=alex.auth), 401, "unauthorized")


def test_the_web_session_cookie_also_identifies_the_person(
    alex: Persona, client_for: Callable[[Persona], Client]
) -> None:
    response = client_for(alex).get(ME_URL)

    assert response.status_code == 200
    assert uuid.UUID(response.json()["id"]) == alex.user.pk


def test_the_time_zone_can_be_set_and_cleared(api: Client, alex: Persona) -> None:
    changed = api.patch(
        ME_URL, {"time_zone": "Europe/Dublin"}, content_type="application/json", headers=alex.auth
    )
    assert changed.status_code == 200
    assert changed.json()["time_zone"] == "Europe/Dublin"
    assert api.get(ME_URL, headers=alex.auth).json()["time_zone"] == "Europe/Dublin"

    cleared = api.patch(
        ME_URL, {"time_zone": ""}, content_type="application/json", headers=alex.auth
    )
    assert cleared.json()["time_zone"] == ""


@pytest.mark.parametrize("value", ["Mars/Olympus_Mons", "europe/dublin", "x" * 65, 5])
def test_an_unknown_time_zone_is_refused_naming_the_field(
    api: Client, alex: Persona, value: object
) -> None:
    response = api.patch(
        ME_URL, {"time_zone": value}, content_type="application/json", headers=alex.auth
    )
    assert_error(response, 422, "invalid", field="time_zone")
    assert api.get(ME_URL, headers=alex.auth).json()["time_zone"] == ""
