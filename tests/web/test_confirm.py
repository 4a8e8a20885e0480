"""Sudo mode: risky actions need the password typed within the last ten minutes."""

from __future__ import annotations

import time
from unittest import mock

from django.test import Client

from heartwork.accounts.models import ApiToken
from heartwork.accounts.sudo import SUDO_SECONDS
from tests.conftest import Persona, csrf_post
from tests.web.pages import assert_page_basics, control, field_error, html_of
from tests.web.steps import SUDO_KEY, ClientFor, grant_sudo, log_in, set_sudo_until

CONFIRM = "/accounts/confirm/"
MAKE_TOKEN = "/accounts/tokens/"


def test_a_risky_action_without_a_recent_password_goes_to_the_confirm_page_first(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    response = csrf_post(client, MAKE_TOKEN, {"label": "backup script"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm/?next=%2Faccounts%2Ftokens%2F"
    assert ApiToken.objects.filter(user=alex.user, label="backup script").count() == 0


def test_the_confirm_page_asks_only_for_your_password(alex: Persona, client_for: ClientFor) -> None:
    response = client_for(alex).get(CONFIRM, {"next": MAKE_TOKEN})

    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert control(doc, "password").attrs["autocomplete"] == "current-password"
    assert doc.one("input", {"name": "next"}).attrs["value"] == MAKE_TOKEN


def test_a_wrong_password_is_refused_and_grants_nothing(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    response = csrf_post(client, CONFIRM, {"password": "not it", "next": MAKE_TOKEN})

    assert response.status_code == 200
    assert "not right" in field_error(response, "password")
    assert SUDO_KEY not in client.session
    assert csrf_post(client, MAKE_TOKEN, {"label": "x"})["Location"].startswith(CONFIRM)


def test_another_persons_password_does_not_confirm_you(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    sam.user.set_password("sams own passphrase, quite long")
    sam.user.save()
    client = client_for(alex)

    response = csrf_post(client, CONFIRM, {"password": "sams own passphrase, quite long"})

    assert response.status_code == 200
    assert SUDO_KEY not in client.session


def test_the_right_password_sends_you_back_to_where_you_were(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)

    response = csrf_post(client, CONFIRM, {"password": alex.password, "next": MAKE_TOKEN})

    assert response.status_code == 302
    assert response["Location"] == MAKE_TOKEN


def test_after_confirming_you_land_on_a_page_where_you_can_make_the_token(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    first_try = csrf_post(client, MAKE_TOKEN, {"label": "backup script"})

    confirmed = csrf_post(client, CONFIRM, {"password": alex.password, "next": MAKE_TOKEN})
    landing = client.get(confirmed["Location"], follow=True)

    assert first_try["Location"].startswith(CONFIRM)
    assert landing.status_code == 200
    assert html_of(landing).find("form", {"action": MAKE_TOKEN}) is not None
    second_try = csrf_post(client, MAKE_TOKEN, {"label": "backup script"})
    assert second_try.status_code == 200
    assert ApiToken.objects.filter(user=alex.user, label="backup script").count() == 1


def test_an_off_site_next_address_is_ignored(alex: Persona, client_for: ClientFor) -> None:
    for target in ["https://evil.example/", "//evil.example/steal", "javascript:alert(1)"]:
        client = client_for(alex)
        page = client.get(CONFIRM, {"next": target})
        assert html_of(page).one("input", {"name": "next"}).attrs["value"] == "/accounts/"

        response = csrf_post(client, CONFIRM, {"password": alex.password, "next": target})

        assert response.status_code == 302
        assert response["Location"] == "/accounts/", target


def test_a_confirmed_password_lasts_ten_minutes(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)
    before = time.time()
    csrf_post(client, CONFIRM, {"password": alex.password})

    until = client.session[SUDO_KEY]
    assert before + SUDO_SECONDS <= until <= time.time() + SUDO_SECONDS
    assert SUDO_SECONDS == 10 * 60
    with mock.patch("heartwork.accounts.sudo.time") as clock:
        clock.time.return_value = until - 1
        assert csrf_post(client, MAKE_TOKEN, {"label": "in time"}).status_code == 200
        clock.time.return_value = until + 1
        late = csrf_post(client, MAKE_TOKEN, {"label": "too late"})
    assert late["Location"].startswith(CONFIRM)
    assert not ApiToken.objects.filter(label="too late").exists()


def test_an_expired_confirmation_asks_for_the_password_again(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    set_sudo_until(client, time.time() - 1)

    response = csrf_post(client, MAKE_TOKEN, {"label": "x"})

    assert response["Location"].startswith(CONFIRM)


def test_a_tampered_confirmation_value_counts_as_no_confirmation(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    session = client.session
    session[SUDO_KEY] = "9999999999"
    session.save()

    response = csrf_post(client, MAKE_TOKEN, {"label": "x"})

    assert response["Location"].startswith(CONFIRM)


def test_logging_in_with_the_password_counts_as_confirming_it(
    visitor: Client, alex: Persona
) -> None:
    log_in(visitor, alex.email, alex.password)

    response = csrf_post(visitor, MAKE_TOKEN, {"label": "right after login"})

    assert response.status_code == 200


def test_a_confirmation_belongs_to_one_session_only(alex: Persona, client_for: ClientFor) -> None:
    phone = client_for(alex)
    grant_sudo(phone)
    laptop = client_for(alex)

    assert csrf_post(laptop, MAKE_TOKEN, {"label": "x"})["Location"].startswith(CONFIRM)


def test_the_confirm_page_needs_you_to_be_logged_in(visitor: Client) -> None:
    response = visitor.get(CONFIRM)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_five_wrong_passwords_lock_the_confirm_page_even_for_the_right_one(
    alex: Persona, client_for: ClientFor
) -> None:
    # Someone who picks up an unlocked phone must not be able to guess their way to sudo.
    client = client_for(alex)
    statuses = [
        csrf_post(client, CONFIRM, {"password": f"guess number {n}"}).status_code for n in range(5)
    ]

    response = csrf_post(client, CONFIRM, {"password": alex.password})

    assert statuses == [200, 200, 200, 200, 429]
    assert response.status_code == 429
    assert "wait 15 minutes" in html_of(response).one("main").text()
    assert SUDO_KEY not in client.session
