"""Helpers shared by the program tests (API and progress); nothing here is a fixture."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.test import Client

from heartwork.program.content import program
from heartwork.program.schema import Exercise, Question
from heartwork.safety.services import record_screen
from tests.conftest import Persona, answer_all, pass_safety_check

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

JSON = "application/json"
PROGRAM_URL = "/api/v1/program"
RECONNECTION = ("reach_out", "show_change", "closeness", "agreements")
STATE_KEYS = {"id", "title", "status", "locked_reason", "hard"}
NEXT_KEYS = {"stage", "exercise", "why"}
SAVED = ("id", "stage", "exercise", "answers", "result", "scales", "created_at", "guidance")
ANSWER_KEYS = {*SAVED, "coach"}
# The strongest lean-out answers to the motive check: no respect at all.
LEAN_OUT = {"felt_respected": 1, "earning_approval": 5}
# The strongest lean-out answer to the five signs: one person carrying it all.
SIGNS_LEAN_OUT = {"who_carries": "only_me"}
# A person with nothing worrying to report and ready to reach out, where the first option
# or a middle answer would say otherwise (and, rightly, keep recommending a step: the
# safety check again, or waiting), so that the map can end with nothing left to do.
CALM: dict[str, dict[str, dict[str, Any]]] = {
    "work_on_myself": {"partner_i_was": {"scared_them": "no", "jealous": "no"}},
    "reach_out": {"readiness": {"ok_silence": 5, "ok_no": 5, "calm_now": 5}},
    "agreements": {"time_outs": {"feel_afraid": "no"}},
    "dont_go_back": {"hoovering": {"threats": "no", "turning_up": "no"}},
}


def stage_url(stage_id: str) -> str:
    return f"{PROGRAM_URL}/stages/{stage_id}"


def exercise_url(stage_id: str, exercise_id: str) -> str:
    return f"{stage_url(stage_id)}/exercises/{exercise_id}"


def exercise(stage_id: str, exercise_id: str) -> Exercise:
    found = program().exercise(stage_id, exercise_id)
    assert found is not None, f"{stage_id}.{exercise_id}"
    return found


def _one(exercise: Exercise, q: Question) -> Any:
    if q.type == "text":
        return ["One thing I noticed."] if exercise.type == "columns" else "A few honest words."
    if q.type == "scale":
        return 3
    if q.type == "number":
        return q.min
    if q.type == "date":
        return "2024-05-01"
    if q.type == "yes_no":
        return "yes"
    if q.type == "multi":
        return [q.options[0].id]
    return q.options[0].id


def answers_for(stage_id: str, exercise_id: str, **changed: Any) -> dict[str, Any]:
    """An answer to every question (follow-ups too: those not asked are dropped), the first
    option or a middle value, with some changed."""
    found = exercise(stage_id, exercise_id)
    answers = {q.id: _one(found, q) for q in found.questions}
    answers.update(changed)
    return answers


def post_answers(
    api: Client, persona: Persona, stage_id: str, exercise_id: str, answers: Any
) -> Any:
    return api.post(
        exercise_url(stage_id, exercise_id) + "/answers",
        json.dumps({"answers": answers}),
        content_type=JSON,
        headers=persona.auth,
    )


def answer(
    api: Client, persona: Persona, stage_id: str, exercise_id: str, **changed: Any
) -> dict[str, Any]:
    """Answer an exercise through the API (valid answers, some changed); the 201 body."""
    response = post_answers(
        api, persona, stage_id, exercise_id, answers_for(stage_id, exercise_id, **changed)
    )
    assert response.status_code == 201, response.content
    body: dict[str, Any] = response.json()
    return body


def ready(stage_id: str, answer: str = "yes", **changed: str) -> dict[str, str]:
    stage = program().stages[stage_id]
    answers = {item.id: answer for item in stage.ready_check}
    answers.update(changed)
    return answers


def post_done(api: Client, persona: Persona, stage_id: str, answers: Any) -> Response:
    return api.post(
        stage_url(stage_id) + "/done",
        json.dumps({"answers": answers}),
        content_type=JSON,
        headers=persona.auth,
    )


def get_program(api: Client, persona: Persona) -> dict[str, Any]:
    response = api.get(PROGRAM_URL, headers=persona.auth)
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body


def statuses(api: Client, persona: Persona) -> dict[str, str]:
    return {stage["id"]: stage["status"] for stage in get_program(api, persona)["stages"]}


def lock_with_an_order(persona: Persona) -> None:
    """A red pair: checked, then the contact screen answered with a court order."""
    partner = pass_safety_check(persona)
    record_screen(
        user=persona.user,
        screen_id="contact",
        answers=answer_all("contact", order="yes"),
        partner=partner,
    )
