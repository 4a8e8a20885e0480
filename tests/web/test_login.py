"""Logging in: the form, session fixation, lockout after repeated misses, and `next`."""

from __future__ import annotations

from django.test import Client

from tests.conftest import Persona
from tests.web.pages import assert_page_basics, control, form_error, html_of
from tests.web.steps import ClientFor, is_logged_in_as, log_in

LOGIN = "/accounts/login/"


def test_the_login_page_asks_for_an_email_and_a_password(visitor: Client) -> None:
    response = visitor.get(LOGIN)

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert control(doc, "username").attrs["type"] == "email"
    assert control(doc, "password").attrs["type"] == "password"
    assert control(doc, "password").attrs["autocomplete"] == "current-password"


def test_the_right_password_logs_you_in_and_takes_you_home(visitor: Client, alex: Persona) -> None:
    response = log_in(visitor, alex.email, alex.password)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert is_logged_in_as(visitor, alex)


def test_the_email_can_be_typed_in_any_capitals(visitor: Client, alex: Persona) -> None:
    log_in(visitor, "  ALEX@Example.Org ", alex.password)

    assert is_logged_in_as(visitor, alex)


def test_logging_in_gives_the_browser_a_new_session_id(visitor: Client, alex: Persona) -> None:
    # An attacker who planted a session id before login must not share the logged-in session.
    planted = visitor.session
    planted["seen_welcome"] = True
    planted.save()
    before = planted.session_key

    log_in(visitor, alex.email, alex.password)

    after = visitor.session.session_key
    assert is_logged_in_as(visitor, alex)
    assert before is not None and after is not None
    assert after != before


def test_a_wrong_password_shows_an_error_and_logs_nobody_in(visitor: Client, alex: Persona) -> None:
    response = log_in(visitor, alex.email, "not the password at all")

    assert response.status_code == 200
    assert "correct email and password" in form_error(response)
    assert not is_logged_in_as(visitor, alex)
    doc = html_of(response)
    assert control(doc, "username").attrs["value"] == alex.email
    assert "value" not in control(doc, "password").attrs


def test_an_unknown_email_gets_the_same_error_as_a_wrong_password(visitor: Client) -> None:
    response = log_in(visitor, "nobody@example.org", "not the password at all")

    assert response.status_code == 200
    assert "correct email and password" in form_error(response)


def test_five_misses_lock_the_account_from_that_address_even_for_the_right_password(
    visitor: Client, alex: Persona
) -> None:
    statuses = [log_in(visitor, alex.email, f"guess number {n}").status_code for n in range(5)]

    assert statuses[:4] == [200, 200, 200, 200]
    assert statuses[4] == 429
    response = log_in(visitor, alex.email, alex.password)
    assert response.status_code == 429
    assert "wait 15 minutes" in html_of(response).one("main").text()
    assert_page_basics(response)
    assert not is_logged_in_as(visitor, alex)


def test_misses_count_together_whatever_capitals_the_email_is_typed_in(
    visitor: Client, alex: Persona
) -> None:
    for n, spelling in enumerate(["alex@example.org", "ALEX@example.org", "Alex@Example.Org"]):
        log_in(visitor, spelling, f"guess number {n}")
    log_in(visitor, "aLeX@example.org", "guess number 3")

    assert log_in(visitor, "ALEX@EXAMPLE.ORG", "guess number 4").status_code == 429


def test_a_lockout_from_one_address_does_not_lock_the_owner_out_elsewhere(
    visitor: Client, alex: Persona
) -> None:
    for n in range(5):
        log_in(visitor, alex.email, f"guess number {n}")
    at_home = Client(enforce_csrf_checks=True, REMOTE_ADDR="192.0.2.44")

    response = log_in(at_home, alex.email, alex.password)

    assert response.status_code == 302
    assert is_logged_in_as(at_home, alex)


def test_a_lockout_on_one_account_does_not_lock_another_account(
    visitor: Client, alex: Persona, sam: Persona
) -> None:
    for n in range(5):
        log_in(visitor, alex.email, f"guess number {n}")

    response = log_in(visitor, sam.email, sam.password)

    assert response.status_code == 302
    assert is_logged_in_as(visitor, sam)


def test_a_same_site_next_address_is_where_you_land_after_logging_in(
    visitor: Client, alex: Persona
) -> None:
    page = visitor.get(LOGIN, {"next": "/journal/new/"})
    assert html_of(page).one("input", {"name": "next"}).attrs["value"] == "/journal/new/"

    response = log_in(visitor, alex.email, alex.password, next_url="/journal/new/")

    assert response.status_code == 302
    assert response["Location"] == "/journal/new/"


def test_an_off_site_next_address_is_ignored(visitor: Client, alex: Persona) -> None:
    for target in ["https://evil.example/login", "//evil.example/", "javascript:alert(1)"]:
        fresh = Client(enforce_csrf_checks=True)
        page = fresh.get(LOGIN, {"next": target})
        assert html_of(page).one("input", {"name": "next"}).attrs["value"] == ""

        response = log_in(fresh, alex.email, alex.password, next_url=target)

        assert response.status_code == 302
        assert response["Location"] == "/", target


def test_someone_already_logged_in_is_sent_on_from_the_login_page(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(LOGIN)

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_session_cookie_is_hidden_from_scripts_and_other_sites(
    visitor: Client, alex: Persona
) -> None:
    response = log_in(visitor, alex.email, alex.password)

    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
