"""POST /api/v1/coach/analyze: an analysis of a draft. Nothing is stored, nothing is logged."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heartwork.coach import MAX_CHARS, analyze
from heartwork.drafts.models import Draft
from tests.api.conftest import (
    ANALYZE_URL,
    JSON,
    assert_analysis_shape,
    assert_error,
    assert_error_shape,
    with_csrf,
)
from tests.coach_fakes import SORRY_BUT, fake_coach, sorry_but_analysis
from tests.conftest import Persona, pass_safety_check


# The coach helps someone contact a partner: it opens only after the safety check
# (tests/safety/test_gating_routes.py checks that it stays shut until then).
@pytest.fixture
def alex(alex: Persona) -> Persona:
    pass_safety_check(alex)
    return alex


GENTLE = (
    "Hi. I hope your week is going well. I'd be glad to talk one day if you ever want to; "
    "no need to answer."
)
SECRET = "the-night-at-the-lighthouse-nobody-knows-about"


def post(api: Client, persona: Persona, payload: object) -> Any:
    return api.post(ANALYZE_URL, json.dumps(payload), content_type=JSON, headers=persona.auth)


# -- with the coach's rules ------------------------------------------------------------


def test_an_apology_that_says_but_and_blames_is_flagged_with_both_spans(
    api: Client, alex: Persona
) -> None:
    response = post(api, alex, {"text": SORRY_BUT, "kind": "apology"})

    assert response.status_code == 200
    result = response.json()
    assert_analysis_shape(result, SORRY_BUT)
    assert {"but_undo", "blame_shifting"} <= set(result["labels"])
    flagged = {finding["label"] for finding in result["findings"]}
    assert {"but_undo", "blame_shifting"} <= flagged
    assert result["verdict"] != "ready"


def test_a_gentle_first_message_is_ready_and_only_called_gentle(api: Client, alex: Persona) -> None:
    response = post(api, alex, {"text": GENTLE})

    assert response.status_code == 200
    result = response.json()
    assert_analysis_shape(result, GENTLE)
    assert result["labels"] == ["gentle"]
    assert result["verdict"] == "ready"
    assert result["findings"] == []


def test_the_answer_is_exactly_the_coachs_own_json(api: Client, alex: Persona) -> None:
    sent_at = datetime(2025, 3, 1, 2, 30, tzinfo=timezone(timedelta(hours=1)))

    response = post(
        api, alex, {"text": SORRY_BUT, "kind": "apology", "sent_at": sent_at.isoformat()}
    )

    expected = analyze(SORRY_BUT, kind="apology", sent_at=sent_at).to_dict()
    assert response.json() == json.loads(json.dumps(expected))


def test_a_message_at_the_longest_allowed_is_analysed(api: Client, alex: Persona) -> None:
    text = ("I am sorry I was late. " * 1000)[:MAX_CHARS]

    response = post(api, alex, {"text": text, "kind": "apology"})

    assert response.status_code == 200
    assert_analysis_shape(response.json(), text)


fuzzing = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
texts = st.text(st.characters() | st.characters(categories=["Cc", "Cs"]), max_size=40)
values = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts
payloads = st.dictionaries(
    st.sampled_from(["text", "kind", "sent_at"]) | texts,
    values | st.sampled_from(["apology", "reach_out", "conflict_reply", "auto"]),
    max_size=4,
)


@fuzzing
@given(payload=payloads | values)
def test_any_json_gets_an_analysis_or_a_clear_error_never_a_server_error(
    api: Client, alex: Persona, payload: Any
) -> None:
    response = api.post(ANALYZE_URL, json.dumps(payload), content_type=JSON, headers=alex.auth)

    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        assert_error_shape(response)
    else:
        assert_analysis_shape(response.json(), payload["text"])


# -- how the API passes the coach on (a stand-in coach, so any rules will do) -----------


def test_the_coachs_analysis_comes_back_whole(
    api: Client, alex: Persona, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_coach(monkeypatch)

    response = post(api, alex, {"text": SORRY_BUT, "kind": "apology"})

    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(sorry_but_analysis().to_dict()))
    assert_analysis_shape(response.json(), SORRY_BUT)


def test_kind_and_sending_time_reach_the_coach_as_given(
    api: Client, alex: Persona, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = fake_coach(monkeypatch)

    post(
        api, alex, {"text": SORRY_BUT, "kind": "reach_out", "sent_at": "2025-03-01T23:45:00+02:00"}
    )
    post(api, alex, {"text": SORRY_BUT})

    assert fake.calls[0]["kind"] == "reach_out"
    assert fake.calls[0]["sent_at"] == datetime(
        2025, 3, 1, 23, 45, tzinfo=timezone(timedelta(hours=2))
    )
    assert fake.calls[1] == {"text": SORRY_BUT, "kind": "auto", "sent_at": None}


def test_analysing_stores_nothing_and_writes_nothing_to_the_database(
    api: Client, alex: Persona, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_coach(monkeypatch)
    post(api, alex, {"text": "warm-up"})  # the token's "last used" time is written once

    with CaptureQueriesContext(connection) as queries:
        response = post(api, alex, {"text": SORRY_BUT, "kind": "apology"})

    assert response.status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert not Draft.objects.exists()


def test_the_text_never_reaches_the_logs_or_an_error(
    api: Client, alex: Persona, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    fake_coach(monkeypatch)
    caplog.set_level(logging.DEBUG)
    payloads: list[dict[str, Any]] = [
        {"text": SECRET},
        {"text": SECRET * 500},  # too long
        {"text": SECRET, "kind": "diary"},
        {"text": SECRET, "mood": SECRET},
        {"text": [SECRET]},
    ]

    for payload in payloads:
        response = post(api, alex, payload)
        assert SECRET not in json.dumps(response.json().get("error", {}))

    assert caplog.records, "expected the refusals to be logged"
    assert SECRET not in caplog.text


# -- what is refused -------------------------------------------------------------------


def test_a_text_over_20000_characters_is_refused_saying_the_limit(
    api: Client, alex: Persona
) -> None:
    response = post(api, alex, {"text": "a" * (MAX_CHARS + 1), "kind": "apology"})

    error = assert_error(response, 422, "invalid", field="text")
    assert "20,000" in error["message"]


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n"], ids=["empty", "spaces", "whitespace"])
def test_an_empty_text_is_refused_naming_the_text(api: Client, alex: Persona, text: str) -> None:
    response = post(api, alex, {"text": text})

    error = assert_error(response, 422, "invalid", field="text")
    assert "empty" in error["message"]


@pytest.mark.parametrize("kind", ["diary", "", "APOLOGY", "reach out"])
def test_an_unknown_kind_is_refused_naming_the_kind(api: Client, alex: Persona, kind: str) -> None:
    response = post(api, alex, {"text": SORRY_BUT, "kind": kind})

    error = assert_error(response, 422, "invalid", field="kind")
    assert error["message"].startswith("kind: ")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "text"),
        ({"kind": "apology"}, "text"),
        ({"text": None}, "text"),
        ({"text": 5}, "text"),
        ({"text": ["Sorry."]}, "text"),
        ({"text": "Sorry.", "kind": 3}, "kind"),
        ({"text": "Sorry.", "kind": None}, "kind"),
        ({"text": "Sorry.", "sent_at": "tonight"}, "sent_at"),
        ({"text": "Sorry.", "sent_at": "2025-13-01T10:00"}, "sent_at"),
        ({"text": "Sorry.", "sent_at": 1700000000}, "sent_at"),
        ({"text": "Sorry.", "sent_at": True}, "sent_at"),
        ({"text": "Sorry.", "mood": "low"}, "mood"),
        ({"text": "Sorry.", "save": True}, "save"),
    ],
    ids=[
        "nothing",
        "no-text",
        "null-text",
        "number-text",
        "list-text",
        "number-kind",
        "null-kind",
        "words-sent-at",
        "bad-month-sent-at",
        "number-sent-at",
        "boolean-sent-at",
        "unknown-field",
        "save-field",
    ],
)
def test_a_missing_mistyped_or_unknown_field_is_refused_naming_it(
    api: Client, alex: Persona, payload: dict[str, object], field: str
) -> None:
    response = post(api, alex, payload)

    assert_error(response, 422, "invalid", field=field)


@pytest.mark.parametrize("raw", ["[]", '"Sorry."', "5", "null", "{"])
def test_a_body_that_is_not_a_json_object_is_refused_with_400(
    api: Client, alex: Persona, raw: str
) -> None:
    response = api.post(ANALYZE_URL, raw, content_type=JSON, headers=alex.auth)

    assert_error(response, 400, "bad_request")


def test_analysing_needs_a_token(api: Client, db: None) -> None:
    response = api.post(ANALYZE_URL, {"text": SORRY_BUT}, content_type=JSON)

    assert_error(response, 401, "unauthorized")


def test_the_web_page_session_needs_the_csrf_token_too(
    alex: Persona, client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_coach(monkeypatch)
    browser = client_for(alex)

    refused = browser.post(ANALYZE_URL, {"text": SORRY_BUT}, content_type=JSON)
    allowed = browser.post(
        ANALYZE_URL, {"text": SORRY_BUT}, content_type=JSON, headers=with_csrf(browser)
    )

    assert_error(refused, 403)
    assert allowed.status_code == 200
