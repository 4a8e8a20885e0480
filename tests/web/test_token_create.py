"""Making an API token: behind sudo mode, shown once, and working at once."""

from __future__ import annotations

from django.test import Client

from heartwork.accounts.models import ApiToken
from heartwork.accounts.services import token_digest
from tests.conftest import Persona, csrf_post
from tests.web.pages import assert_page_basics, field_error, html_of, messages
from tests.web.steps import ClientFor, grant_sudo

MAKE_TOKEN = "/accounts/tokens/"


def make_token(client: Client, label: str) -> str:
    """Make a token on the page and return the raw value it shows."""
    response = csrf_post(client, MAKE_TOKEN, {"label": label})
    assert response.status_code == 200
    return html_of(response).one("input", {"id": "token"}).attrs["value"]


def test_with_a_recent_password_the_new_token_is_shown_on_a_page_of_its_own(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    grant_sudo(client)

    response = csrf_post(client, MAKE_TOKEN, {"label": "notes script"})

    assert response.status_code == 200
    doc = assert_page_basics(response)
    box = doc.one("input", {"id": "token"})
    assert box.attrs["value"].startswith("hw_")
    assert "readonly" in box.attrs
    assert "will not be shown again" in doc.one("main").text()
    token = ApiToken.objects.get(user=alex.user, label="notes script")
    assert token.digest == token_digest(box.attrs["value"])


def test_the_new_token_works_against_the_api_at_once(
    alex: Persona, client_for: ClientFor, api: Client
) -> None:
    client = client_for(alex)
    grant_sudo(client)
    raw = make_token(client, "phone app")

    response = api.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 200
    assert response.json()["email"] == "alex@example.org"


def test_the_raw_token_is_shown_once_and_never_stored(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)
    grant_sudo(client)
    raw = make_token(client, "phone app")

    account = client.get("/accounts/")

    assert raw not in account.content.decode()
    assert raw[:10] in account.content.decode()
    for row in ApiToken.objects.values():
        assert all(raw not in str(value) for value in row.values())


def test_the_page_with_the_token_is_never_cached(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)
    grant_sudo(client)

    response = csrf_post(client, MAKE_TOKEN, {"label": "phone app"})

    assert "no-store" in response["Cache-Control"]


def test_a_token_name_that_is_too_long_is_refused_next_to_the_field(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    grant_sudo(client)

    response = csrf_post(client, MAKE_TOKEN, {"label": "x" * 61})

    assert response.status_code == 400
    assert_page_basics(response)
    assert "at most 60 characters" in field_error(response, "label")
    assert ApiToken.objects.filter(user=alex.user).count() == 1  # only the persona's own


def test_a_token_needs_no_name(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)
    grant_sudo(client)

    assert make_token(client, "").startswith("hw_")
    assert ApiToken.objects.filter(user=alex.user, label="").count() == 1


def test_visiting_the_token_address_makes_no_token(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)
    grant_sudo(client)

    response = client.get(MAKE_TOKEN)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/"
    assert any("make the token now" in text for text in messages(client.get("/accounts/")))
    assert ApiToken.objects.filter(user=alex.user).count() == 1


def test_making_a_token_needs_the_forms_csrf_token(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)
    grant_sudo(client)

    response = client.post(MAKE_TOKEN, {"label": "forged"})

    assert response.status_code == 403
    assert not ApiToken.objects.filter(label="forged").exists()


def test_making_a_token_needs_you_to_be_logged_in(visitor: Client) -> None:
    response = csrf_post(visitor, MAKE_TOKEN, {"label": "x"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not ApiToken.objects.filter(label="x").exists()
