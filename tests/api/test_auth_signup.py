"""POST /api/v1/auth/signup: make an account with an email and a password."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from heartwork.accounts.models import User
from tests.api.conftest import JSON, ME_URL, SIGNUP_URL, TOKEN_URL, assert_error
from tests.conftest import Persona

GOOD_PASSWORD = "quiet mornings by the lake 7"


def test_signing_up_answers_201_with_the_new_account(api: Client, db: None) -> None:
    response = api.post(
        SIGNUP_URL, {"email": "riley@example.org", "password": GOOD_PASSWORD}, content_type=JSON
    )

    assert response.status_code == 201
    account = response.json()
    assert set(account) == {"id", "email", "time_zone", "language"}
    assert account["email"] == "riley@example.org"
    user = User.objects.get(email="riley@example.org")
    assert uuid.UUID(account["id"]) == user.pk


def test_the_new_account_can_get_a_token_with_the_same_password(api: Client, db: None) -> None:
    api.post(
        SIGNUP_URL, {"email": "riley@example.org", "password": GOOD_PASSWORD}, content_type=JSON
    )

    response = api.post(
        TOKEN_URL, {"email": "riley@example.org", "password": GOOD_PASSWORD}, content_type=JSON
    )

    assert response.status_code == 200
    me = api.get(ME_URL, headers={"Authorization": f"Bearer {response.json()['token']}"})
    assert me.json()["email"] == "riley@example.org"


def test_the_email_is_kept_in_lower_case_without_surrounding_spaces(api: Client, db: None) -> None:
    response = api.post(
        SIGNUP_URL, {"email": "  Riley@Example.ORG ", "password": GOOD_PASSWORD}, content_type=JSON
    )

    assert response.status_code == 201
    assert response.json()["email"] == "riley@example.org"
    assert User.objects.filter(email="riley@example.org").count() == 1


def test_signing_up_again_with_a_taken_email_is_refused_with_409_email_taken(
    api: Client, alex: Persona
) -> None:
    response = api.post(
        SIGNUP_URL, {"email": alex.email, "password": GOOD_PASSWORD}, content_type=JSON
    )

    assert_error(response, 409, "email_taken", field="email")
    assert User.objects.filter(email=alex.email).count() == 1


def test_an_email_that_differs_only_in_capitals_is_already_taken(
    api: Client, alex: Persona
) -> None:
    response = api.post(
        SIGNUP_URL, {"email": alex.email.upper(), "password": GOOD_PASSWORD}, content_type=JSON
    )

    assert_error(response, 409, "email_taken", field="email")


def test_a_taken_email_keeps_its_owners_password(api: Client, alex: Persona) -> None:
    api.post(SIGNUP_URL, {"email": alex.email, "password": GOOD_PASSWORD}, content_type=JSON)

    alex.user.refresh_from_db()
    assert alex.user.check_password(alex.password)
    assert not alex.user.check_password(GOOD_PASSWORD)


@pytest.mark.parametrize(
    "email",
    ["", "   ", "riley", "riley@", "@example.org", "riley@@example.org", "riley @example.org"],
)
def test_an_address_that_is_not_an_email_is_refused_naming_the_email(
    api: Client, db: None, email: str
) -> None:
    response = api.post(SIGNUP_URL, {"email": email, "password": GOOD_PASSWORD}, content_type=JSON)

    assert_error(response, 422, field="email")
    assert not User.objects.exists()


def test_an_email_longer_than_254_characters_is_refused_naming_the_email(
    api: Client, db: None
) -> None:
    email = "r" * 250 + "@example.org"

    response = api.post(SIGNUP_URL, {"email": email, "password": GOOD_PASSWORD}, content_type=JSON)

    assert_error(response, 422, field="email")


@pytest.mark.parametrize(
    "password",
    [
        "",  # empty
        "short1!",  # under 10 characters
        "1234509876",  # only digits
        "password123",  # on the common-passwords list
        "riley@example.org",  # the email itself
    ],
)
def test_a_weak_password_is_refused_naming_the_password(
    api: Client, db: None, password: str
) -> None:
    response = api.post(
        SIGNUP_URL, {"email": "riley@example.org", "password": password}, content_type=JSON
    )

    assert_error(response, 422, "invalid", field="password")
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"password": GOOD_PASSWORD}, "email"),
        ({"email": "riley@example.org"}, "password"),
        ({"email": 5, "password": GOOD_PASSWORD}, "email"),
        ({"email": "riley@example.org", "password": ["x"]}, "password"),
        ({"email": "riley@example.org", "password": None}, "password"),
    ],
)
def test_a_missing_or_mistyped_field_is_refused_naming_it(
    api: Client, db: None, payload: dict[str, object], field: str
) -> None:
    response = api.post(SIGNUP_URL, payload, content_type=JSON)

    assert_error(response, 422, "invalid", field=field)


@pytest.mark.parametrize("extra", ["is_staff", "is_superuser", "is_active", "id"])
def test_nobody_can_give_themselves_extra_powers_at_sign_up(
    api: Client, db: None, extra: str
) -> None:
    payload = {"email": "riley@example.org", "password": GOOD_PASSWORD, extra: True}

    response = api.post(SIGNUP_URL, payload, content_type=JSON)

    assert_error(response, 422, "invalid", field=extra)
    assert not User.objects.exists()


def test_signing_up_needs_no_token_and_no_csrf_token(api: Client, db: None) -> None:
    # The api client enforces CSRF checks like a browser would.
    response = api.post(
        SIGNUP_URL, {"email": "riley@example.org", "password": GOOD_PASSWORD}, content_type=JSON
    )

    assert response.status_code == 201
