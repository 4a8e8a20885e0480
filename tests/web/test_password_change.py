"""Changing your password: it needs the old one, and logs every other device out."""

from __future__ import annotations

from django.http import HttpResponse
from django.test import Client

from heartwork.accounts.models import User
from tests.conftest import Persona, csrf_post
from tests.web.pages import assert_page_basics, control, field_error, messages
from tests.web.steps import ClientFor, is_logged_in_as

CHANGE = "/accounts/password/"
NEW_PASSWORD = "a brand new and equally unusual phrase 7"


def change(client: Client, old: str, new: str, again: str | None = None) -> HttpResponse:
    return csrf_post(
        client,
        CHANGE,
        {
            "old_password": old,
            "new_password1": new,
            "new_password2": new if again is None else again,
        },
    )


def password_still(persona: Persona) -> str:
    user = User.objects.get(pk=persona.user.pk)
    return "old" if user.check_password(persona.password) else "changed"


def test_the_page_asks_for_the_old_password_and_the_new_one_twice(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(CHANGE)

    assert response.status_code == 200
    doc = assert_page_basics(response)
    for name in ("old_password", "new_password1", "new_password2"):
        assert control(doc, name).attrs["type"] == "password"


def test_the_password_changes_only_with_the_right_old_password(
    alex: Persona, client_for: ClientFor
) -> None:
    response = change(client_for(alex), "a wrong old password", NEW_PASSWORD)

    assert response.status_code == 200
    assert "old password was entered incorrectly" in field_error(response, "old_password")
    assert password_still(alex) == "old"


def test_a_weak_new_password_is_refused(alex: Persona, client_for: ClientFor) -> None:
    response = change(client_for(alex), alex.password, "short1")

    assert "too short" in field_error(response, "new_password2")
    assert password_still(alex) == "old"


def test_two_different_new_passwords_are_refused(alex: Persona, client_for: ClientFor) -> None:
    response = change(client_for(alex), alex.password, NEW_PASSWORD, again=NEW_PASSWORD + "!")

    assert "match" in field_error(response, "new_password2")
    assert password_still(alex) == "old"


def test_after_a_change_the_new_password_works_and_this_device_stays_logged_in(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    response = change(client, alex.password, NEW_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/"
    page = client.get("/accounts/")
    assert page.status_code == 200
    assert any("Other devices are logged out" in text for text in messages(page))
    assert is_logged_in_as(client, alex)
    assert User.objects.get(pk=alex.user.pk).check_password(NEW_PASSWORD)


def test_after_a_change_every_other_session_is_logged_out(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    phone = client_for(alex)
    laptop = client_for(alex)
    sams_laptop = client_for(sam)

    change(laptop, alex.password, NEW_PASSWORD)

    response = phone.get("/journal/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert sams_laptop.get("/journal/").status_code == 200


def test_after_a_change_every_api_token_stops_working(
    alex: Persona, sam: Persona, client_for: ClientFor, api: Client
) -> None:
    assert api.get("/api/v1/auth/me", headers=alex.auth).status_code == 200

    change(client_for(alex), alex.password, NEW_PASSWORD)

    assert api.get("/api/v1/auth/me", headers=alex.auth).status_code == 401
    assert api.get("/api/v1/auth/me", headers=sam.auth).status_code == 200


def test_changing_the_password_needs_you_to_be_logged_in(visitor: Client) -> None:
    response = visitor.get(CHANGE)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/password/"


def test_five_wrong_old_passwords_lock_the_page_even_for_the_right_one(
    alex: Persona, client_for: ClientFor
) -> None:
    # Someone holding an unlocked phone must not get endless guesses at the password.
    client = client_for(alex)
    statuses = [change(client, f"guess number {n}", NEW_PASSWORD).status_code for n in range(5)]

    response = change(client, alex.password, NEW_PASSWORD)

    assert statuses == [200, 200, 200, 200, 429]
    assert response.status_code == 429
    assert password_still(alex) == "old"


def test_a_weak_new_password_is_not_counted_as_a_wrong_guess(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    for _ in range(5):
        change(client, alex.password, "short1")

    assert change(client, alex.password, NEW_PASSWORD).status_code == 302
