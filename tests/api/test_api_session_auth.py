"""The web client calls the API with its session cookie, so unsafe methods need a CSRF token.

A bearer token needs none: a browser never attaches one by itself.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from heartwork.journal.models import Entry
from tests.api.conftest import (
    ENTRIES_URL,
    JSON,
    ME_URL,
    TOKEN_URL,
    assert_error,
    entry_url,
    read_entry,
    with_csrf,
    write_entry,
)
from tests.conftest import Persona

Browser = Callable[[Persona], Client]


def test_the_session_cookie_can_read_without_a_csrf_token(
    api: Client, alex: Persona, client_for: Browser
) -> None:
    entry = write_entry(api, alex)
    browser = client_for(alex)

    assert browser.get(ENTRIES_URL).json()["items"] == [entry]
    assert browser.get(entry_url(entry["id"])).json() == entry


def test_a_post_with_the_session_cookie_and_no_csrf_token_is_refused_with_403(
    alex: Persona, client_for: Browser
) -> None:
    browser = client_for(alex)

    response = browser.post(ENTRIES_URL, {"body": "Forged."}, content_type=JSON)

    assert_error(response, 403, "forbidden")
    assert not Entry.objects.exists()


def test_a_patch_or_delete_with_the_session_cookie_and_no_csrf_token_changes_nothing(
    api: Client, alex: Persona, client_for: Browser
) -> None:
    entry = write_entry(api, alex)
    browser = client_for(alex)

    patched = browser.patch(entry_url(entry["id"]), {"body": "Forged."}, content_type=JSON)
    deleted = browser.delete(entry_url(entry["id"]))

    assert_error(patched, 403, "forbidden")
    assert_error(deleted, 403, "forbidden")
    assert read_entry(api, alex, entry["id"]).json() == entry


def test_with_a_matching_csrf_cookie_and_header_the_session_can_write(
    api: Client, alex: Persona, client_for: Browser
) -> None:
    browser = client_for(alex)
    csrf = with_csrf(browser)

    created = browser.post(ENTRIES_URL, {"body": "From the web."}, content_type=JSON, headers=csrf)
    entry_id = created.json()["id"]
    patched = browser.patch(
        entry_url(entry_id), {"title": "Edited"}, content_type=JSON, headers=csrf
    )
    deleted = browser.delete(entry_url(entry_id), headers=csrf)

    assert (created.status_code, patched.status_code, deleted.status_code) == (201, 200, 204)
    assert not Entry.objects.exists()


def test_an_entry_written_with_the_session_belongs_to_the_logged_in_person(
    api: Client, alex: Persona, client_for: Browser
) -> None:
    browser = client_for(alex)

    created = browser.post(
        ENTRIES_URL, {"body": "Mine."}, content_type=JSON, headers=with_csrf(browser)
    )

    assert read_entry(api, alex, created.json()["id"]).status_code == 200


@pytest.mark.parametrize(
    "header",
    [
        "x" * 32,  # a well-formed token that is not the cookie's
        "short",
        "",
    ],
)
def test_a_csrf_header_that_does_not_match_the_cookie_is_refused(
    alex: Persona, client_for: Browser, header: str
) -> None:
    browser = client_for(alex)
    with_csrf(browser)

    response = browser.post(
        ENTRIES_URL, {"body": "Forged."}, content_type=JSON, headers={"X-CSRFToken": header}
    )

    assert_error(response, 403, "forbidden")
    assert not Entry.objects.exists()


def test_a_bearer_token_needs_no_csrf_token(api: Client, alex: Persona) -> None:
    # The api client enforces CSRF checks the way a browser would.
    response = api.post(
        ENTRIES_URL, {"body": "From the app."}, content_type=JSON, headers=alex.auth
    )

    assert response.status_code == 201


def test_a_bearer_token_wins_over_a_session_cookie_for_someone_else(
    alex: Persona, sam: Persona, client_for: Browser
) -> None:
    browser = client_for(sam)

    assert browser.get(ME_URL, headers=alex.auth).json()["email"] == alex.email


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", ENTRIES_URL),
        ("patch", entry_url("00000000-0000-0000-0000-000000000000")),
        ("delete", entry_url("00000000-0000-0000-0000-000000000000")),
        ("delete", TOKEN_URL),
    ],
)
@pytest.mark.parametrize(
    "authorization", [None, "Bearer hw_not-a-real-token"], ids=["no-token", "bad-token"]
)
def test_a_write_without_a_valid_token_or_session_is_told_to_log_in_not_blamed_on_csrf(
    api: Client, db: None, method: str, url: str, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}

    response = getattr(api, method)(url, {"body": "x"}, content_type=JSON, headers=headers)

    assert_error(response, 401, "unauthorized")
