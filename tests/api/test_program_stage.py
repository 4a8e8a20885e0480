"""GET /api/v1/program/stages/{stage_id}: a stage's content and where the user stands in it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from heartwork.program.content import program
from heartwork.program.schema import STAGE_IDS
from tests.api.conftest import assert_error
from tests.conftest import Persona
from tests.program.steps import RECONNECTION, answer, lock_with_an_order, stage_url

STAGE_KEYS = {
    "id",
    "title",
    "kind",
    "reconnection",
    "external",
    "purpose",
    "reading",
    "status",
    "locked_reason",
    "hard",
    "results",
    "exercises",
    "ready_check",
    "unlocks",
    "tools",
}
EXERCISE_KEYS = {
    "id",
    "title",
    "intro",
    "type",
    "coach_kind",
    "draft",
    "feeds_from",
    "questions",
    "scales",
    "results",
    "show_if",
    "applies",
    "summary",
}
QUESTION_KEYS = {"id", "type", "text", "help", "required", "low", "high", "options", "ask_if"} | {
    "min",
    "max",
    "unit",
    "not_future",
    "allow_na",
}


def get_stage(api: Client, persona: Persona, stage_id: str) -> dict[str, Any]:
    response = api.get(stage_url(stage_id), headers=persona.auth)
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize("stage_id", STAGE_IDS)
def test_every_stage_serves_its_content_with_the_documented_fields(
    api: Client, alex: Persona, stage_id: str
) -> None:
    stage = get_stage(api, alex, stage_id)
    content = program().stages[stage_id]

    assert set(stage) == STAGE_KEYS
    assert (stage["id"], stage["title"], stage["purpose"]) == (
        content.id,
        content.title,
        content.purpose,
    )
    assert stage["reading"] == content.reading
    assert [exercise["id"] for exercise in stage["exercises"]] == [
        exercise.id for exercise in content.exercises
    ]
    for exercise in stage["exercises"]:
        assert set(exercise) == EXERCISE_KEYS
        for question in exercise["questions"]:
            assert set(question) == QUESTION_KEYS
            assert all(set(option) == {"id", "text", "guidance"} for option in question["options"])
    assert [item["id"] for item in stage["ready_check"]] == [
        item.id for item in content.ready_check
    ]


def test_a_scored_exercise_shows_its_scales_and_results_but_not_its_weights(
    api: Client, alex: Persona
) -> None:
    stage = get_stage(api, alex, "want_them_back")
    motive = next(ex for ex in stage["exercises"] if ex["id"] == "motive_check")

    assert {result["id"] for result in motive["results"]} == {"lean_in", "unsure", "lean_out"}
    assert all(result["explain"] for result in motive["results"])
    assert "person" in {scale["id"] for scale in motive["scales"]}


def test_the_safety_check_lists_its_levels_as_results(api: Client, alex: Persona) -> None:
    stage = get_stage(api, alex, "safety_check")

    assert stage["external"] == "safety"
    assert [result["id"] for result in stage["results"]] == [
        "green",
        "amber",
        "red",
        "high_danger",
        "crisis",
    ]
    assert stage["exercises"] == []


def test_a_locked_stage_still_shows_its_reading_and_says_why_it_is_locked(
    api: Client, alex: Persona
) -> None:
    lock_with_an_order(alex)

    for stage_id in RECONNECTION:
        stage = get_stage(api, alex, stage_id)
        assert stage["status"] == "locked"
        assert stage["locked_reason"]
        assert stage["reading"]


def test_the_status_follows_the_users_own_answers(api: Client, alex: Persona, sam: Persona) -> None:
    answer(api, alex, "what_went_wrong", "three_columns")

    assert get_stage(api, alex, "what_went_wrong")["status"] == "in_progress"
    assert get_stage(api, sam, "what_went_wrong")["status"] == "available"


def test_an_unknown_stage_is_not_found(api: Client, alex: Persona) -> None:
    assert_error(api.get(stage_url("nowhere"), headers=alex.auth), 404, "not_found")


def test_a_stage_needs_a_login(api: Client, db: None) -> None:
    assert_error(api.get(stage_url("space")), 401, "unauthorized")


# -- tools -------------------------------------------------------------------------------------


def tools_of(api: Client, persona: Persona, stage_id: str) -> dict[str, str]:
    found = get_stage(api, persona, stage_id)["tools"]
    assert all(set(tool) == {"app", "url", "why"} for tool in found)
    return {tool["app"]: tool["url"] for tool in found}


def test_a_stage_lists_its_tools_with_their_address_and_why(api: Client, alex: Persona) -> None:
    from tests.conftest import pass_safety_check

    pass_safety_check(alex)

    assert tools_of(api, alex, "work_on_myself") == {"checkin": "/checkin/", "journal": "/journal/"}
    assert tools_of(api, alex, "reach_out") == {"coach": "/coach/"}
    assert tools_of(api, alex, "closeness") == {"rituals": "/rituals/"}
    assert tools_of(api, alex, "moving_on") == {"wellbeing": "/wellbeing/"}
    assert tools_of(api, alex, "what_went_wrong") == {}
    space = get_stage(api, alex, "space")["tools"]
    assert space == [
        {"app": "space", "url": "/space/", "why": program().stages["space"].tools[0].why}
    ]


def test_the_safety_gate_keeps_the_tools_towards_contact_out(api: Client, alex: Persona) -> None:
    # Before the safety check: the coach is not offered, the stages it locks list nothing.
    assert tools_of(api, alex, "own_mistakes") == {}
    assert tools_of(api, alex, "closeness") == {}
    assert tools_of(api, alex, "space") == {"space": "/space/"}

    lock_with_an_order(alex)

    for stage_id in RECONNECTION:
        assert tools_of(api, alex, stage_id) == {}, stage_id
    assert tools_of(api, alex, "own_mistakes") == {}
    assert tools_of(api, alex, "dont_go_back") == {"wellbeing": "/wellbeing/"}
