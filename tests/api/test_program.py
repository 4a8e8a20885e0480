"""GET /api/v1/program: the map of every stage, and the next recommended step with why."""

from __future__ import annotations

from django.test import Client

from heartwork.program.content import program
from heartwork.program.schema import STAGE_IDS
from heartwork.safety.services import record_screen
from tests.api.conftest import assert_error
from tests.conftest import Persona, answer_all, pass_safety_check
from tests.program.steps import (
    LEAN_OUT,
    NEXT_KEYS,
    PROGRAM_URL,
    RECONNECTION,
    STATE_KEYS,
    answer,
    get_program,
    lock_with_an_order,
    post_done,
    ready,
    statuses,
)


def why_of(stage_id: str, condition: str) -> str:
    """The recommendation text the content gives for ``condition``."""
    return next(
        rec.why for rec in program().stages[stage_id].recommend_when if rec.if_ == [condition]
    )


def test_the_map_needs_a_login(api: Client, db: None) -> None:
    assert_error(api.get(PROGRAM_URL), 401, "unauthorized")


def test_the_map_lists_every_stage_in_the_programs_order_with_the_contract_fields(
    api: Client, alex: Persona
) -> None:
    body = get_program(api, alex)

    assert set(body) == {"stages", "next"}
    assert [stage["id"] for stage in body["stages"]] == list(STAGE_IDS)
    for stage in body["stages"]:
        assert set(stage) == STATE_KEYS
        assert stage["title"] == program().stages[stage["id"]].title
        assert stage["status"] in {"locked", "available", "in_progress", "done"}
    assert set(body["next"]) == NEXT_KEYS


def test_a_new_user_sees_the_reconnection_stages_locked_with_a_reason_in_plain_words(
    api: Client, alex: Persona
) -> None:
    stages = {stage["id"]: stage for stage in get_program(api, alex)["stages"]}

    for stage_id in RECONNECTION:
        assert stage_id in stages
        assert stages[stage_id]["status"] == "locked"
        assert "safety check" in stages[stage_id]["locked_reason"]
    for stage_id in set(STAGE_IDS) - set(RECONNECTION):
        assert stages[stage_id]["status"] == "available"
        assert stages[stage_id]["locked_reason"] is None


def test_a_new_user_is_sent_to_the_safety_check_first(api: Client, alex: Persona) -> None:
    step = get_program(api, alex)["next"]

    assert (step["stage"], step["exercise"]) == ("safety_check", None)
    assert step["why"]


def test_after_the_safety_check_the_reconnection_stages_open(api: Client, alex: Persona) -> None:
    pass_safety_check(alex)

    found = statuses(api, alex)

    assert found["safety_check"] == "done"
    assert {found[stage_id] for stage_id in RECONNECTION} == {"available"}
    assert get_program(api, alex)["next"]["stage"] == "want_them_back"


def test_leaning_out_on_the_motive_check_recommends_dont_go_back(
    api: Client, alex_checked: Persona
) -> None:
    result = answer(api, alex_checked, "want_them_back", "motive_check", **LEAN_OUT)
    assert result["result"]["id"] == "lean_out"

    step = get_program(api, alex_checked)["next"]

    assert step["stage"] == "dont_go_back"
    assert step["exercise"] == program().stages["dont_go_back"].exercises[0].id
    assert step["why"] == why_of("want_them_back", "want_them_back.motive_check.result == lean_out")


def test_once_dont_go_back_is_done_leaning_out_recommends_moving_on(
    api: Client, alex_checked: Persona
) -> None:
    answer(api, alex_checked, "want_them_back", "motive_check", **LEAN_OUT)
    assert post_done(api, alex_checked, "dont_go_back", ready("dont_go_back")).status_code == 200

    assert get_program(api, alex_checked)["next"]["stage"] == "moving_on"


def test_a_red_pair_keeps_reach_out_locked_and_is_pointed_to_dont_go_back(
    api: Client, alex: Persona
) -> None:
    lock_with_an_order(alex)

    body = get_program(api, alex)
    stages = {stage["id"]: stage for stage in body["stages"]}

    for stage_id in RECONNECTION:
        assert stages[stage_id]["status"] == "locked"
        assert "will not switch back on with a tap" in stages[stage_id]["locked_reason"]
    assert stages["safety_check"]["status"] == "done"
    assert body["next"]["stage"] in {"dont_go_back", "moving_on"}
    assert body["next"]["why"] == why_of(
        "safety_check", "safety_check.result in [red, high_danger, crisis]"
    )


def test_a_crisis_locks_the_reconnection_stages_and_points_away_from_them(
    api: Client, alex: Persona
) -> None:
    pass_safety_check(alex)
    record_screen(
        user=alex.user,
        screen_id="mood",
        answers=answer_all("mood", death_thoughts="yes", plan="yes"),
    )

    body = get_program(api, alex)

    stages = {stage["id"]: stage for stage in body["stages"]}
    for stage_id in RECONNECTION:
        assert stages[stage_id]["status"] == "locked"
        assert "talk to someone now" in stages[stage_id]["locked_reason"]
    assert body["next"]["stage"] in {"dont_go_back", "moving_on"}


def test_an_unsure_motive_check_recommends_can_it_be_saved(
    api: Client, alex_checked: Persona
) -> None:
    result = answer(api, alex_checked, "want_them_back", "motive_check")
    assert result["result"]["id"] == "unsure"

    assert get_program(api, alex_checked)["next"]["stage"] == "can_it_be_saved"


def test_answering_starts_a_stage_and_a_passed_ready_check_finishes_it(
    api: Client, alex: Persona
) -> None:
    answer(api, alex, "space", "instead_list")
    assert statuses(api, alex)["space"] == "in_progress"

    assert post_done(api, alex, "space", ready("space")).json()["done"] is True

    assert statuses(api, alex)["space"] == "done"


def test_a_slip_in_a_log_never_resets_a_finished_stage(api: Client, alex: Persona) -> None:
    answer(api, alex, "space", "urge_log")
    post_done(api, alex, "space", ready("space"))

    answer(api, alex, "space", "urge_log")  # a slip: the urge came back and was acted on
    answer(api, alex, "space", "week_check", contact="often")

    assert statuses(api, alex)["space"] == "done"


def test_a_locked_stage_keeps_its_progress_for_when_it_opens_again(
    api: Client, alex_checked: Persona
) -> None:
    answer(api, alex_checked, "reach_out", "listening_rules")
    partner = alex_checked.user.partners.get()
    record_screen(
        user=alex_checked.user,
        screen_id="contact",
        answers=answer_all("contact", order="yes"),
        partner=partner,
    )
    assert statuses(api, alex_checked)["reach_out"] == "locked"

    record_screen(
        user=alex_checked.user, screen_id="contact", answers=answer_all("contact"), partner=partner
    )

    assert statuses(api, alex_checked)["reach_out"] == "in_progress"


def test_another_persons_progress_never_shows(
    api: Client, alex_checked: Persona, sam: Persona
) -> None:
    answer(api, alex_checked, "want_them_back", "motive_check", **LEAN_OUT)
    post_done(api, alex_checked, "want_them_back", ready("want_them_back"))

    found = statuses(api, sam)

    assert found["want_them_back"] == "available"
    assert found["safety_check"] == "available"
    assert get_program(api, sam)["next"]["stage"] == "safety_check"
