"""The language preference in the API: read and changed at /auth/me, chosen at sign-up,
and every answer (content, safety questions, well-being checks) in the person's language."""

from __future__ import annotations

from django.test import Client

from heartwork.accounts.models import User
from heartwork.accounts.services import set_language
from heartwork.program.content import program
from heartwork.safety.screens import load_screens
from heartwork.wellbeing.questions import load_checks
from tests.api.conftest import JSON, ME_URL, SIGNUP_URL, assert_error
from tests.conftest import Persona

GOOD_PASSWORD = "a long and unusual passphrase 42"


def test_the_language_is_read_and_changed_at_me(api: Client, alex: Persona) -> None:
    assert api.get(ME_URL, headers=alex.auth).json()["language"] == "en"

    changed = api.patch(ME_URL, {"language": "es"}, content_type=JSON, headers=alex.auth)

    assert changed.status_code == 200
    assert changed.json()["language"] == "es"
    assert changed["Content-Language"] == "es"
    assert api.get(ME_URL, headers=alex.auth).json()["language"] == "es"


def test_changing_the_language_leaves_the_time_zone_alone(api: Client, alex: Persona) -> None:
    api.patch(ME_URL, {"time_zone": "Europe/Madrid"}, content_type=JSON, headers=alex.auth)
    api.patch(ME_URL, {"language": "es"}, content_type=JSON, headers=alex.auth)
    assert api.get(ME_URL, headers=alex.auth).json()["time_zone"] == "Europe/Madrid"


def test_a_language_heartwork_does_not_speak_is_refused_naming_the_field(
    api: Client, alex: Persona
) -> None:
    for value in ("fr", "", "ES ", 3):
        response = api.patch(ME_URL, {"language": value}, content_type=JSON, headers=alex.auth)
        assert response.status_code == 422, value
        assert_error(response, 422, field="language")
    assert api.get(ME_URL, headers=alex.auth).json()["language"] == "en"


def test_a_refused_change_changes_nothing(api: Client, alex: Persona) -> None:
    response = api.patch(
        ME_URL,
        {"time_zone": "Europe/Madrid", "language": "xx"},
        content_type=JSON,
        headers=alex.auth,
    )
    assert_error(response, 422, field="language")
    assert api.get(ME_URL, headers=alex.auth).json() | {"id": None} == {
        "id": None,
        "email": alex.email,
        "time_zone": "",
        "language": "en",
    }


def test_an_empty_change_is_refused(api: Client, alex: Persona) -> None:
    assert_error(api.patch(ME_URL, {}, content_type=JSON, headers=alex.auth), 422)


def test_signing_up_takes_the_browsers_language_unless_one_is_sent(api: Client, db: None) -> None:
    spanish = {"Accept-Language": "es-AR,es;q=0.8"}
    api.post(
        SIGNUP_URL,
        {"email": "riley@example.org", "password": GOOD_PASSWORD},
        content_type=JSON,
        headers=spanish,
    )
    api.post(
        SIGNUP_URL,
        {"email": "kim@example.org", "password": GOOD_PASSWORD, "language": "en"},
        content_type=JSON,
        headers=spanish,
    )
    api.post(SIGNUP_URL, {"email": "ari@example.org", "password": GOOD_PASSWORD}, content_type=JSON)
    assert User.objects.get(email="riley@example.org").language == "es"
    assert User.objects.get(email="kim@example.org").language == "en"
    assert User.objects.get(email="ari@example.org").language == "en"


def test_signing_up_in_a_language_heartwork_does_not_speak_is_refused(
    api: Client, db: None
) -> None:
    response = api.post(
        SIGNUP_URL,
        {"email": "riley@example.org", "password": GOOD_PASSWORD, "language": "klingon"},
        content_type=JSON,
    )
    assert_error(response, 422, field="language")
    assert not User.objects.filter(email="riley@example.org").exists()


def test_a_spanish_user_gets_the_program_in_spanish(api: Client, alex: Persona) -> None:
    set_language(user=alex.user, code="es")
    stage = api.get("/api/v1/program/stages/space", headers=alex.auth).json()
    assert stage["title"] == program("es").stages["space"].title
    assert stage["reading"] == program("es").stages["space"].reading


def test_an_english_user_gets_the_program_in_english_whatever_the_browser(
    api: Client, alex: Persona
) -> None:
    stage = api.get(
        "/api/v1/program/stages/space", headers=alex.auth | {"Accept-Language": "es"}
    ).json()
    assert stage["title"] == program("en").stages["space"].title


def test_a_spanish_user_gets_the_safety_questions_and_checks_in_spanish(
    api: Client, alex: Persona
) -> None:
    set_language(user=alex.user, code="es")
    screens = api.get("/api/v1/safety/screens", headers=alex.auth).json()
    texts = str(screens)
    device = load_screens("es").get("device")
    assert device is not None and device.items[0].text in texts
    checks = str(api.get("/api/v1/wellbeing/personal", headers=alex.auth).json())
    personal = load_checks("es").get("personal")
    assert personal is not None and personal.items[0].text in checks


def test_a_spanish_users_api_errors_are_in_spanish(api: Client, alex: Persona) -> None:
    set_language(user=alex.user, code="es")
    response = api.patch(
        ME_URL, {"time_zone": "Mars/Olympus"}, content_type=JSON, headers=alex.auth
    )
    error = assert_error(response, 422, field="time_zone")
    assert (
        error["message"] == "time_zone: zona horaria desconocida; usa un nombre como Europe/Dublin"
    )
    assert response["Content-Language"] == "es"
