"""The whole program through the API: a new account signs up and gets a token, tells its
situation, answers the safety check, then answers every exercise of every stage and branch
and passes each ready check, until GET /api/v1/program shows everything done."""

from __future__ import annotations

import json

from django.test import Client

from heartwork.accounts.models import User
from heartwork.program.content import program
from tests.api.conftest import JSON, SIGNUP_URL, TOKEN_URL
from tests.conftest import SITUATION, Persona, pass_safety_check
from tests.program.steps import answer, get_program, post_done, ready, statuses

PASSWORD = "a long and careful passphrase 42"


def test_a_new_account_can_go_through_every_stage_and_branch_through_the_api(
    api: Client, db: None
) -> None:
    credentials = json.dumps({"email": "riley@example.org", "password": PASSWORD})
    assert api.post(SIGNUP_URL, credentials, content_type=JSON).status_code == 201
    token = api.post(TOKEN_URL, credentials, content_type=JSON).json()["token"]
    persona = Persona(
        user=User.objects.get(email="riley@example.org"), password=PASSWORD, token=token
    )

    told = api.post(
        "/api/v1/onboarding/situation",
        json.dumps({"answers": SITUATION}),
        content_type=JSON,
        headers=persona.auth,
    )
    assert told.status_code == 201, told.content
    assert get_program(api, persona)["next"]["stage"] == "safety_check"
    pass_safety_check(persona)

    for stage in program().stages.values():
        if stage.external:
            continue
        for exercise in stage.exercises:
            answer(api, persona, stage.id, exercise.id)
        response = post_done(api, persona, stage.id, ready(stage.id))
        assert response.status_code == 200, (stage.id, response.content)
        assert response.json()["done"] is True

    assert set(statuses(api, persona).values()) == {"done"}
