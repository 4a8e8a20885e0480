"""GET /api/v1/program/stages/{stage_id}/exercises/{exercise_id}: an exercise and the user's
own answers to it; and the safety gate on every exercise of a reconnection stage."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from heartwork.program.content import program
from tests.api.conftest import assert_error
from tests.conftest import Persona
from tests.program.steps import (
    CALM,
    JSON,
    RECONNECTION,
    answer,
    answers_for,
    exercise_url,
    lock_with_an_order,
    ready,
    stage_url,
)

STATE_KEYS = {"stage", "status", "exercise", "latest", "entries", "trend", "feeds", "growth"}
SAVED_KEYS = {"id", "stage", "exercise", "answers", "result", "scales", "created_at", "guidance"}

# Every exercise of every reconnection stage, and each stage's ready check.
GATED = [
    (stage.id, exercise.id)
    for stage in program().stages.values()
    if stage.reconnection
    for exercise in stage.exercises
]


def get_exercise(api: Client, persona: Persona, stage_id: str, exercise_id: str) -> dict[str, Any]:
    response = api.get(exercise_url(stage_id, exercise_id), headers=persona.auth)
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body


def every_call(api: Client, persona: Persona, stage_id: str, exercise_id: str) -> list[Any]:
    """Read and answer the exercise, and take the stage's ready check."""
    url = exercise_url(stage_id, exercise_id)
    body = json.dumps({"answers": answers_for(stage_id, exercise_id)})
    return [
        api.get(url, headers=persona.auth),
        api.post(url + "/answers", body, content_type=JSON, headers=persona.auth),
        api.post(
            stage_url(stage_id) + "/done",
            json.dumps({"answers": ready(stage_id)}),
            content_type=JSON,
            headers=persona.auth,
        ),
    ]


# -- what it shows ---------------------------------------------------------------------


def test_an_unanswered_exercise_shows_its_questions_and_no_answers(
    api: Client, alex: Persona
) -> None:
    body = get_exercise(api, alex, "what_went_wrong", "three_columns")

    assert set(body) == STATE_KEYS
    assert (body["stage"], body["status"]) == ("what_went_wrong", "available")
    assert body["exercise"]["id"] == "three_columns"
    assert body["exercise"]["questions"]
    assert (body["latest"], body["entries"], body["trend"]) == (None, None, None)


def test_the_latest_answers_come_back_as_they_were_saved(api: Client, alex: Persona) -> None:
    answer(api, alex, "what_went_wrong", "three_columns")
    saved = answer(api, alex, "what_went_wrong", "three_columns", what_i_did=["I went quiet."])

    latest = get_exercise(api, alex, "what_went_wrong", "three_columns")["latest"]

    assert set(latest) == SAVED_KEYS
    assert latest["id"] == saved["id"]
    assert latest["answers"]["what_i_did"] == ["I went quiet."]


def test_a_log_lists_every_entry_newest_first(api: Client, alex: Persona) -> None:
    first = answer(api, alex, "space", "urge_log", strength=5)
    second = answer(api, alex, "space", "urge_log", strength=2)

    body = get_exercise(api, alex, "space", "urge_log")

    assert [entry["id"] for entry in body["entries"]] == [second["id"], first["id"]]
    assert [entry["answers"]["strength"] for entry in body["entries"]] == [2, 5]
    assert body["latest"]["id"] == second["id"]
    assert body["trend"] is None


def test_a_retaken_scored_check_shows_the_trend_oldest_first(api: Client, alex: Persona) -> None:
    answer(api, alex, "want_them_back", "motive_check", felt_respected=1, earning_approval=5)
    answer(api, alex, "want_them_back", "motive_check")

    body = get_exercise(api, alex, "want_them_back", "motive_check")

    assert [point["result"] for point in body["trend"]] == ["lean_out", "unsure"]
    assert all(set(point) == {"id", "result", "scales", "created_at"} for point in body["trend"])
    assert body["latest"]["result"]["id"] == "unsure"
    assert body["entries"] is None


def test_an_exercise_shows_the_answers_it_starts_from(api: Client, alex: Persona) -> None:
    answer(api, alex, "own_mistakes", "what_i_own", the_act="I read your messages.")

    feeds = get_exercise(api, alex, "own_mistakes", "apology_draft")["feeds"]

    assert [feed["ref"] for feed in feeds] == ["own_mistakes.what_i_own"]
    assert feeds[0]["answers"]["the_act"] == "I read your messages."


def test_a_feed_naming_one_question_shows_only_that_answer(api: Client, alex: Persona) -> None:
    answer(api, alex, "what_went_wrong", "three_columns", what_i_did=["I went quiet."])

    feeds = get_exercise(api, alex, "own_mistakes", "what_i_own")["feeds"]
    column = next(feed for feed in feeds if feed["ref"].endswith(".what_i_did"))

    assert column["answers"] == {"what_i_did": ["I went quiet."]}
    unanswered = next(feed for feed in feeds if feed["ref"] == "work_on_myself.growth_goals")
    assert (unanswered["answers"], unanswered["created_at"]) == (None, None)


def test_another_persons_answers_never_show(api: Client, alex: Persona, sam: Persona) -> None:
    answer(api, alex, "space", "urge_log")
    answer(api, alex, "want_them_back", "motive_check")

    log = get_exercise(api, sam, "space", "urge_log")
    scored = get_exercise(api, sam, "want_them_back", "motive_check")

    assert (log["latest"], log["entries"]) == (None, [])
    assert (scored["latest"], scored["trend"]) == (None, [])


def test_an_unknown_stage_or_exercise_is_not_found(api: Client, alex: Persona) -> None:
    for url in (
        exercise_url("nowhere", "motive_check"),
        exercise_url("want_them_back", "nothing"),
        exercise_url("safety_check", "device"),
    ):
        assert_error(api.get(url, headers=alex.auth), 404, "not_found")


def test_an_exercise_needs_a_login(api: Client, db: None) -> None:
    assert_error(api.get(exercise_url("space", "urge_log")), 401, "unauthorized")


# -- the safety gate -------------------------------------------------------------------


def test_every_reconnection_stage_has_exercises_to_gate() -> None:
    assert {stage_id for stage_id, _ in GATED} == set(RECONNECTION)


@pytest.mark.parametrize(("stage_id", "exercise_id"), GATED)
def test_an_unchecked_account_is_asked_for_the_safety_check_first(
    api: Client, alex: Persona, stage_id: str, exercise_id: str
) -> None:
    for response in every_call(api, alex, stage_id, exercise_id):
        error = assert_error(response, 403, "safety_check_required")
        assert "safety check" in error["message"]


@pytest.mark.parametrize(("stage_id", "exercise_id"), GATED)
def test_a_locked_pair_is_refused_every_reconnection_exercise(
    api: Client, alex: Persona, stage_id: str, exercise_id: str
) -> None:
    lock_with_an_order(alex)

    for response in every_call(api, alex, stage_id, exercise_id):
        error = assert_error(response, 403, "safety_lock")
        assert "will not switch back on with a tap" in error["message"]


@pytest.mark.parametrize(("stage_id", "exercise_id"), GATED)
def test_a_checked_account_reaches_every_reconnection_exercise(
    api: Client, alex_checked: Persona, stage_id: str, exercise_id: str
) -> None:
    read, answered, done = every_call(api, alex_checked, stage_id, exercise_id)

    assert read.status_code == 200, read.content
    assert answered.status_code == 201, answered.content
    assert done.status_code == 200, done.content


def test_a_locked_pair_keeps_every_other_stage(api: Client, alex: Persona) -> None:
    lock_with_an_order(alex)

    for stage in program().stages.values():
        if stage.reconnection or not stage.exercises:
            continue
        exercise_id = stage.exercises[0].id
        read, answered, _done = every_call(api, alex, stage.id, exercise_id)
        assert read.status_code == 200, (stage.id, read.content)
        assert answered.status_code == 201, (stage.id, answered.content)


# -- show_if, and what each question allows ------------------------------------------------


def applies(api: Client, persona: Persona) -> dict[str, bool]:
    response = api.get(stage_url("betrayal"), headers=persona.auth)
    assert response.status_code == 200, response.content
    return {found["id"]: found["applies"] for found in response.json()["exercises"]}


def test_the_betrayal_exercises_apply_to_the_role_given(api: Client, alex: Persona) -> None:
    assert set(applies(api, alex).values()) == {True}  # nothing answered: all of them

    answer(api, alex, "betrayal", "my_role", role="betrayed")

    assert applies(api, alex) == {
        "my_role": True,
        "honest_account": False,
        "trust_timeline": False,
        "what_i_need": True,
        "triggers": True,
        "forgive_pace": True,
    }
    hidden = get_exercise(api, alex, "betrayal", "honest_account")["exercise"]
    assert (hidden["applies"], hidden["show_if"]) == (
        False,
        ["betrayal.my_role.role in [broke, both]"],
    )
    assert get_exercise(api, alex, "betrayal", "triggers")["exercise"]["applies"] is True


def test_once_a_reply_or_silence_is_logged_the_first_message_is_put_away(
    api: Client, alex_checked: Persona
) -> None:
    ready_now = CALM["reach_out"]["readiness"]
    answer(api, alex_checked, "reach_out", "readiness", **ready_now)
    answer(api, alex_checked, "reach_out", "first_message")
    answer(api, alex_checked, "reach_out", "response_log", response="no_reply")

    message = get_exercise(api, alex_checked, "reach_out", "first_message")["exercise"]
    assert message["applies"] is False
    # Feeling ready again does not lead to a second message.
    assert answer(api, alex_checked, "reach_out", "readiness", **ready_now)["result"]["id"] == (
        "ready"
    )
    after = api.get("/api/v1/program", headers=alex_checked.auth).json()["next"]
    assert (after["stage"], after["exercise"]) != ("reach_out", "first_message")

    answer(api, alex_checked, "reach_out", "response_log", response="open")
    assert get_exercise(api, alex_checked, "reach_out", "first_message")["exercise"]["applies"]


def test_a_question_says_what_it_allows(api: Client, alex: Persona) -> None:
    def questions(stage_id: str, exercise_id: str) -> dict[str, dict[str, Any]]:
        found = get_exercise(api, alex, stage_id, exercise_id)["exercise"]["questions"]
        return {q["id"]: q for q in found}

    week = questions("space", "week_check")["days_since_contact"]
    plan = questions("space", "cool_down_plan")
    motive = questions("want_them_back", "motive_check")

    assert (week["type"], week["min"], week["max"], week["unit"]) == ("number", 0, 3650, "days")
    assert week["not_future"] is None and week["allow_na"] is False
    assert (plan["last_contact_on"]["type"], plan["last_contact_on"]["not_future"]) == (
        "date",
        True,
    )
    assert plan["ends_on"]["not_future"] is None
    assert plan["asked_for_space"]["min"] is None
    assert (motive["miss_plans"]["allow_na"], motive["start_over"]["allow_na"]) == (True, False)
    blocked = next(o for o in plan["asked_for_space"]["options"] if o["id"] == "blocked")
    assert blocked["guidance"]
    assert questions("space", "urge_log")["practical"]["ask_if"] == (
        "space.cool_down_plan.needed_contact == yes"
    )


# -- the growth summary ------------------------------------------------------------------------


def test_a_growth_exercise_carries_what_you_did(api: Client, alex: Persona) -> None:
    from heartwork.journal.services import create_entry

    body = get_exercise(api, alex, "moving_on", "growth_summary")
    assert body["exercise"]["summary"] == "growth"
    assert body["growth"] == []  # someone new: nothing yet, and no error

    create_entry(user=alex.user, title="Evening", body="I went for a walk.")
    answer(api, alex, "moving_on", "what_it_taught_me")

    for stage_id, exercise_id in (("moving_on", "growth_summary"), ("dont_go_back", "look_back")):
        growth = get_exercise(api, alex, stage_id, exercise_id)["growth"]
        assert growth == [
            {
                "id": "program_exercises",
                "value": 1,
                "text": "You worked through one exercise in the program.",
            },
            {"id": "journal_entries", "value": 1, "text": "You wrote in your journal once."},
        ]


def test_other_exercises_have_no_growth_summary(api: Client, alex: Persona) -> None:
    body = get_exercise(api, alex, "moving_on", "what_it_taught_me")

    assert body["growth"] is None
    assert body["exercise"]["summary"] is None
