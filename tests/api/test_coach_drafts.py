"""/api/v1/coach/drafts: drafts a person chose to keep. Only their author sees them."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from heartwork.coach import MAX_CHARS
from heartwork.drafts.models import Draft
from tests.api.conftest import (
    DRAFTS_URL,
    JSON,
    assert_draft_shape,
    assert_error,
    draft_url,
    write_draft,
)
from tests.conftest import Persona, pass_safety_check


# The coach helps someone contact a partner: it opens only after the safety check
# (tests/safety/test_gating_routes.py checks that it stays shut until then).
@pytest.fixture
def alex(alex: Persona) -> Persona:
    pass_safety_check(alex)
    return alex


@pytest.fixture
def sam(sam: Persona) -> Persona:
    pass_safety_check(sam)
    return sam


# Fixed, not random: pytest-xdist workers must collect the same test ids.
UNKNOWN_ID = "5f0c3c84-6a3e-4d0b-9a43-0b6a1f7e2c11"
MARKER = "the-blue-umbrella-I-never-gave-back"


def send(api: Client, method: str, url: str, persona: Persona, payload: object = None) -> Any:
    call = getattr(api, method)
    if payload is None:
        return call(url, headers=persona.auth)
    return call(url, json.dumps(payload), content_type=JSON, headers=persona.auth)


# -- POST /drafts ------------------------------------------------------------------------


def test_saving_a_draft_answers_201_with_the_whole_draft(api: Client, alex: Persona) -> None:
    before = timezone.now()

    response = send(api, "post", DRAFTS_URL, alex, {"text": "I was wrong.", "kind": "apology"})

    assert response.status_code == 201
    draft = response.json()
    assert_draft_shape(draft)
    assert (draft["text"], draft["kind"]) == ("I was wrong.", "apology")
    assert before <= datetime.fromisoformat(draft["created_at"]) <= timezone.now()
    assert Draft.objects.get(pk=draft["id"]).user_id == alex.user.pk


def test_the_text_is_kept_exactly_as_written(api: Client, alex: Persona) -> None:
    text = "  Hi.\n\n\tI hope you're well — ünïcödé, 漢字 and 💔.  \n"

    draft = write_draft(api, alex, text=text, kind="reach_out")

    assert draft["text"] == text
    assert send(api, "get", draft_url(draft["id"]), alex).json()["text"] == text


def test_a_saved_draft_is_ciphertext_in_the_database(api: Client, alex: Persona) -> None:
    write_draft(api, alex, text=f"I still have {MARKER}.")

    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM drafts_draft")
        [(stored,)] = cursor.fetchall()
    assert MARKER.encode() not in bytes(stored)
    assert b"umbrella" not in bytes(stored)


def test_a_draft_at_the_longest_allowed_is_saved(api: Client, alex: Persona) -> None:
    response = send(api, "post", DRAFTS_URL, alex, {"text": "s" * MAX_CHARS, "kind": "apology"})

    assert response.status_code == 201


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "text"),
        ({"kind": "apology"}, "text"),
        ({"text": "", "kind": "apology"}, "text"),
        ({"text": "  \n ", "kind": "apology"}, "text"),
        ({"text": None, "kind": "apology"}, "text"),
        ({"text": 5, "kind": "apology"}, "text"),
        ({"text": "s" * (MAX_CHARS + 1), "kind": "apology"}, "text"),
        ({"text": "Sorry."}, "kind"),
        ({"text": "Sorry.", "kind": "auto"}, "kind"),
        ({"text": "Sorry.", "kind": "diary"}, "kind"),
        ({"text": "Sorry.", "kind": None}, "kind"),
        ({"text": "Sorry.", "kind": "apology", "user": "someone"}, "user"),
        ({"text": "Sorry.", "kind": "apology", "id": UNKNOWN_ID}, "id"),
    ],
    ids=[
        "nothing",
        "no-text",
        "empty-text",
        "blank-text",
        "null-text",
        "number-text",
        "text-too-long",
        "no-kind",
        "auto-kind",
        "unknown-kind",
        "null-kind",
        "unknown-field-user",
        "unknown-field-id",
    ],
)
def test_a_draft_with_bad_or_missing_fields_is_refused_naming_the_field(
    api: Client, alex: Persona, payload: dict[str, object], field: str
) -> None:
    response = send(api, "post", DRAFTS_URL, alex, payload)

    assert_error(response, 422, "invalid", field=field)
    assert not Draft.objects.exists()


def test_saving_needs_a_token(api: Client, db: None) -> None:
    response = api.post(DRAFTS_URL, {"text": "x", "kind": "apology"}, content_type=JSON)

    assert_error(response, 401, "unauthorized")
    assert not Draft.objects.exists()


# -- GET /drafts -------------------------------------------------------------------------


def test_the_list_shows_only_your_drafts_most_recent_first(
    api: Client, alex: Persona, sam: Persona
) -> None:
    first = write_draft(api, alex, text="first")
    second = write_draft(api, alex, text="second")
    write_draft(api, sam, text="sam's")

    response = send(api, "get", DRAFTS_URL, alex)

    assert response.status_code == 200
    page = response.json()
    assert page["count"] == 2
    assert [item["id"] for item in page["items"]] == [second["id"], first["id"]]
    for item in page["items"]:
        assert_draft_shape(item)


def test_the_list_comes_a_page_at_a_time(api: Client, alex: Persona) -> None:
    for n in range(3):
        write_draft(api, alex, text=f"draft {n}")

    response = api.get(DRAFTS_URL, {"limit": 2, "offset": 2}, headers=alex.auth)

    assert response.json()["count"] == 3
    assert [item["text"] for item in response.json()["items"]] == ["draft 0"]


def test_a_page_is_at_most_100_drafts(api: Client, alex: Persona) -> None:
    response = api.get(DRAFTS_URL, {"limit": 101}, headers=alex.auth)

    assert response.status_code == 422


# -- GET, PATCH, DELETE /drafts/{id} -----------------------------------------------------


def test_reading_a_draft_answers_with_the_whole_draft(api: Client, alex: Persona) -> None:
    written = write_draft(api, alex, text="Can we talk?", kind="reach_out")

    response = send(api, "get", draft_url(written["id"]), alex)

    assert response.status_code == 200
    assert response.json() == written


def test_changing_the_text_keeps_the_kind_and_moves_it_to_the_top(
    api: Client, alex: Persona
) -> None:
    older = write_draft(api, alex, text="old words")
    write_draft(api, alex, text="newer")

    response = send(api, "patch", draft_url(older["id"]), alex, {"text": "better words"})

    assert response.status_code == 200
    assert (response.json()["text"], response.json()["kind"]) == ("better words", "apology")
    assert response.json()["updated_at"] > older["updated_at"]
    assert send(api, "get", DRAFTS_URL, alex).json()["items"][0]["id"] == older["id"]


def test_changing_only_the_kind_keeps_the_text(api: Client, alex: Persona) -> None:
    draft = write_draft(api, alex, text="Whatever.")

    response = send(api, "patch", draft_url(draft["id"]), alex, {"kind": "conflict_reply"})

    assert (response.json()["text"], response.json()["kind"]) == ("Whatever.", "conflict_reply")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"text": None}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "s" * (MAX_CHARS + 1)}, "text"),
        ({"kind": None}, "kind"),
        ({"kind": "auto"}, "kind"),
        ({"mood": "low"}, "mood"),
    ],
)
def test_a_bad_change_is_refused_and_changes_nothing(
    api: Client, alex: Persona, payload: dict[str, object], field: str
) -> None:
    draft = write_draft(api, alex, text="Keep me.")

    response = send(api, "patch", draft_url(draft["id"]), alex, payload)

    assert_error(response, 422, "invalid", field=field)
    stored = Draft.objects.select_related("user__data_key").get(pk=draft["id"])
    assert (stored.text, stored.kind) == ("Keep me.", "apology")


def test_deleting_a_draft_answers_204_and_it_is_gone(api: Client, alex: Persona) -> None:
    draft = write_draft(api, alex)

    response = send(api, "delete", draft_url(draft["id"]), alex)

    assert response.status_code == 204
    assert not Draft.objects.exists()
    assert_error(send(api, "get", draft_url(draft["id"]), alex), 404, "not_found")


@pytest.mark.parametrize(
    ("method", "payload"),
    [("get", None), ("patch", {"text": "Taken over."}), ("delete", None)],
)
def test_someone_elses_draft_answers_404_and_is_left_alone(
    api: Client, alex: Persona, sam: Persona, method: str, payload: object
) -> None:
    theirs = write_draft(api, alex, text=f"Alex's {MARKER}")

    response = send(api, method, draft_url(theirs["id"]), sam, payload)

    error = assert_error(response, 404, "not_found")
    assert MARKER not in json.dumps(error)
    stored = Draft.objects.select_related("user__data_key").get(pk=theirs["id"])
    assert stored.text == f"Alex's {MARKER}"


@pytest.mark.parametrize("draft_id", [UNKNOWN_ID, "not-a-uuid", "1"])
def test_an_unknown_id_answers_404(api: Client, alex: Persona, draft_id: str) -> None:
    assert_error(send(api, "get", draft_url(draft_id), alex), 404, "not_found")


def test_reading_needs_a_token(api: Client, alex: Persona) -> None:
    draft = write_draft(api, alex)

    assert_error(api.get(draft_url(draft["id"])), 401, "unauthorized")
    assert_error(api.get(DRAFTS_URL), 401, "unauthorized")
