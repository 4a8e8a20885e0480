"""Removing an API token: yours stop working at once, nobody else's can be touched."""

from __future__ import annotations

import uuid

from django.test import Client

from heartwork.accounts.models import ApiToken
from tests.conftest import Persona, csrf_post
from tests.web.pages import messages
from tests.web.steps import ClientFor


def revoke_url(token_id: object) -> str:
    return f"/accounts/tokens/{token_id}/revoke/"


def only_token_of(persona: Persona) -> ApiToken:
    return ApiToken.objects.get(user=persona.user)


def test_removing_your_token_stops_it_working_at_once(
    alex: Persona, client_for: ClientFor, api: Client
) -> None:
    client = client_for(alex)

    response = csrf_post(client, revoke_url(only_token_of(alex).id))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/"
    assert any("no longer works" in text for text in messages(client.get("/accounts/")))
    assert api.get("/api/v1/auth/me", headers=alex.auth).status_code == 401
    assert not ApiToken.objects.filter(user=alex.user).exists()


def test_removing_a_token_needs_no_password_confirmation(
    alex: Persona, client_for: ClientFor
) -> None:
    # Cutting off access is always safe, so it never waits for sudo mode.
    response = csrf_post(client_for(alex), revoke_url(only_token_of(alex).id))

    assert response["Location"] == "/accounts/"


def test_removing_someone_elses_token_does_nothing_to_it(
    alex: Persona, sam: Persona, client_for: ClientFor, api: Client
) -> None:
    sams_token = only_token_of(sam)
    client = client_for(alex)

    response = csrf_post(client, revoke_url(sams_token.id))

    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=sams_token.pk).exists()
    assert api.get("/api/v1/auth/me", headers=sam.auth).status_code == 200
    assert messages(client.get("/accounts/")) == []


def test_removing_a_token_that_does_not_exist_changes_nothing(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    response = csrf_post(client, revoke_url(uuid.uuid4()))

    assert response.status_code == 404
    assert ApiToken.objects.filter(user=alex.user).count() == 1
    assert messages(client.get("/accounts/")) == []


def test_a_malformed_token_id_is_not_found(alex: Persona, client_for: ClientFor) -> None:
    response = csrf_post(client_for(alex), revoke_url("not-a-uuid"))

    assert response.status_code == 404


def test_visiting_the_remove_address_does_not_remove_the_token(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(revoke_url(only_token_of(alex).id))

    assert response.status_code == 405
    assert ApiToken.objects.filter(user=alex.user).exists()


def test_a_remove_request_without_the_csrf_token_is_refused(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).post(revoke_url(only_token_of(alex).id))

    assert response.status_code == 403
    assert ApiToken.objects.filter(user=alex.user).exists()


def test_removing_a_token_needs_you_to_be_logged_in(visitor: Client, alex: Persona) -> None:
    response = csrf_post(visitor, revoke_url(only_token_of(alex).id))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert ApiToken.objects.filter(user=alex.user).exists()
