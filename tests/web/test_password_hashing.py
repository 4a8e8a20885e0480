"""Passwords are stored with Argon2id.

tests/conftest.py swaps in a fast hasher for every other test, so this file reads
the real list from the settings module and switches it back on.
"""

from __future__ import annotations

from django.contrib.auth.hashers import get_hasher
from django.test import Client
from pytest_django.fixtures import Settings

import heartwork.settings
from heartwork.accounts.models import User
from heartwork.accounts.services import create_account
from tests.conftest import PASSWORD, csrf_post


def test_argon2_is_the_configured_password_hasher() -> None:
    hashers = heartwork.settings.PASSWORD_HASHERS

    assert hashers[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_a_password_stored_with_the_configured_hasher_is_argon2id(
    db: None, settings: Settings
) -> None:
    settings.PASSWORD_HASHERS = heartwork.settings.PASSWORD_HASHERS
    assert get_hasher().algorithm == "argon2"

    user = create_account(email="river@example.org", password=PASSWORD)

    assert user.password.startswith("argon2$argon2id$")
    assert PASSWORD not in user.password
    assert user.check_password(PASSWORD)
    assert not user.check_password(PASSWORD + "x")


def test_signing_up_on_the_web_stores_an_argon2id_hash(db: None, settings: Settings) -> None:
    settings.PASSWORD_HASHERS = heartwork.settings.PASSWORD_HASHERS

    response = csrf_post(
        Client(enforce_csrf_checks=True),
        "/accounts/signup/",
        {"email": "river@example.org", "password": PASSWORD, "password_again": PASSWORD},
    )

    assert response.status_code == 302
    assert User.objects.get(email="river@example.org").password.startswith("argon2$argon2id$")
