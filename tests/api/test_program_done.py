"""POST /api/v1/program/stages/{stage_id}/done: the stage's "ready to move on" check."""

from __future__ import annotations

import json

from django.test import Client

from heartwork.program.content import program
from tests.api.conftest import assert_error
from tests.conftest import Persona
from tests.program.steps import JSON, post_done, ready, stage_url, statuses


def test_all_yes_marks_the_stage_done(api: Client, alex: Persona) -> None:
    response = post_done(api, alex, "what_went_wrong", ready("what_went_wrong"))

    assert response.status_code == 200
    assert response.json() == {"done": True, "not_yet": []}
    assert statuses(api, alex)["what_went_wrong"] == "done"


def test_a_no_says_what_to_do_first_and_marks_nothing(api: Client, alex: Persona) -> None:
    item = program().stages["space"].ready_check[0]

    response = post_done(api, alex, "space", ready("space", **{item.id: "no"}))

    assert response.json() == {
        "done": False,
        "not_yet": [{"id": item.id, "text": item.text, "if_not": item.if_not}],
    }
    assert statuses(api, alex)["space"] == "available"


def test_true_and_false_count_as_yes_and_no(api: Client, alex: Persona) -> None:
    answers = {item_id: True for item_id in ready("space")}

    assert post_done(api, alex, "space", answers).json()["done"] is True


def test_a_later_no_never_undoes_a_finished_stage(api: Client, alex: Persona) -> None:
    post_done(api, alex, "space", ready("space"))

    again = post_done(api, alex, "space", ready("space", answer="no"))

    assert again.json()["done"] is False
    assert statuses(api, alex)["space"] == "done"


def test_a_missing_or_unknown_item_is_refused_naming_it(api: Client, alex: Persona) -> None:
    answers = ready("space")
    missing = next(iter(answers))
    del answers[missing]

    assert_error(post_done(api, alex, "space", answers), 422, "invalid", f"answers.{missing}")
    assert_error(
        post_done(api, alex, "space", {**ready("space"), "extra": "yes"}),
        422,
        "invalid",
        "answers.extra",
    )
    assert_error(post_done(api, alex, "space", ready("space", answer="maybe")), 422, "invalid")


def test_the_safety_check_is_finished_in_the_safety_app(api: Client, alex: Persona) -> None:
    error = assert_error(post_done(api, alex, "safety_check", {}), 409, "no_ready_check")

    assert "/api/v1/safety/screens" in error["message"]


def test_an_unknown_stage_is_not_found(api: Client, alex: Persona) -> None:
    assert_error(post_done(api, alex, "nowhere", {}), 404, "not_found")


def test_the_ready_check_needs_a_login(api: Client, db: None) -> None:
    response = api.post(
        stage_url("space") + "/done", json.dumps({"answers": {}}), content_type=JSON
    )

    assert_error(response, 401, "unauthorized")
