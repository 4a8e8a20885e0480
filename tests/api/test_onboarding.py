"""/api/v1/onboarding: the situation questions, the answers, and the personal plan."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from heartwork.program.content import program
from heartwork.program.models import ExerciseAnswer, StageMark
from heartwork.program.schema import RECONNECTION_STAGES, STAGE_IDS
from heartwork.safety.gate import reconnection_block
from heartwork.wellbeing.models import Take
from heartwork.wellbeing.questions import load_checks
from tests.api.conftest import JSON, assert_error
from tests.conftest import Persona
from tests.program.steps import get_program

ONBOARDING_URL = "/api/v1/onboarding"
SITUATION_URL = f"{ONBOARDING_URL}/situation"
STEP_KEYS = {"stage", "why", "locked", "hard", "locked_reason"}
ANSWERS = {
    "standing": "apart",
    "who_ended": "both",
    "since_when": "three_to_twelve_months",
    "last_contact": "this_month",
    "betrayal": "none",
    "asked_for_space": "not_asked",
}


def post(api: Client, persona: Persona, body: Any) -> Any:
    return api.post(SITUATION_URL, json.dumps(body), content_type=JSON, headers=persona.auth)


def answer(api: Client, persona: Persona, **changed: str) -> dict[str, Any]:
    response = post(api, persona, {"answers": {**ANSWERS, **changed}})
    assert response.status_code == 201, response.content
    body: dict[str, Any] = response.json()
    return body


def get(api: Client, persona: Persona) -> dict[str, Any]:
    response = api.get(ONBOARDING_URL, headers=persona.auth)
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body


def plan_stages(body: dict[str, Any]) -> list[str]:
    return [step["stage"] for step in body["plan"]]


def take_check(api: Client, persona: Persona, check_id: str) -> None:
    items = api.get(f"/api/v1/wellbeing/{check_id}", headers=persona.auth).json()["items"]
    response = api.post(
        f"/api/v1/wellbeing/{check_id}",
        json.dumps({"answers": {item["id"]: 3 for item in items}}),
        content_type=JSON,
        headers=persona.auth,
    )
    assert response.status_code == 201, response.content


# -- reading ---------------------------------------------------------------------------


def test_before_any_answer_there_is_no_situation_and_the_plan_starts_with_safety(
    api: Client, alex: Persona
) -> None:
    body = get(api, alex)

    assert set(body) == {"situation", "plan", "wellbeing_due"}
    assert body["situation"] is None
    assert body["plan"][0]["stage"] == "safety_check"
    for step in body["plan"]:
        assert set(step) == STEP_KEYS
        assert step["stage"] in STAGE_IDS
        assert step["why"]
        assert step["locked"] == (step["locked_reason"] is not None)


def test_the_well_being_checks_are_due_at_the_start_and_again_every_few_weeks(
    api: Client, alex: Persona
) -> None:
    checks = load_checks()
    at_start = get(api, alex)["wellbeing_due"]
    assert at_start == [
        {"id": check.id, "title": check.title, "taken_before": False} for check in checks.checks
    ]

    take_check(api, alex, "relationship")
    assert [due["id"] for due in get(api, alex)["wellbeing_due"]] == ["personal"]
    take_check(api, alex, "personal")
    assert get(api, alex)["wellbeing_due"] == []

    Take.objects.filter(user=alex.user, check_id="personal").update(
        created_at=timezone.now() - checks.interval - timedelta(hours=1)
    )
    personal = checks.get("personal")
    assert personal is not None
    again = get(api, alex)["wellbeing_due"]
    assert again == [{"id": "personal", "title": personal.title, "taken_before": True}]


def test_the_questions_come_with_their_options_and_the_latest_answers(
    api: Client, alex: Persona
) -> None:
    questions = program().onboarding
    assert questions is not None

    response = api.get(SITUATION_URL, headers=alex.auth)

    assert response.status_code == 200
    body = response.json()
    assert body["answers"] is None
    assert body["questions"]["id"] == "situation"
    listed = {q["id"]: [o["id"] for o in q["options"]] for q in body["questions"]["questions"]}
    assert listed == {q.id: [o.id for o in q.options] for q in questions.questions}

    answer(api, alex)
    assert api.get(SITUATION_URL, headers=alex.auth).json()["answers"] == ANSWERS


# -- answering -------------------------------------------------------------------------


def test_answering_returns_the_situation_and_the_updated_plan(
    api: Client, alex_checked: Persona
) -> None:
    body = answer(api, alex_checked, asked_for_space="asked_space", notes="  Still friends.  ")

    assert body["situation"] == {
        **ANSWERS,
        "asked_for_space": "asked_space",
        "notes": "Still friends.",
    }
    assert body["plan"][0]["stage"] == "space"
    assert get(api, alex_checked) == body


def test_the_plan_starts_where_the_program_says_to_go_next(
    api: Client, alex_checked: Persona
) -> None:
    for changed in ({"betrayal": "broke"}, {"who_ended": "them"}, {"since_when": "this_week"}):
        body = answer(api, alex_checked, **changed)
        next_step = get_program(api, alex_checked)["next"]
        first_open = next(step for step in body["plan"] if not step["locked"])
        assert first_open["stage"] == next_step["stage"], changed
        assert first_open["why"] == next_step["why"]


def test_onboarding_never_shows_as_a_stage_of_the_program(
    api: Client, alex_checked: Persona
) -> None:
    answer(api, alex_checked, who_ended="them")

    program_body = get_program(api, alex_checked)

    assert "onboarding" not in [stage["id"] for stage in program_body["stages"]]
    assert program_body["next"]["stage"] != "onboarding"
    assert not StageMark.objects.filter(stage="onboarding").exists()
    missing = api.get("/api/v1/program/stages/onboarding", headers=alex_checked.auth)
    assert_error(missing, 404, "not_found")


def test_a_no_contact_answer_locks_contact_and_leads_to_the_safe_path(
    api: Client, alex_checked: Persona
) -> None:
    body = answer(api, alex_checked, asked_for_space="asked_no_contact")

    assert plan_stages(body)[:2] == ["dont_go_back", "moving_on"]
    closed = [step for step in body["plan"] if step["stage"] in RECONNECTION_STAGES]
    assert len(closed) == len(RECONNECTION_STAGES)
    assert all(step["locked"] and "no contact" in step["locked_reason"] for step in closed)
    block = reconnection_block(alex_checked.user)
    assert block is not None and block.code == "safety_lock"
    statuses = {stage["id"]: stage["status"] for stage in get_program(api, alex_checked)["stages"]}
    assert {statuses[stage] for stage in RECONNECTION_STAGES} == {"locked"}


def test_every_answer_is_kept_and_the_newest_counts(api: Client, alex: Persona) -> None:
    answer(api, alex, standing="together")
    answer(api, alex, standing="on_break")

    assert get(api, alex)["situation"]["standing"] == "on_break"
    assert ExerciseAnswer.objects.filter(user=alex.user, stage="onboarding").count() == 2


# -- refused input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changed", "field"),
    [
        ({"standing": "married"}, "answers.standing"),
        ({"who_ended": 3}, "answers.who_ended"),
        ({"notes": "x" * 5001}, "answers.notes"),
        ({"notes": ["a", "list"]}, "answers.notes"),
        ({"favourite_colour": "blue"}, "answers.favourite_colour"),
    ],
)
def test_a_bad_answer_is_refused_naming_the_question(
    api: Client, alex: Persona, changed: dict[str, Any], field: str
) -> None:
    response = post(api, alex, {"answers": {**ANSWERS, **changed}})

    error = assert_error(response, 422, "invalid", field)
    assert error["message"].startswith(f"{field}: ")
    assert not ExerciseAnswer.objects.exists()


def test_a_missing_answer_is_refused_naming_the_question(api: Client, alex: Persona) -> None:
    answers = dict(ANSWERS)
    del answers["betrayal"]

    response = post(api, alex, {"answers": answers})

    error = assert_error(response, 422, "invalid", "answers.betrayal")
    assert "needs an answer" in error["message"]


def test_an_unknown_field_beside_the_answers_is_refused(api: Client, alex: Persona) -> None:
    response = post(api, alex, {"answers": ANSWERS, "plan": []})

    assert_error(response, 422, "invalid", "plan")


@pytest.mark.parametrize("body", [[], "text", None, {"answers": ["standing"]}])
def test_a_body_that_is_not_answers_is_refused(api: Client, alex: Persona, body: Any) -> None:
    response = post(api, alex, body)

    assert response.status_code in (400, 422)
    assert_error(response, response.status_code)
    assert not ExerciseAnswer.objects.exists()


# -- privacy ---------------------------------------------------------------------------


def test_nobody_else_sees_your_situation(api: Client, alex: Persona, sam: Persona) -> None:
    answer(api, sam, asked_for_space="blocked", notes="sam's own words")

    body = get(api, alex)

    assert body["situation"] is None
    assert not any(
        step["locked"] and "no contact" in step["locked_reason"] for step in body["plan"]
    )


def test_it_needs_credentials(api: Client, db: None) -> None:
    assert_error(api.get(ONBOARDING_URL), 401, "unauthorized")
    assert_error(
        api.post(SITUATION_URL, json.dumps({"answers": ANSWERS}), content_type=JSON),
        401,
        "unauthorized",
    )
