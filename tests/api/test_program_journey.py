"""The whole program through the API, call by call, the way a client app would go.

A new account signs up and gets a token, tells its situation, names a partner and answers
the safety check's screens, takes the two well-being checks its onboarding lists, then
fetches and answers every exercise of every stage and branch (both sides of the betrayal
branch) and passes each ready check, until GET /api/v1/program shows everything done.

And the other roads: leaning out (on the motive check or the five signs) sends it to
dont_go_back and moving_on, with the reconnection stages paused and explained; a red
safety answer locks them hard, explained, while both ways of moving on stay open.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from heartwork.accounts.models import User
from heartwork.program import selectors
from heartwork.program.content import program
from heartwork.program.schema import RECONNECTION_STAGES
from heartwork.safety.gate import reconnection_block
from tests.api.conftest import JSON, SIGNUP_URL, TOKEN_URL
from tests.conftest import SITUATION, Persona, answer_all
from tests.program.steps import (
    CALM,
    LEAN_OUT,
    SIGNS_LEAN_OUT,
    answer,
    exercise_url,
    get_program,
    post_done,
    ready,
    stage_url,
    statuses,
)

PASSWORD = "a long and careful passphrase 42"
AWAY = ("dont_go_back", "moving_on")
SCREENS = ("device", "mood", "contact", "harm", "mirror")


def post(api: Client, persona: Persona, url: str, body: object) -> Any:
    return api.post(url, json.dumps(body), content_type=JSON, headers=persona.auth)


def start(api: Client, email: str, **contact: str) -> Persona:
    """Sign up, get a token, tell the situation, name a partner and answer every screen of
    the safety check (the contact screen with ``contact``); the new account."""
    credentials = json.dumps({"email": email, "password": PASSWORD})
    assert api.post(SIGNUP_URL, credentials, content_type=JSON).status_code == 201
    token = api.post(TOKEN_URL, credentials, content_type=JSON).json()["token"]
    persona = Persona(user=User.objects.get(email=email), password=PASSWORD, token=token)

    told = post(api, persona, "/api/v1/onboarding/situation", {"answers": SITUATION})
    assert told.status_code == 201, told.content
    assert get_program(api, persona)["next"]["stage"] == "safety_check"

    assert post(api, persona, "/api/v1/partners", {"name": "Jo"}).status_code == 201
    for screen_id in SCREENS:
        answers = answer_all(screen_id, **(contact if screen_id == "contact" else {}))
        response = post(api, persona, f"/api/v1/safety/screens/{screen_id}", {"answers": answers})
        assert response.status_code == 200, (screen_id, response.content)
    return persona


def answer_stage(api: Client, persona: Persona, stage_id: str, **changed: Any) -> list[str]:
    """Fetch the stage, then fetch each exercise and answer it when it applies (the answers
    so far decide: show_if); the ids answered."""
    stage = api.get(stage_url(stage_id), headers=persona.auth)
    assert stage.status_code == 200, (stage_id, stage.content)
    answered = []
    for listed in stage.json()["exercises"]:
        fetched = api.get(exercise_url(stage_id, listed["id"]), headers=persona.auth)
        assert fetched.status_code == 200, (stage_id, listed["id"], fetched.content)
        assert fetched.json()["exercise"]["questions"], (stage_id, listed["id"])
        if not fetched.json()["exercise"]["applies"]:
            continue  # this exercise is for another situation
        answer(api, persona, stage_id, listed["id"], **changed.get(listed["id"], {}))
        answered.append(listed["id"])
    return answered


def finish(api: Client, persona: Persona, stage_id: str) -> None:
    response = post_done(api, persona, stage_id, ready(stage_id))
    assert response.status_code == 200, (stage_id, response.content)
    assert response.json() == {"done": True, "not_yet": []}, stage_id


def test_a_new_account_can_go_through_every_stage_and_branch_through_the_api(
    api: Client, db: None
) -> None:
    persona = start(api, "riley@example.org")
    assert reconnection_block(persona.user) is None
    assert statuses(api, persona)["safety_check"] == "done"

    # The well-being checks are due at the start: take each one the onboarding lists.
    due = api.get("/api/v1/onboarding", headers=persona.auth).json()["wellbeing_due"]
    assert [check["taken_before"] for check in due] == [False, False]
    for check in due:
        items = api.get(f"/api/v1/wellbeing/{check['id']}", headers=persona.auth).json()["items"]
        taken = post(
            api,
            persona,
            f"/api/v1/wellbeing/{check['id']}",
            {"answers": {item["id"]: 3 for item in items}},
        )
        assert taken.status_code == 201, taken.content
    assert api.get("/api/v1/onboarding", headers=persona.auth).json()["wellbeing_due"] == []

    content = program()
    for stage in content.stages.values():
        if stage.external:
            continue
        if stage.id == "betrayal":
            # Both sides: the exercises for one who broke the trust, then for one betrayed.
            broke = answer_stage(api, persona, stage.id, my_role={"role": "broke"})
            betrayed = answer_stage(api, persona, stage.id, my_role={"role": "betrayed"})
            assert set(broke) & set(betrayed) == {"my_role"}
            assert set(broke) | set(betrayed) == {e.id for e in stage.exercises}
        else:
            answered = answer_stage(api, persona, stage.id, **CALM.get(stage.id, {}))
            assert answered == [e.id for e in stage.exercises], stage.id
        finish(api, persona, stage.id)

    body = get_program(api, persona)
    assert {state["status"] for state in body["stages"]} == {"done"}
    assert body["next"] is None  # nothing left to recommend
    saved = {(row.stage, row.exercise) for row in selectors.answers_of(persona.user)}
    assert {(s.id, e.id) for s in content.stages.values() for e in s.exercises} <= saved

    summary = api.get(exercise_url("moving_on", "growth_summary"), headers=persona.auth).json()
    assert {"program_exercises", "program_stages"} <= {item["id"] for item in summary["growth"]}


@pytest.mark.parametrize(
    ("stage_id", "exercise_id", "answers"),
    [
        ("want_them_back", "motive_check", LEAN_OUT),
        ("can_it_be_saved", "five_signs", SIGNS_LEAN_OUT),
    ],
)
def test_leaning_out_leads_to_moving_on_with_the_reconnection_stages_paused_and_explained(
    api: Client, db: None, stage_id: str, exercise_id: str, answers: dict[str, Any]
) -> None:
    persona = start(api, "sam@example.org")

    saved = answer(api, persona, stage_id, exercise_id, **answers)
    assert saved["result"]["id"] == "lean_out"
    assert saved["result"]["explain"]

    body = get_program(api, persona)
    assert body["next"]["stage"] == "dont_go_back"
    assert body["next"]["why"]
    why = next(
        rule.why
        for rule in program().stages["reach_out"].pause_when
        if rule.if_[0].startswith(f"{stage_id}.")
    )
    for state in body["stages"]:
        if state["id"] in RECONNECTION_STAGES:
            assert (state["status"], state["hard"]) == ("locked", False), state
            assert state["locked_reason"] == why

    for away in AWAY:
        assert answer_stage(api, persona, away, **CALM.get(away, {}))
        finish(api, persona, away)
    found = statuses(api, persona)
    assert {found[away] for away in AWAY} == {"done"}
    assert {found[stage] for stage in RECONNECTION_STAGES} == {"locked"}


def test_a_red_safety_answer_locks_the_reconnection_stages_hard_and_explains_why(
    api: Client, db: None
) -> None:
    persona = start(api, "kai@example.org", order="yes")
    block = reconnection_block(persona.user)
    assert block is not None and block.code == "safety_lock"

    body = get_program(api, persona)
    assert body["next"]["stage"] in AWAY
    for state in body["stages"]:
        if state["id"] in RECONNECTION_STAGES:
            assert (state["status"], state["hard"]) == ("locked", True), state
            assert state["locked_reason"] == block.message
            first = program().stages[state["id"]].exercises[0].id
            refused = post(
                api, persona, exercise_url(state["id"], first) + "/answers", {"answers": {}}
            )
            assert refused.status_code == 403
            assert refused.json()["error"]["code"] == "safety_lock"

    for away in AWAY:
        assert answer_stage(api, persona, away, **CALM.get(away, {}))
        finish(api, persona, away)
    assert {statuses(api, persona)[away] for away in AWAY} == {"done"}
