"""DELETE /api/v1/auth/token: log this client out by revoking the token it used."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from heartwork.accounts.models import ApiToken
from heartwork.accounts.services import issue_token, token_digest
from heartwork.audit.models import AuditEvent
from tests.api.conftest import ME_URL, TOKEN_URL, assert_error, with_csrf
from tests.conftest import Persona


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_logging_out_answers_204_with_no_body(api: Client, alex: Persona) -> None:
    response = api.delete(TOKEN_URL, headers=alex.auth)

    assert response.status_code == 204
    assert response.content == b""


def test_the_token_used_to_log_out_stops_working(api: Client, alex: Persona) -> None:
    api.delete(TOKEN_URL, headers=alex.auth)

    assert_error(api.get(ME_URL, headers=alex.auth), 401, "unauthorized")
    assert not ApiToken.objects.filter(digest=token_digest(alex.token)).exists()


def test_logging_out_leaves_the_persons_other_tokens_working(api: Client, alex: Persona) -> None:
    _, laptop = issue_token(user=alex.user, label="laptop")

    api.delete(TOKEN_URL, headers=alex.auth)

    assert api.get(ME_URL, headers=bearer(laptop)).status_code == 200


def test_logging_out_leaves_someone_elses_tokens_working(
    api: Client, alex: Persona, sam: Persona
) -> None:
    api.delete(TOKEN_URL, headers=alex.auth)

    assert api.get(ME_URL, headers=sam.auth).json()["email"] == sam.email


def test_logging_out_twice_with_the_same_token_is_refused_with_401(
    api: Client, alex: Persona
) -> None:
    api.delete(TOKEN_URL, headers=alex.auth)

    assert_error(api.delete(TOKEN_URL, headers=alex.auth), 401, "unauthorized")


def test_logging_out_without_a_token_is_refused_with_401(api: Client, alex: Persona) -> None:
    assert_error(api.delete(TOKEN_URL), 401, "unauthorized")
    assert ApiToken.objects.filter(user=alex.user).count() == 1


def test_logging_out_with_a_made_up_token_is_refused_with_401(api: Client, alex: Persona) -> None:
    response = api.delete(TOKEN_URL, headers=bearer("hw_made-up-token"))

    assert_error(response, 401, "unauthorized")
    assert ApiToken.objects.filter(user=alex.user).count() == 1


def test_a_web_session_has_no_token_to_revoke_and_is_told_so(
    alex: Persona, client_for: Callable[[Persona], Client]
) -> None:
    browser = client_for(alex)

    response = browser.delete(TOKEN_URL, headers=with_csrf(browser))

    assert_error(response, 400, "no_token")
    assert ApiToken.objects.filter(user=alex.user).count() == 1


def test_logging_out_is_audited_as_an_api_log_out(api: Client, alex: Persona) -> None:
    api.delete(TOKEN_URL, headers=alex.auth)

    event = AuditEvent.objects.filter(kind="logout").get()
    assert (event.user_id, event.channel) == (alex.user.pk, "api")
