"""POST /api/v1/program/stages/{stage_id}/exercises/{exercise_id}/answers: save one set of
answers, checked, scored, encrypted, and read by the safety net."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heartwork.program.models import ExerciseAnswer
from heartwork.safety.gate import reconnection_block
from heartwork.safety.selectors import highest_level
from tests.api.conftest import ANALYSIS_KEYS, ANALYZE_URL, JSON, assert_error, assert_error_shape
from tests.conftest import Persona
from tests.program.steps import (
    ANSWER_KEYS,
    LEAN_OUT,
    answer,
    answers_for,
    exercise_url,
    post_answers,
    statuses,
)

SECRET = "the quokka-shaped secret about Zanzibar"


def coach(api: Client, persona: Persona) -> Any:
    return api.post(
        ANALYZE_URL, {"text": "Hi, I hope you are well."}, content_type=JSON, headers=persona.auth
    )


# -- what comes back -------------------------------------------------------------------


def test_saved_answers_come_back_with_the_documented_fields(api: Client, alex: Persona) -> None:
    body = answer(api, alex, "what_went_wrong", "three_columns", what_i_did=["  I went quiet. "])

    assert set(body) == ANSWER_KEYS
    uuid.UUID(body["id"])
    datetime.fromisoformat(body["created_at"])
    assert (body["stage"], body["exercise"]) == ("what_went_wrong", "three_columns")
    assert body["answers"]["what_i_did"] == ["I went quiet."]
    assert (body["result"], body["scales"], body["coach"]) == (None, None, None)


def test_a_scored_exercise_comes_back_with_its_result_explained_and_its_scales(
    api: Client, alex: Persona
) -> None:
    body = answer(api, alex, "want_them_back", "motive_check", **LEAN_OUT)

    assert set(body["result"]) == {"id", "title", "explain"}
    assert body["result"]["id"] == "lean_out"
    assert body["result"]["explain"]
    assert body["scales"]["respect"] == 0
    assert all(0 <= value <= 100 for value in body["scales"].values())


def test_every_save_is_a_new_entry(api: Client, alex: Persona) -> None:
    first = answer(api, alex, "space", "urge_log")
    second = answer(api, alex, "space", "urge_log")

    assert first["id"] != second["id"]
    assert ExerciseAnswer.objects.filter(user=alex.user).count() == 2


def test_a_follow_up_that_was_not_asked_is_dropped(api: Client, alex: Persona) -> None:
    body = answer(api, alex, "space", "cool_down_plan", needed_contact="no")

    assert "needed_contact_rule" not in body["answers"]


# -- refused input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changed", "field"),
    [
        ({"felt_respected": 9}, "answers.felt_respected"),
        ({"felt_respected": "3"}, "answers.felt_respected"),
        ({"happy_often": "always"}, "answers.happy_often"),
        ({"not_a_question": 1}, "answers.not_a_question"),
        ({"growing": None}, "answers.growing"),
    ],
)
def test_a_bad_answer_is_refused_naming_the_question(
    api: Client, alex: Persona, changed: dict[str, Any], field: str
) -> None:
    answers = answers_for("want_them_back", "motive_check", **changed)

    response = post_answers(api, alex, "want_them_back", "motive_check", answers)

    error = assert_error(response, 422, "invalid", field)
    assert error["message"].startswith(f"{field}: ")
    assert not ExerciseAnswer.objects.exists()


def test_a_missing_answer_is_refused_naming_the_question(api: Client, alex: Persona) -> None:
    answers = answers_for("want_them_back", "motive_check")
    del answers["miss_who"]

    response = post_answers(api, alex, "want_them_back", "motive_check", answers)

    error = assert_error(response, 422, "invalid", "answers.miss_who")
    assert "needs an answer" in error["message"]


def test_an_unknown_field_beside_the_answers_is_refused(api: Client, alex: Persona) -> None:
    response = api.post(
        exercise_url("space", "urge_log") + "/answers",
        json.dumps({"answers": answers_for("space", "urge_log"), "mood": "ok"}),
        content_type=JSON,
        headers=alex.auth,
    )

    assert_error(response, 422, "invalid", "mood")


def test_answers_that_are_not_an_object_are_refused(api: Client, alex: Persona) -> None:
    response = post_answers(api, alex, "space", "urge_log", ["strength", 3])

    assert_error(response, 422, "invalid", "answers")


def test_answering_an_unknown_exercise_is_not_found(api: Client, alex: Persona) -> None:
    assert_error(post_answers(api, alex, "space", "nothing", {}), 404, "not_found")
    assert_error(post_answers(api, alex, "nowhere", "urge_log", {}), 404, "not_found")


fuzzing = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


@fuzzing
@given(
    answers=st.dictionaries(
        st.sampled_from(["trigger", "strength", "wanted", "acted", "other"]), values, max_size=5
    )
)
def test_any_json_answers_never_fail_on_our_side(
    api: Client, alex: Persona, answers: dict[str, Any]
) -> None:
    response = post_answers(api, alex, "space", "urge_log", answers)

    assert response.status_code in {201, 422}, response.content
    if response.status_code == 422:
        assert_error_shape(response)


# -- privacy and safety ----------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_answers_are_stored_encrypted(api: Client, alex: Persona) -> None:
    answer(api, alex, "what_went_wrong", "three_columns", what_i_did=[SECRET])

    image = connection.connection.serialize()

    assert b"program_exerciseanswer" in image
    for marker in ("quokka", "Zanzibar", "what_i_did"):
        assert marker.encode() not in image
        assert marker.encode("utf-16-le") not in image


def test_a_free_text_answer_about_strangulation_raises_the_safety_level(
    api: Client, alex_checked: Persona
) -> None:
    answer(
        api,
        alex_checked,
        "what_went_wrong",
        "three_columns",
        what_they_did=["They strangled me last year, and I still think about it."],
    )

    assert highest_level(alex_checked.user) == "high_danger"
    assert statuses(api, alex_checked)["reach_out"] == "locked"


@pytest.mark.parametrize("option", ["asked_no_contact", "blocked"])
def test_saying_they_asked_for_no_contact_locks_coaching(
    api: Client, alex_checked: Persona, option: str
) -> None:
    answer(api, alex_checked, "space", "cool_down_plan", asked_for_space=option)

    block = reconnection_block(alex_checked.user)
    assert block is not None and block.code == "safety_lock"
    assert_error(coach(api, alex_checked), 403, "safety_lock")
    assert statuses(api, alex_checked)["reach_out"] == "locked"


def test_asking_only_for_space_leaves_coaching_open(api: Client, alex_checked: Persona) -> None:
    answer(api, alex_checked, "space", "cool_down_plan", asked_for_space="asked_space")

    assert reconnection_block(alex_checked.user) is None
    assert coach(api, alex_checked).status_code == 200


def test_a_readiness_check_saying_no_contact_is_wanted_locks_coaching(
    api: Client, alex_checked: Persona
) -> None:
    body = answer(api, alex_checked, "reach_out", "readiness", welcome="yes")

    assert body["result"]["id"] == "stop"
    assert_error(coach(api, alex_checked), 403, "safety_lock")


def test_not_being_sure_whether_contact_is_welcome_asks_for_the_check_again(
    api: Client, alex_checked: Persona
) -> None:
    answer(api, alex_checked, "reach_out", "readiness", welcome="not_sure")

    block = reconnection_block(alex_checked.user)
    assert block is not None and block.code == "safety_check_required"
    assert "contact" in block.screens
    assert_error(coach(api, alex_checked), 403, "safety_check_required")


def test_logging_that_they_said_no_locks_coaching(api: Client, alex_checked: Persona) -> None:
    answer(api, alex_checked, "reach_out", "response_log", response="said_no")

    assert_error(coach(api, alex_checked), 403, "safety_lock")
    assert statuses(api, alex_checked)["reach_out"] == "locked"


# -- the message coach -----------------------------------------------------------------


def test_a_message_exercise_comes_back_with_the_coachs_analysis(
    api: Client, alex_checked: Persona
) -> None:
    draft = "I'm sorry, but you made me so angry."

    body = answer(api, alex_checked, "own_mistakes", "apology_draft", apology=draft)

    assert set(body["coach"]) == ANALYSIS_KEYS
    assert body["coach"]["kind"] == "apology"
    assert body["coach"]["verdict"] in {"revise", "hold"}
    stored = ExerciseAnswer.objects.get(pk=body["id"])
    assert stored.answers["apology"] == draft
    assert "verdict" not in stored.data


def test_the_coach_stays_off_until_the_safety_check(api: Client, alex: Persona) -> None:
    body = answer(api, alex, "own_mistakes", "apology_draft", apology="I'm sorry I shouted.")

    assert body["coach"] is None
    assert body["answers"]["apology"] == "I'm sorry I shouted."


# -- numbers, dates, "does not apply", guidance, follow-ups on other exercises -------------


@pytest.mark.parametrize(
    ("exercise_id", "changed", "field"),
    [
        ("week_check", {"days_since_contact": -1}, "days_since_contact"),
        ("week_check", {"days_since_contact": "12"}, "days_since_contact"),
        ("week_check", {"days_since_contact": 1.5}, "days_since_contact"),
        ("cool_down_plan", {"last_contact_on": "2999-01-01"}, "last_contact_on"),
        ("cool_down_plan", {"last_contact_on": "01/05/2024"}, "last_contact_on"),
        ("cool_down_plan", {"ends_on": "2025-02-30"}, "ends_on"),
    ],
)
def test_a_bad_number_or_date_is_refused_naming_the_question(
    api: Client, alex: Persona, exercise_id: str, changed: dict[str, Any], field: str
) -> None:
    response = post_answers(
        api, alex, "space", exercise_id, answers_for("space", exercise_id, **changed)
    )

    error = assert_error(response, 422, "invalid", f"answers.{field}")
    assert error["message"].startswith(f"answers.{field}: ")
    assert not ExerciseAnswer.objects.filter(user=alex.user).exists()


def test_numbers_and_dates_are_saved_as_given(api: Client, alex: Persona) -> None:
    week = answer(api, alex, "space", "week_check", days_since_contact=21)
    plan = answer(api, alex, "space", "cool_down_plan", last_contact_on="2024-02-29")

    assert week["answers"]["days_since_contact"] == 21
    assert plan["answers"]["last_contact_on"] == "2024-02-29"


def test_does_not_apply_is_saved_and_left_out_of_the_score(api: Client, alex: Persona) -> None:
    both = answer(api, alex, "want_them_back", "motive_check", miss_plans=5, start_over=3)
    alone = answer(api, alex, "want_them_back", "motive_check", miss_plans="na", start_over=3)

    assert alone["answers"]["miss_plans"] == "na"
    assert (both["scales"]["future"], alone["scales"]["future"]) == (75, 50)
    response = post_answers(
        api,
        alex,
        "want_them_back",
        "motive_check",
        answers_for("want_them_back", "motive_check", start_over="na"),
    )
    assert_error(response, 422, "invalid", "answers.start_over")


def test_saved_answers_come_back_with_the_guidance_of_the_options_chosen(
    api: Client, alex_checked: Persona
) -> None:
    body = answer(api, alex_checked, "reach_out", "response_log", response="not_yet")

    [guidance] = body["guidance"]
    assert (guidance["question"], guidance["option"]) == ("response", "not_yet")
    assert "Do not ask when" in guidance["text"]
    latest = api.get(exercise_url("reach_out", "response_log"), headers=alex_checked.auth).json()
    assert latest["latest"]["guidance"] == body["guidance"]
    assert answer(api, alex_checked, "space", "urge_log")["guidance"] == []


def test_a_follow_up_on_another_exercise_follows_the_newest_answer_there(
    api: Client, alex: Persona
) -> None:
    entry = {k: v for k, v in answers_for("space", "urge_log").items() if k != "practical"}

    assert post_answers(api, alex, "space", "urge_log", entry).status_code == 201
    answer(api, alex, "space", "cool_down_plan", needed_contact="yes")
    assert_error(
        post_answers(api, alex, "space", "urge_log", entry), 422, "invalid", "answers.practical"
    )
    assert answer(api, alex, "space", "urge_log", practical="yes")["answers"]["practical"] == "yes"
    answer(api, alex, "space", "cool_down_plan", needed_contact="no")
    dropped = answer(api, alex, "space", "urge_log", practical="yes")
    assert "practical" not in dropped["answers"]
