"""PATCH /api/v1/journal/entries/{id}: change only the parts that are sent."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client
from django.utils import timezone

from heartwork.journal.models import BODY_MAX_CHARS, TITLE_MAX_CHARS, Entry
from tests.api.conftest import (
    JSON,
    assert_entry_shape,
    assert_error,
    entry_url,
    read_entry,
    write_entry,
)
from tests.conftest import Persona

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response


def patch(api: Client, persona: Persona, entry_id: str, changes: Any) -> Response:
    return api.patch(entry_url(entry_id), changes, content_type=JSON, headers=persona.auth)


@pytest.fixture
def entry(api: Client, alex: Persona) -> dict[str, Any]:
    """One of alex's entries, with a title and a body."""
    return write_entry(api, alex, body="Original body.", title="Original title")


def test_changing_the_body_answers_200_and_leaves_the_title_alone(
    api: Client, alex: Persona, entry: dict[str, Any]
) -> None:
    response = patch(api, alex, entry["id"], {"body": "New body."})

    assert response.status_code == 200
    assert_entry_shape(response.json())
    assert response.json()["body"] == "New body."
    assert response.json()["title"] == "Original title"


def test_changing_the_title_leaves_the_body_alone(
    api: Client, alex: Persona, entry: dict[str, Any]
) -> None:
    response = patch(api, alex, entry["id"], {"title": "New title"})

    assert response.json()["title"] == "New title"
    assert response.json()["body"] == "Original body."


def test_both_can_be_changed_at_once(api: Client, alex: Persona, entry: dict[str, Any]) -> None:
    patch(api, alex, entry["id"], {"title": "T2", "body": "B2"})

    stored = read_entry(api, alex, entry["id"]).json()
    assert (stored["title"], stored["body"]) == ("T2", "B2")


def test_the_change_is_kept(api: Client, alex: Persona, entry: dict[str, Any]) -> None:
    patched = patch(api, alex, entry["id"], {"body": "Kept."}).json()

    assert read_entry(api, alex, entry["id"]).json() == patched


def test_an_explicit_null_title_clears_it(
    api: Client, alex: Persona, entry: dict[str, Any]
) -> None:
    response = patch(api, alex, entry["id"], {"title": None})

    assert response.status_code == 200
    assert response.json()["title"] == ""
    assert read_entry(api, alex, entry["id"]).json()["body"] == "Original body."


def test_an_empty_title_clears_it_too(api: Client, alex: Persona, entry: dict[str, Any]) -> None:
    assert patch(api, alex, entry["id"], {"title": "   "}).json()["title"] == ""


def test_an_empty_patch_changes_nothing(api: Client, alex: Persona, entry: dict[str, Any]) -> None:
    response = patch(api, alex, entry["id"], {})

    assert response.status_code == 200
    assert (response.json()["title"], response.json()["body"]) == (
        "Original title",
        "Original body.",
    )


def test_a_change_moves_updated_at_forward_but_never_created_at(
    api: Client, alex: Persona, entry: dict[str, Any]
) -> None:
    Entry.objects.filter(pk=entry["id"]).update(
        created_at=timezone.now() - timedelta(days=2), updated_at=timezone.now() - timedelta(days=1)
    )
    before = read_entry(api, alex, entry["id"]).json()

    after = patch(api, alex, entry["id"], {"body": "Later thoughts."}).json()

    assert after["created_at"] == before["created_at"]
    assert datetime.fromisoformat(after["updated_at"]) > datetime.fromisoformat(
        before["updated_at"]
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"body": None}, "body"),
        ({"body": ""}, "body"),
        ({"body": " \n\t "}, "body"),
        ({"body": "b" * (BODY_MAX_CHARS + 1)}, "body"),
        ({"title": "t" * (TITLE_MAX_CHARS + 1)}, "title"),
        ({"title": "fine", "body": None}, "body"),
    ],
    ids=[
        "null-body",
        "empty-body",
        "blank-body",
        "body-too-long",
        "title-too-long",
        "good-title-null-body",
    ],
)
def test_a_change_that_would_leave_bad_text_is_refused_and_changes_nothing(
    api: Client, alex: Persona, entry: dict[str, Any], changes: dict[str, Any], field: str
) -> None:
    response = patch(api, alex, entry["id"], changes)

    assert_error(response, 422, "invalid", field=field)
    assert read_entry(api, alex, entry["id"]).json() == entry


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"body": 5}, "body"),
        ({"body": ["a"]}, "body"),
        ({"body": False}, "body"),
        ({"title": []}, "title"),
        ({"title": 3.14}, "title"),
        ({"title": {"nested": "no"}}, "title"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_naming_the_field(
    api: Client, alex: Persona, entry: dict[str, Any], changes: dict[str, Any], field: str
) -> None:
    response = patch(api, alex, entry["id"], changes)

    assert_error(response, 422, "invalid", field=field)
    assert read_entry(api, alex, entry["id"]).json() == entry


@pytest.mark.parametrize("extra", ["mood", "id", "user", "created_at", "updated_at"])
def test_an_unknown_field_is_refused_naming_it(
    api: Client, alex: Persona, entry: dict[str, Any], extra: str
) -> None:
    response = patch(api, alex, entry["id"], {"body": "fine", extra: "2001-01-01T00:00:00Z"})

    assert_error(response, 422, "invalid", field=extra)
    assert read_entry(api, alex, entry["id"]).json() == entry


def test_someone_elses_entry_answers_404_and_stays_as_it_was(
    api: Client, alex: Persona, sam: Persona, entry: dict[str, Any]
) -> None:
    response = patch(api, sam, entry["id"], {"title": "Hijacked", "body": "Overwritten."})

    assert_error(response, 404, "not_found")
    assert b"Original" not in response.content
    assert read_entry(api, alex, entry["id"]).json() == entry


def test_someone_elses_entry_cannot_have_its_title_cleared(
    api: Client, alex: Persona, sam: Persona, entry: dict[str, Any]
) -> None:
    assert_error(patch(api, sam, entry["id"], {"title": None}), 404, "not_found")

    assert read_entry(api, alex, entry["id"]).json()["title"] == "Original title"


def test_an_entry_that_does_not_exist_answers_404(api: Client, alex: Persona) -> None:
    assert_error(patch(api, alex, str(uuid.uuid4()), {"body": "x"}), 404, "not_found")


@pytest.mark.parametrize("entry_id", ["not-a-uuid", "42", "%00"])
def test_an_id_that_is_not_a_uuid_answers_404(api: Client, alex: Persona, entry_id: str) -> None:
    assert_error(patch(api, alex, entry_id, {"body": "x"}), 404)


def test_changing_without_a_token_is_refused_with_401(
    api: Client, alex: Persona, entry: dict[str, Any]
) -> None:
    response = api.patch(entry_url(entry["id"]), {"body": "x"}, content_type=JSON)

    assert_error(response, 401, "unauthorized")
    assert read_entry(api, alex, entry["id"]).json() == entry
