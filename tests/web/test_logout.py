"""Logging out: only a POST with the form's CSRF token ends the session."""

from __future__ import annotations

from tests.conftest import Persona, csrf_post
from tests.web.pages import html_of
from tests.web.steps import ClientFor, is_logged_in_as

LOGOUT = "/accounts/logout/"


def test_every_page_offers_log_out_as_a_form_button_not_a_link(
    alex: Persona, client_for: ClientFor
) -> None:
    doc = html_of(client_for(alex).get("/"))

    form = doc.one("form", {"action": LOGOUT})
    assert form.attrs["method"] == "post"
    assert form.find("input", {"name": "csrfmiddlewaretoken"}) is not None
    assert doc.find("a", {"href": LOGOUT}) is None


def test_logging_out_ends_the_session_and_goes_to_the_start_page(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    response = csrf_post(client, LOGOUT)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not is_logged_in_as(client, alex)
    assert client.get("/journal/").status_code == 302


def test_visiting_the_log_out_address_does_not_log_you_out(
    alex: Persona, client_for: ClientFor
) -> None:
    # Otherwise any page could log you out with <img src="/accounts/logout/">.
    client = client_for(alex)

    response = client.get(LOGOUT)

    assert response.status_code == 405
    assert is_logged_in_as(client, alex)


def test_a_log_out_post_without_the_csrf_token_is_refused(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    response = client.post(LOGOUT)

    assert response.status_code == 403
    assert is_logged_in_as(client, alex)
