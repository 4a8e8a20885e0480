"""What every API call does with bad input: a 4xx JSON error, never a crash or an HTML page.

The one shape is ``{"error": {"code": "...", "message": "..."}}``, plus ``"field"``
when a particular input is at fault.
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from heartwork.accounts.models import User
from heartwork.journal import services
from heartwork.journal.models import Entry
from tests.api.conftest import (
    ENTRIES_URL,
    JSON,
    ME_URL,
    SIGNUP_URL,
    TOKEN_URL,
    assert_error,
    entry_url,
    write_entry,
)
from tests.conftest import Persona

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

EXISTING = "{existing}"  # stands for an entry alex has written

# (method, url) of every call that reads a JSON body.
JSON_BODY_CALLS = [
    ("POST", SIGNUP_URL),
    ("POST", TOKEN_URL),
    ("POST", ENTRIES_URL),
    ("PATCH", entry_url(EXISTING)),
]


def send(api: Client, alex: Persona, method: str, url: str, data: str | bytes) -> Response:
    if EXISTING in url:
        url = url.replace(EXISTING, write_entry(api, alex)["id"])
    return api.generic(method, url, data, content_type=JSON, headers=alex.auth)


def sized_entry(size: int) -> str:
    """A JSON entry of exactly ``size`` bytes."""
    head, tail = '{"body": "', '"}'
    text = head + "x" * (size - len(head) - len(tail)) + tail
    assert len(text.encode()) == size
    return text


@pytest.mark.parametrize(("method", "url"), JSON_BODY_CALLS)
@pytest.mark.parametrize(
    "raw",
    [
        "{",
        '{"body": }',
        '{"body": "x",}',
        "{'body': 'single quotes'}",
        "not json at all",
        '{"body": "unterminated',
        b"\xff\xfe\x00{",
    ],
)
def test_malformed_json_is_refused_with_400(
    api: Client, alex: Persona, method: str, url: str, raw: str | bytes
) -> None:
    response = send(api, alex, method, url, raw)

    assert_error(response, 400, "bad_request")


@pytest.mark.parametrize(("method", "url"), JSON_BODY_CALLS)
@pytest.mark.parametrize("raw", ["[]", '[{"body": "x"}]', '"body"', "5", "true", "null"], ids=str)
def test_json_that_is_not_an_object_is_refused_with_400_naming_no_field(
    api: Client, alex: Persona, method: str, url: str, raw: str
) -> None:
    response = send(api, alex, method, url, raw)

    # No "field": "body" here would point at the journal entry's own body field.
    error = assert_error(response, 400, "bad_request")
    assert "field" not in error


@pytest.mark.parametrize(("method", "url"), JSON_BODY_CALLS)
def test_an_empty_body_is_refused_with_400(
    api: Client, alex: Persona, method: str, url: str
) -> None:
    response = send(api, alex, method, url, "")

    error = assert_error(response, 400, "bad_request")
    assert "field" not in error


def test_a_form_encoded_body_is_refused_with_400(api: Client, alex: Persona) -> None:
    response = api.post(ENTRIES_URL, {"body": "as a form"}, headers=alex.auth)

    assert_error(response, 400, "bad_request")
    assert not Entry.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/api/",
        "/api/nothing-here",
        "/api/v1/",
        "/api/v2/journal/entries",
        "/api/v1/journal",
        "/api/v1/journal/entries/",
        f"/api/v1/journal/entries/{uuid.UUID(int=1)}/comments",
        "/api/v1/auth/me/",
        "/api/v1/auth/password",
    ],
)
@pytest.mark.parametrize("signed_in", [True, False], ids=["with-token", "without-token"])
def test_an_unknown_route_under_api_answers_404_in_json(
    api: Client, alex: Persona, path: str, signed_in: bool
) -> None:
    response = api.get(path, headers=alex.auth if signed_in else {})

    assert_error(response, 404)
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("method", "url", "allowed"),
    [
        ("PUT", ENTRIES_URL, {"GET", "POST"}),
        ("DELETE", ENTRIES_URL, {"GET", "POST"}),
        ("PUT", entry_url(uuid.UUID(int=1)), {"GET", "PATCH", "DELETE"}),
        ("POST", entry_url(uuid.UUID(int=1)), {"GET", "PATCH", "DELETE"}),
        ("GET", SIGNUP_URL, {"POST"}),
        ("GET", TOKEN_URL, {"POST", "DELETE"}),
        ("POST", ME_URL, {"GET", "PATCH"}),
    ],
)
def test_a_wrong_method_answers_405_in_json_and_says_what_is_allowed(
    api: Client, alex: Persona, method: str, url: str, allowed: set[str]
) -> None:
    response = api.generic(method, url, "{}", content_type=JSON, headers=alex.auth)

    assert_error(response, 405, "method_not_allowed")
    assert {part.strip() for part in response["Allow"].split(",")} == allowed


def test_a_request_well_over_100_kb_is_refused_with_413(api: Client, alex: Persona) -> None:
    payload = {"body": "x" * 300 * 1024}

    response = api.post(ENTRIES_URL, payload, content_type=JSON, headers=alex.auth)

    assert_error(response, 413, "too_large")
    assert not Entry.objects.exists()


def test_a_request_one_byte_over_100_kb_is_refused_with_413(api: Client, alex: Persona) -> None:
    raw = sized_entry(100 * 1024 + 1)

    response = api.post(ENTRIES_URL, raw, content_type=JSON, headers=alex.auth)

    assert_error(response, 413, "too_large")


def test_a_request_of_exactly_100_kb_is_read_and_judged_on_its_content(
    api: Client, alex: Persona
) -> None:
    raw = sized_entry(100 * 1024)

    response = api.post(ENTRIES_URL, raw, content_type=JSON, headers=alex.auth)

    # Not refused for its size: its body is simply longer than an entry may be.
    assert_error(response, 422, "invalid", field="body")


def test_a_content_length_claiming_over_100_kb_is_refused_before_the_body_is_read(
    api: Client, alex: Persona
) -> None:
    response = api.post(
        ENTRIES_URL,
        {"body": "small"},
        content_type=JSON,
        headers=alex.auth,
        CONTENT_LENGTH=str(100 * 1024 + 1),
    )

    assert_error(response, 413, "too_large")
    assert not Entry.objects.exists()


def test_signing_up_with_an_oversize_request_is_refused_with_413_too(api: Client, db: None) -> None:
    payload = {"email": "riley@example.org", "password": "p" * 200 * 1024}

    response = api.post(SIGNUP_URL, payload, content_type=JSON)

    assert_error(response, 413, "too_large")
    assert not User.objects.exists()


def test_djangos_own_upload_cap_also_answers_413_in_json(
    api: Client, alex: Persona, settings: Settings
) -> None:
    # Should the early check ever be loosened, reading the body still stops at the cap.
    settings.MAX_REQUEST_BYTES = 10 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 100 * 1024

    response = api.post(
        ENTRIES_URL, {"body": "x" * 150 * 1024}, content_type=JSON, headers=alex.auth
    )

    assert_error(response, 413, "too_large")
    assert not Entry.objects.exists()


def test_an_unexpected_failure_answers_500_in_json_and_reveals_nothing(
    api: Client, alex: Persona, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(**kwargs: object) -> Entry:
        raise RuntimeError("database exploded while saving: Dear diary")

    monkeypatch.setattr(services, "create_entry", broken)

    with caplog.at_level(logging.ERROR, logger="heartwork.api"):
        response = api.post(
            ENTRIES_URL, {"body": "Dear diary"}, content_type=JSON, headers=alex.auth
        )

    assert response.status_code == 500
    assert response.json() == {
        "error": {"code": "server_error", "message": "Something went wrong on our side."}
    }
    assert b"Dear diary" not in response.content
    assert b"exploded" not in response.content
    assert "unhandled API error" in caplog.text
