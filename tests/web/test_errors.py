"""Error pages: plain words, the site's own layout, and no technical detail."""

from __future__ import annotations

from django.contrib.auth import get_user
from django.http import HttpRequest
from django.test import Client, RequestFactory
from django.utils.functional import SimpleLazyObject
from pytest_django import DjangoAssertNumQueries

from heartwork.web.views import server_error
from tests.conftest import Persona
from tests.web.pages import assert_page_basics, html_of
from tests.web.steps import ClientFor


def test_a_missing_page_is_a_kind_html_page_with_a_way_home(visitor: Client) -> None:
    response = visitor.get("/no/such/page/")

    assert response.status_code == 404
    doc = assert_page_basics(response)
    assert doc.one("h1").text() == "Not found"
    assert "nothing at this address" in doc.one("main").text()
    assert doc.one("main").find("a", {"href": "/"}) is not None
    assert "Traceback" not in response.content.decode()


def test_a_missing_page_keeps_the_logged_in_navigation(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get("/no/such/page/")

    assert response.status_code == 404
    assert html_of(response).find("a", {"href": "/journal/"}) is not None


def test_a_form_sent_without_its_csrf_token_gets_a_page_that_explains_what_to_do(
    visitor: Client,
) -> None:
    response = visitor.post("/accounts/login/", {"username": "a@example.org", "password": "x"})

    assert response.status_code == 403
    doc = assert_page_basics(response)
    assert doc.one("h1").text() == "Please try again"
    assert "reload and send it again" in doc.one("main").text()
    assert "CSRF" not in doc.one("main").text()


def server_error_request(client: Client) -> HttpRequest:
    """A request as the middleware leaves it: session and user are loaded only when read."""
    request = RequestFactory().get("/journal/")
    request.session = client.session
    request.user = SimpleLazyObject(lambda: get_user(request))  # type: ignore[assignment]
    return request


def test_a_server_error_page_is_html_and_asks_you_to_try_again(
    alex: Persona, client_for: ClientFor
) -> None:
    response = server_error(server_error_request(client_for(alex)))

    assert response.status_code == 500
    doc = assert_page_basics(response)
    assert doc.one("h1").text() == "Something went wrong"
    assert "try again" in doc.one("main").text()
    assert "Traceback" not in response.content.decode()


def test_the_server_error_page_needs_no_database(
    alex: Persona, client_for: ClientFor, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    # The error may be that the database is down: the page must still show.
    request = server_error_request(client_for(alex))

    with django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
