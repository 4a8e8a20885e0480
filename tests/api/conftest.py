"""Helpers shared by the JSON API tests. The personas and the ``api`` client live in
tests/conftest.py; nothing here is a fixture."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.test import Client
from django.utils.crypto import get_random_string

from tests.conftest import Persona

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

JSON = "application/json"

SIGNUP_URL = "/api/v1/auth/signup"
TOKEN_URL = "/api/v1/auth/token"
ME_URL = "/api/v1/auth/me"
ENTRIES_URL = "/api/v1/journal/entries"
ANALYZE_URL = "/api/v1/coach/analyze"
DRAFTS_URL = "/api/v1/coach/drafts"

ENTRY_KEYS = {"id", "title", "body", "stage", "created_at", "updated_at"}
DRAFT_KEYS = {"id", "kind", "text", "created_at", "updated_at"}
ANALYSIS_KEYS = {
    "kind",
    "kind_source",
    "verdict",
    "summary",
    "labels",
    "findings",
    "strengths",
    "suggestions",
    "safety",
    "stats",
}
FINDING_KEYS = {"rule", "label", "severity", "span", "text", "why", "rewrite"}


def entry_url(entry_id: object) -> str:
    return f"{ENTRIES_URL}/{entry_id}"


def draft_url(draft_id: object) -> str:
    return f"{DRAFTS_URL}/{draft_id}"


def assert_error(
    response: Response, status: int, code: str | None = None, field: str | None = None
) -> dict[str, Any]:
    """The one error shape: ``{"error": {"code", "message"[, "field"]}}`` as JSON."""
    assert response.status_code == status, response.content
    assert_error_shape(response)
    error: dict[str, Any] = response.json()["error"]
    if code is not None:
        assert error["code"] == code, error
    if field is not None:
        assert error.get("field") == field, error
    return error


def assert_error_shape(response: Response) -> None:
    assert 400 <= response.status_code < 500, response.content
    assert response["Content-Type"].startswith(JSON), response["Content-Type"]
    document = response.json()
    assert set(document) == {"error"}, document
    error = document["error"]
    assert set(error) in ({"code", "message"}, {"code", "message", "field"}), error
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    if "field" in error:
        assert isinstance(error["field"], str) and error["field"]


def assert_entry_shape(entry: dict[str, Any]) -> None:
    assert set(entry) == ENTRY_KEYS, entry
    uuid.UUID(entry["id"])
    assert isinstance(entry["title"], str)
    assert isinstance(entry["body"], str)
    datetime.fromisoformat(entry["created_at"])
    datetime.fromisoformat(entry["updated_at"])


def write_entry(
    api: Client, persona: Persona, body: str = "Walked by the river.", title: str | None = None
) -> dict[str, Any]:
    """Write an entry through the API as ``persona`` and return it as JSON."""
    payload: dict[str, Any] = {"body": body}
    if title is not None:
        payload["title"] = title
    response = api.post(ENTRIES_URL, payload, content_type=JSON, headers=persona.auth)
    assert response.status_code == 201, response.content
    entry: dict[str, Any] = response.json()
    return entry


def read_entry(api: Client, persona: Persona, entry_id: str) -> Response:
    return api.get(entry_url(entry_id), headers=persona.auth)


def with_csrf(client: Client) -> dict[str, str]:
    """Give a browser a CSRF cookie; returns the header that proves it was read from the page."""
    token = get_random_string(32)
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    return {"X-CSRFToken": token}


def assert_draft_shape(draft: dict[str, Any]) -> None:
    assert set(draft) == DRAFT_KEYS, draft
    uuid.UUID(draft["id"])
    assert draft["kind"] in {"apology", "reach_out", "conflict_reply"}
    assert isinstance(draft["text"], str)
    datetime.fromisoformat(draft["created_at"])
    datetime.fromisoformat(draft["updated_at"])


def write_draft(
    api: Client, persona: Persona, text: str = "I'm sorry I shouted.", kind: str = "apology"
) -> dict[str, Any]:
    """Save a draft through the API as ``persona`` and return it as JSON."""
    response = api.post(
        DRAFTS_URL, {"text": text, "kind": kind}, content_type=JSON, headers=persona.auth
    )
    assert response.status_code == 201, response.content
    draft: dict[str, Any] = response.json()
    return draft


def assert_analysis_shape(analysis: dict[str, Any], text: str) -> None:
    """The coach's JSON: every documented key, spans that point at the matched text."""
    assert set(analysis) == ANALYSIS_KEYS, analysis
    assert analysis["verdict"] in {"ready", "revise", "hold"}
    assert analysis["kind"] in {"apology", "reach_out", "conflict_reply"}
    assert analysis["kind_source"] in {"given", "guessed"}
    assert all(isinstance(label, str) for label in analysis["labels"])
    for finding in analysis["findings"]:
        assert set(finding) == FINDING_KEYS, finding
        assert finding["severity"] in {"low", "medium", "high"}
        start, end = finding["span"]
        assert text[start:end] == finding["text"], finding
    for strength in analysis["strengths"]:
        start, end = strength["span"]
        assert text[start:end] == strength["text"], strength
    assert set(analysis["stats"]) == {"words", "sentences"}
