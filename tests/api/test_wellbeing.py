"""/api/v1/wellbeing: both checks with their scores, one check's questions, a new take."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heartwork.wellbeing.models import Take
from heartwork.wellbeing.services import record_take
from tests.api.conftest import JSON, assert_error, assert_error_shape
from tests.conftest import Persona

URL = "/api/v1/wellbeing"
CHECK_KEYS = {"id", "title", "due", "next_due", "takes", "before", "now"}
TAKE_KEYS = {"id", "check", "score", "answers", "at", "next_due"}
PERSONAL = dict.fromkeys(("sleep", "energy", "hope", "support", "calm"), 3)
RELATIONSHIP = dict.fromkeys(("feel_now", "respect", "understood", "trust", "settled"), 3)


def history(api: Client, persona: Persona) -> dict[str, dict[str, Any]]:
    response = api.get(URL, headers=persona.auth)
    assert response.status_code == 200, response.content
    return {check["id"]: check for check in response.json()["checks"]}


def post(api: Client, persona: Persona, check: str, body: Any) -> Any:
    return api.post(f"{URL}/{check}", json.dumps(body), content_type=JSON, headers=persona.auth)


# -- reading ---------------------------------------------------------------------------


def test_a_new_person_has_both_checks_due_and_no_scores(api: Client, alex: Persona) -> None:
    checks = history(api, alex)

    assert list(checks) == ["relationship", "personal"]
    assert checks["relationship"]["title"] == "How things are between us"
    assert checks["personal"]["title"] == "How I am doing"
    for check in checks.values():
        assert set(check) == CHECK_KEYS
        assert check["due"] is True
        assert (check["next_due"], check["takes"], check["before"], check["now"]) == (
            None,
            [],
            None,
            None,
        )


def test_a_checks_questions_come_with_the_words_for_both_ends(api: Client, alex: Persona) -> None:
    response = api.get(f"{URL}/personal", headers=alex.auth)

    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["title"]) == ("personal", "How I am doing")
    assert (body["scale_min"], body["scale_max"], body["interval_days"]) == (1, 5, 28)
    assert [item["id"] for item in body["items"]] == list(PERSONAL)
    for item in body["items"]:
        assert set(item) == {"id", "text", "low", "high"}
        assert item["text"] and item["low"] and item["high"]


def test_an_unknown_check_is_not_found(api: Client, alex: Persona) -> None:
    assert_error(api.get(f"{URL}/mood", headers=alex.auth), 404, "not_found")
    assert_error(post(api, alex, "mood", {"answers": PERSONAL}), 404, "not_found")


# -- taking a check --------------------------------------------------------------------


def test_a_take_comes_back_with_its_score_and_when_it_is_next_due(
    api: Client, alex: Persona
) -> None:
    response = post(api, alex, "personal", {"answers": {**PERSONAL, "hope": 5, "calm": 5}})

    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == TAKE_KEYS
    assert (body["check"], body["score"]) == ("personal", 70)
    at = datetime.fromisoformat(body["at"])
    assert datetime.fromisoformat(body["next_due"]) - at == timedelta(days=28)
    checks = history(api, alex)
    assert checks["personal"]["due"] is False
    assert checks["personal"]["takes"] == [{"at": body["at"], "score": 70}]
    assert (
        checks["personal"]["before"]
        == checks["personal"]["now"]
        == {
            "at": body["at"],
            "score": 70,
        }
    )
    assert checks["relationship"]["due"] is True


def test_before_is_the_first_take_and_now_the_latest(api: Client, alex: Persona) -> None:
    for answer, days_ago in ((1, 60), (2, 31), (4, 0)):
        record_take(
            user=alex.user,
            check_id="relationship",
            answers=dict.fromkeys(RELATIONSHIP, answer),
            now=timezone.now() - timedelta(days=days_ago),
        )

    check = history(api, alex)["relationship"]

    assert [take["score"] for take in check["takes"]] == [0, 25, 75]
    assert check["before"]["score"] == 0
    assert check["now"]["score"] == 75
    assert check["due"] is False


def test_a_check_is_due_again_28_days_after_its_latest_take(api: Client, alex: Persona) -> None:
    record_take(
        user=alex.user,
        check_id="personal",
        answers=PERSONAL,
        now=timezone.now() - timedelta(days=28, minutes=1),
    )

    assert history(api, alex)["personal"]["due"] is True


def test_the_answers_and_score_are_encrypted_in_the_database(api: Client, alex: Persona) -> None:
    response = post(api, alex, "relationship", {"answers": RELATIONSHIP})
    assert response.status_code == 201

    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM wellbeing_take")
        ((raw,),) = cursor.fetchall()
    stored = bytes(raw)
    for plain in (b"feel_now", b"trust", b"score", b'"v"'):
        assert plain not in stored


# -- refused input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changed", "field"),
    [
        ({"sleep": 0}, "answers.sleep"),
        ({"sleep": 6}, "answers.sleep"),
        ({"energy": "3"}, "answers.energy"),
        ({"hope": 2.5}, "answers.hope"),
        ({"support": True}, "answers.support"),
        ({"calm": None}, "answers.calm"),
        ({"mood": 3}, "answers.mood"),
    ],
)
def test_a_bad_answer_is_refused_naming_the_question(
    api: Client, alex: Persona, changed: dict[str, Any], field: str
) -> None:
    response = post(api, alex, "personal", {"answers": {**PERSONAL, **changed}})

    error = assert_error(response, 422, "invalid", field)
    assert error["message"].startswith(f"{field}: ")
    assert not Take.objects.exists()


def test_a_missing_answer_is_refused_naming_the_question(api: Client, alex: Persona) -> None:
    answers = {key: value for key, value in PERSONAL.items() if key != "support"}

    error = assert_error(post(api, alex, "personal", {"answers": answers}), 422, "invalid")

    assert error["field"] == "answers.support"
    assert "needs an answer from 1 to 5" in error["message"]


def test_answers_that_are_not_an_object_are_refused(api: Client, alex: Persona) -> None:
    assert_error(post(api, alex, "personal", {"answers": [3, 3, 3]}), 422, "invalid", "answers")
    assert_error(post(api, alex, "personal", {}), 422, "invalid", "answers")


def test_an_unknown_field_beside_the_answers_is_refused(api: Client, alex: Persona) -> None:
    response = post(api, alex, "personal", {"answers": PERSONAL, "note": "hi"})

    assert_error(response, 422, "invalid", "note")


payloads = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10) | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from([*PERSONAL, "answers", "x"]), children, max_size=6)
    ),
    max_leaves=10,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(payload=payloads)
def test_any_json_gets_a_take_or_a_clear_error_never_a_server_error(
    api: Client, alex: Persona, payload: Any
) -> None:
    response = api.post(
        f"{URL}/personal", json.dumps(payload), content_type=JSON, headers=alex.auth
    )

    assert response.status_code in {201, 400, 422}, response.content
    if response.status_code != 201:
        assert_error_shape(response)


# -- privacy ---------------------------------------------------------------------------


def test_another_persons_takes_never_show(api: Client, alex: Persona, sam: Persona) -> None:
    assert post(api, sam, "personal", {"answers": PERSONAL}).status_code == 201

    checks = history(api, alex)

    assert all(check["takes"] == [] for check in checks.values())
    assert history(api, sam)["personal"]["takes"][0]["score"] == 50


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", URL), ("get", f"{URL}/personal"), ("post", f"{URL}/personal")],
)
def test_without_credentials_every_call_is_unauthorized(
    api: Client, db: None, method: str, path: str
) -> None:
    response = getattr(api, method)(path, content_type=JSON)

    assert_error(response, 401, "unauthorized")
