"""POST /api/v1/auth/token: trade an email and password for a bearer token.

Brute-force protection (django-axes) locks an email from one address after five
wrong passwords; its records live in the database, so each test starts clean.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from heartwork.accounts.models import ApiToken
from heartwork.accounts.services import token_digest
from heartwork.audit.models import AuditEvent
from tests.api.conftest import JSON, ME_URL, TOKEN_URL, assert_error
from tests.conftest import Persona

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response


def ask_for_token(api: Client, email: str, password: str, address: str = "127.0.0.1") -> Response:
    return api.post(
        TOKEN_URL, {"email": email, "password": password}, content_type=JSON, REMOTE_ADDR=address
    )


def miss(api: Client, persona: Persona, times: int, address: str = "127.0.0.1") -> None:
    for _ in range(times):
        response = ask_for_token(api, persona.email, "not my password at all", address)
        assert response.status_code in {401, 429}


def test_the_right_password_gets_a_token_that_lasts_90_days(api: Client, alex: Persona) -> None:
    before = timezone.now()

    response = ask_for_token(api, alex.email, alex.password)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token", "expires_at"}
    assert body["token"].startswith("hw_")
    expires_at = datetime.fromisoformat(body["expires_at"])
    assert before + timedelta(days=90) <= expires_at <= timezone.now() + timedelta(days=90)


def test_the_new_token_works_for_other_calls(api: Client, alex: Persona) -> None:
    token = ask_for_token(api, alex.email, alex.password).json()["token"]

    response = api.get(ME_URL, headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200
    assert response.json()["email"] == alex.email


def test_every_sign_in_gets_its_own_token(api: Client, alex: Persona) -> None:
    first = ask_for_token(api, alex.email, alex.password).json()["token"]
    second = ask_for_token(api, alex.email, alex.password).json()["token"]

    assert first != second
    assert ApiToken.objects.filter(user=alex.user).count() == 3  # with the persona's own


def test_only_a_digest_of_the_token_is_stored(api: Client, alex: Persona) -> None:
    token = ask_for_token(api, alex.email, alex.password).json()["token"]

    stored = ApiToken.objects.get(digest=token_digest(token))
    assert token not in {stored.digest, stored.prefix, stored.label}


def test_an_optional_label_names_the_token(api: Client, alex: Persona) -> None:
    response = api.post(
        TOKEN_URL,
        {"email": alex.email, "password": alex.password, "label": "phone"},
        content_type=JSON,
    )

    assert ApiToken.objects.get(digest=token_digest(response.json()["token"])).label == "phone"


def test_the_email_can_be_typed_in_any_case(api: Client, alex: Persona) -> None:
    response = ask_for_token(api, "  ALEX@Example.org ", alex.password)

    assert response.status_code == 200


def test_a_wrong_password_is_refused_with_401(api: Client, alex: Persona) -> None:
    response = ask_for_token(api, alex.email, "not my password at all")

    assert_error(response, 401, "invalid_credentials")
    assert ApiToken.objects.filter(user=alex.user).count() == 1


def test_an_unknown_email_is_refused_exactly_like_a_wrong_password(
    api: Client, alex: Persona
) -> None:
    unknown = ask_for_token(api, "nobody@example.org", alex.password)
    wrong = ask_for_token(api, alex.email, "not my password at all")

    assert_error(unknown, 401, "invalid_credentials")
    # Nothing tells a stranger which emails have an account.
    assert unknown.json() == wrong.json()


def test_a_deactivated_person_cannot_get_a_token(api: Client, alex: Persona) -> None:
    alex.user.is_active = False
    alex.user.save(update_fields=["is_active"])

    response = ask_for_token(api, alex.email, alex.password)

    assert_error(response, 401)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"password": "whatever it is"}, "email"),
        ({"email": "alex@example.org"}, "password"),
        ({"email": "alex@example.org", "password": 12345}, "password"),
        ({"email": "alex@example.org", "password": "x", "remember": True}, "remember"),
    ],
)
def test_a_missing_mistyped_or_unknown_field_is_refused_naming_it(
    api: Client, alex: Persona, payload: dict[str, object], field: str
) -> None:
    response = api.post(TOKEN_URL, payload, content_type=JSON)

    assert_error(response, 422, "invalid", field=field)


def test_four_wrong_passwords_are_each_refused_with_401(api: Client, alex: Persona) -> None:
    for _ in range(4):
        response = ask_for_token(api, alex.email, "not my password at all")
        assert_error(response, 401, "invalid_credentials")

    assert ask_for_token(api, alex.email, alex.password).status_code == 200


def test_after_five_wrong_passwords_even_the_right_one_is_refused_with_429(
    api: Client, alex: Persona
) -> None:
    miss(api, alex, times=5)

    response = ask_for_token(api, alex.email, alex.password)

    assert_error(response, 429, "locked_out")
    assert ApiToken.objects.filter(user=alex.user).count() == 1


def test_a_locked_out_person_stays_locked_out_on_further_tries(api: Client, alex: Persona) -> None:
    miss(api, alex, times=5)

    for password in ("not my password at all", alex.password, alex.password):
        assert_error(ask_for_token(api, alex.email, password), 429, "locked_out")


def test_wrong_passwords_count_towards_the_lockout_whatever_the_email_capitals(
    api: Client, alex: Persona
) -> None:
    for email in ("alex@example.org", "ALEX@example.org", "Alex@Example.Org", " alex@EXAMPLE.org"):
        ask_for_token(api, email, "not my password at all")
    ask_for_token(api, "ALEX@EXAMPLE.ORG", "not my password at all")

    assert_error(ask_for_token(api, alex.email, alex.password), 429, "locked_out")


def test_a_lockout_from_one_address_does_not_lock_the_person_out_from_another(
    api: Client, alex: Persona
) -> None:
    # Otherwise anyone who knows an email could lock its owner out.
    miss(api, alex, times=5, address="203.0.113.9")

    assert ask_for_token(api, alex.email, alex.password, address="198.51.100.4").status_code == 200
    assert_error(ask_for_token(api, alex.email, alex.password, "203.0.113.9"), 429, "locked_out")


def test_one_persons_lockout_does_not_lock_out_someone_else_on_the_same_address(
    api: Client, alex: Persona, sam: Persona
) -> None:
    miss(api, alex, times=5)

    assert ask_for_token(api, sam.email, sam.password).status_code == 200


def test_the_lockout_is_lifted_after_fifteen_minutes(api: Client, alex: Persona) -> None:
    miss(api, alex, times=5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))

    assert ask_for_token(api, alex.email, alex.password).status_code == 200


def test_a_successful_sign_in_forgives_earlier_wrong_passwords(api: Client, alex: Persona) -> None:
    miss(api, alex, times=4)
    assert ask_for_token(api, alex.email, alex.password).status_code == 200

    # Had the four earlier misses still counted, this fifth one would lock alex out.
    assert_error(ask_for_token(api, alex.email, "not my password at all"), 401)
    assert ask_for_token(api, alex.email, alex.password).status_code == 200


def test_asking_for_a_token_needs_no_csrf_token(api: Client, alex: Persona) -> None:
    # The api client enforces CSRF checks like a browser would.
    assert ask_for_token(api, alex.email, alex.password).status_code == 200


def test_a_token_for_a_password_is_audited_as_an_api_log_in(api: Client, alex: Persona) -> None:
    ask_for_token(api, alex.email, alex.password)

    event = AuditEvent.objects.filter(kind="login").get()
    assert (event.user_id, event.channel) == (alex.user.pk, "api")


def test_a_wrong_password_is_audited_as_a_failed_log_in_naming_nobody(
    api: Client, alex: Persona
) -> None:
    ask_for_token(api, alex.email, "not my password at all")

    assert not AuditEvent.objects.filter(kind="login").exists()
    failed = AuditEvent.objects.filter(kind="login_failed").get()
    assert (failed.user_id, failed.channel) == (None, "api")
