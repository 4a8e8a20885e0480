"""POST /api/v1/journal/entries: write a new entry."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client
from django.utils import timezone

from heartwork.journal.models import BODY_MAX_CHARS, TITLE_MAX_CHARS, Entry
from tests.api.conftest import ENTRIES_URL, JSON, assert_entry_shape, assert_error, read_entry
from tests.conftest import Persona


def test_writing_an_entry_answers_201_with_the_whole_entry(api: Client, alex: Persona) -> None:
    before = timezone.now()

    response = api.post(
        ENTRIES_URL,
        {"title": "First night alone", "body": "The flat is very quiet."},
        content_type=JSON,
        headers=alex.auth,
    )

    assert response.status_code == 201
    entry = response.json()
    assert_entry_shape(entry)
    assert entry["title"] == "First night alone"
    assert entry["body"] == "The flat is very quiet."
    assert before <= datetime.fromisoformat(entry["created_at"]) <= timezone.now()
    assert Entry.objects.get(pk=entry["id"]).user_id == alex.user.pk


def test_the_new_entry_can_be_read_back(api: Client, alex: Persona) -> None:
    created = api.post(
        ENTRIES_URL, {"body": "Called my sister."}, content_type=JSON, headers=alex.auth
    ).json()

    assert read_entry(api, alex, created["id"]).json() == created


def test_the_title_is_optional_and_comes_back_empty(api: Client, alex: Persona) -> None:
    response = api.post(
        ENTRIES_URL, {"body": "No title today."}, content_type=JSON, headers=alex.auth
    )

    assert response.status_code == 201
    assert response.json()["title"] == ""


def test_a_null_title_is_the_same_as_no_title(api: Client, alex: Persona) -> None:
    response = api.post(
        ENTRIES_URL,
        {"title": None, "body": "Still no title."},
        content_type=JSON,
        headers=alex.auth,
    )

    assert response.status_code == 201
    assert response.json()["title"] == ""


def test_spaces_around_the_title_are_trimmed(api: Client, alex: Persona) -> None:
    response = api.post(
        ENTRIES_URL,
        {"title": "  Sunday  ", "body": "Long walk."},
        content_type=JSON,
        headers=alex.auth,
    )

    assert response.json()["title"] == "Sunday"


def test_the_body_is_kept_exactly_as_written(api: Client, alex: Persona) -> None:
    body = "  Line one.\n\n\tIndented line — with ünïcödé, 漢字 and 💔.  \n"

    response = api.post(ENTRIES_URL, {"body": body}, content_type=JSON, headers=alex.auth)

    assert response.json()["body"] == body
    assert read_entry(api, alex, response.json()["id"]).json()["body"] == body


def test_a_title_and_body_at_their_longest_are_accepted(api: Client, alex: Persona) -> None:
    payload = {"title": "t" * TITLE_MAX_CHARS, "body": "b" * BODY_MAX_CHARS}

    response = api.post(ENTRIES_URL, payload, content_type=JSON, headers=alex.auth)

    assert response.status_code == 201


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "body"),
        ({"title": "Only a title"}, "body"),
        ({"body": None}, "body"),
        ({"body": ""}, "body"),
        ({"body": "   "}, "body"),
        ({"body": "\n\t \n"}, "body"),
        ({"body": "b" * (BODY_MAX_CHARS + 1)}, "body"),
        ({"title": "t" * (TITLE_MAX_CHARS + 1), "body": "fine"}, "title"),
    ],
    ids=[
        "nothing",
        "no-body",
        "null-body",
        "empty-body",
        "blank-body",
        "whitespace-body",
        "body-too-long",
        "title-too-long",
    ],
)
def test_an_entry_with_no_text_or_too_much_is_refused_naming_the_field(
    api: Client, alex: Persona, payload: dict[str, object], field: str
) -> None:
    response = api.post(ENTRIES_URL, payload, content_type=JSON, headers=alex.auth)

    assert_error(response, 422, "invalid", field=field)
    assert not Entry.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"body": 5}, "body"),
        ({"body": 5.5}, "body"),
        ({"body": True}, "body"),
        ({"body": ["a", "b"]}, "body"),
        ({"body": {"text": "a"}}, "body"),
        ({"title": [], "body": "fine"}, "title"),
        ({"title": 7, "body": "fine"}, "title"),
        ({"title": {"a": 1}, "body": "fine"}, "title"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_naming_the_field(
    api: Client, alex: Persona, payload: dict[str, object], field: str
) -> None:
    response = api.post(ENTRIES_URL, payload, content_type=JSON, headers=alex.auth)

    assert_error(response, 422, "invalid", field=field)
    assert not Entry.objects.exists()


@pytest.mark.parametrize("extra", ["mood", "id", "user", "user_id", "created_at"])
def test_an_unknown_field_is_refused_naming_it(api: Client, alex: Persona, extra: str) -> None:
    payload = {"body": "fine", extra: "something"}

    response = api.post(ENTRIES_URL, payload, content_type=JSON, headers=alex.auth)

    assert_error(response, 422, "invalid", field=extra)
    assert not Entry.objects.exists()


def test_nobody_can_write_into_someone_elses_journal(
    api: Client, alex: Persona, sam: Persona
) -> None:
    payload = {"body": "Planted.", "user": str(sam.user.pk)}

    api.post(ENTRIES_URL, payload, content_type=JSON, headers=alex.auth)

    assert not Entry.objects.filter(user=sam.user).exists()


def test_a_lone_surrogate_in_the_text_is_refused_not_a_server_error(
    api: Client, alex: Persona
) -> None:
    # "\ud800" is valid JSON but not encodable text.
    raw = '{"body": "half a character: \\ud800"}'

    response = api.post(ENTRIES_URL, raw, content_type=JSON, headers=alex.auth)

    assert_error(response, 422, field="body")


def test_writing_without_a_token_is_refused_with_401(api: Client, db: None) -> None:
    response = api.post(ENTRIES_URL, {"body": "Anonymous."}, content_type=JSON)

    assert_error(response, 401, "unauthorized")
    assert not Entry.objects.exists()
