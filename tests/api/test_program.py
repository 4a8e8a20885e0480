"""GET /api/v1/program: the map of every stage, and the next recommended step with why."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from heartwork.program.content import program
from heartwork.program.schema import STAGE_IDS
from heartwork.program.services import answer_exercise
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
    answers_for,
    get_program,
    lock_with_an_order,
    post_answers,
    post_done,
    ready,
    stage_url,
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
        assert stages[stage_id]["hard"] is True
        assert "safety check" in stages[stage_id]["locked_reason"]
    for stage_id in set(STAGE_IDS) - set(RECONNECTION):
        assert stages[stage_id]["status"] == "available"
        assert stages[stage_id]["locked_reason"] is None
        assert stages[stage_id]["hard"] is False


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
        assert stages[stage_id]["hard"] is True
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


# -- leaning out pauses the reconnection stages (a soft lock) -------------------------

# The strongest lean-in answers to the motive check, and a five-signs answer that leans out
# (only one person carries the effort) or in (every sign there).
LEAN_IN = {
    "miss_who": 5,
    "miss_talking": 5,
    "meet_again": 5,
    "miss_couple": 1,
    "happy_often": "mostly",
    "close_not_used": 5,
    "felt_respected": 5,
    "earning_approval": 1,
    "growing": 5,
    "same_fight": 1,
}
SIGNS_OUT = {"who_carries": "only_me"}
SIGNS_IN = {
    "i_want": 5,
    "i_choose": 5,
    "respect_me": 5,
    "respect_them": 5,
    "contempt": 1,
    "behaviour": 5,
    "same_values": 5,
    "my_work": 5,
}


def pause_why(exercise_ref: str, stage_id: str = "reach_out") -> str:
    """The pause the content gives a stage when ``exercise_ref`` leans out."""
    return next(
        pause.why
        for pause in program().stages[stage_id].pause_when
        if pause.if_ == [f"{exercise_ref}.result == lean_out"]
    )


MOTIVE = "want_them_back.motive_check"
SIGNS = "can_it_be_saved.five_signs"


def stages_of(api: Client, persona: Persona) -> dict[str, dict[str, Any]]:
    return {stage["id"]: stage for stage in get_program(api, persona)["stages"]}


def take(persona: Persona, ref: str, days_ago: int, **changed: Any) -> str | None:
    """Take a scored check as if ``days_ago`` days ago; its result."""
    stage_id, exercise_id = ref.split(".")
    saved = answer_exercise(
        user=persona.user,
        stage_id=stage_id,
        exercise_id=exercise_id,
        answers=answers_for(stage_id, exercise_id, **changed),
        now=timezone.now() - timedelta(days=days_ago),
    )
    return saved.answer.result


def assert_paused_by(stages: dict[str, dict[str, Any]], ref: str) -> None:
    for stage_id in RECONNECTION:
        assert stages[stage_id]["status"] == "locked", stage_id
        assert stages[stage_id]["hard"] is False, stage_id
        assert stages[stage_id]["locked_reason"] == pause_why(ref, stage_id)


def assert_open(stages: dict[str, dict[str, Any]]) -> None:
    for stage_id in RECONNECTION:
        assert stages[stage_id]["status"] == "available", stage_id
        assert stages[stage_id]["hard"] is False
        assert stages[stage_id]["locked_reason"] is None


def test_leaning_out_pauses_the_four_reconnection_stages_softly_and_says_why(
    api: Client, alex_checked: Persona
) -> None:
    answer(api, alex_checked, "want_them_back", "motive_check", **LEAN_OUT)

    body = get_program(api, alex_checked)

    stages = {stage["id"]: stage for stage in body["stages"]}
    assert_paused_by(stages, MOTIVE)
    why = stages["reach_out"]["locked_reason"]
    assert "not a judgment" in why
    assert "open this stage" in why
    assert "will not switch back on" not in why
    # Nothing else is locked, and the way forward is open.
    for stage_id in set(STAGE_IDS) - set(RECONNECTION):
        assert stages[stage_id]["status"] != "locked", stage_id
        assert stages[stage_id]["hard"] is False
    assert body["next"]["stage"] == "dont_go_back"


def test_a_paused_stage_says_so_on_its_own_page_too(api: Client, alex_checked: Persona) -> None:
    answer(api, alex_checked, "want_them_back", "motive_check", **LEAN_OUT)

    response = api.get(stage_url("closeness"), headers=alex_checked.auth)

    assert response.status_code == 200
    stage = response.json()
    assert (stage["status"], stage["hard"]) == ("locked", False)
    assert stage["locked_reason"] == pause_why(MOTIVE, "closeness")
    assert stage["exercises"], "a paused stage still shows its exercises"


def test_leaning_in_on_a_retake_lifts_the_pause(api: Client, alex_checked: Persona) -> None:
    assert take(alex_checked, MOTIVE, 7, **LEAN_OUT) == "lean_out"
    assert_paused_by(stages_of(api, alex_checked), MOTIVE)

    assert take(alex_checked, MOTIVE, 0, **LEAN_IN) == "lean_in"

    assert_open(stages_of(api, alex_checked))


def test_an_unsure_retake_lifts_the_pause_too(api: Client, alex_checked: Persona) -> None:
    take(alex_checked, MOTIVE, 7, **LEAN_OUT)

    assert take(alex_checked, MOTIVE, 0) == "unsure"

    assert_open(stages_of(api, alex_checked))


def test_the_five_signs_leaning_out_pause_the_stages_with_their_own_reason(
    api: Client, alex_checked: Persona
) -> None:
    assert take(alex_checked, SIGNS, 0, **SIGNS_OUT) == "lean_out"

    assert_paused_by(stages_of(api, alex_checked), SIGNS)


def test_when_the_two_checks_disagree_the_newer_one_decides(
    api: Client, alex_checked: Persona, sam: Persona
) -> None:
    pass_safety_check(sam)
    # alex leaned out on the motive check, then the five signs looked hopeful.
    take(alex_checked, MOTIVE, 5, **LEAN_OUT)
    assert take(alex_checked, SIGNS, 1, **SIGNS_IN) == "lean_in"
    # sam did the same two checks the other way round.
    take(sam, SIGNS, 5, **SIGNS_IN)
    take(sam, MOTIVE, 1, **LEAN_OUT)

    assert_open(stages_of(api, alex_checked))
    assert_paused_by(stages_of(api, sam), MOTIVE)

    # alex takes the motive check again today, and leans out again: newest wins.
    take(alex_checked, MOTIVE, 0, **LEAN_OUT)
    assert_paused_by(stages_of(api, alex_checked), MOTIVE)


def test_a_paused_stage_still_takes_answers_and_answering_starts_it(
    api: Client, alex_checked: Persona
) -> None:
    answer(api, alex_checked, "want_them_back", "motive_check", **LEAN_OUT)

    response = post_answers(
        api,
        alex_checked,
        "show_change",
        "commitments",
        answers_for("show_change", "commitments"),
    )

    assert response.status_code == 201, response.content
    stages = stages_of(api, alex_checked)
    assert stages["show_change"]["status"] == "in_progress"
    assert stages["show_change"]["locked_reason"] is None
    # The other three stay paused; starting one lifts the pause for that one only.
    for stage_id in ("reach_out", "closeness", "agreements"):
        assert (stages[stage_id]["status"], stages[stage_id]["hard"]) == ("locked", False)
    assert post_done(api, alex_checked, "agreements", ready("agreements")).status_code == 200


def test_a_stage_started_before_the_lean_out_is_never_paused(
    api: Client, alex_checked: Persona
) -> None:
    answer(api, alex_checked, "reach_out", "listening_rules")
    post_done(api, alex_checked, "agreements", ready("agreements"))

    answer(api, alex_checked, "want_them_back", "motive_check", **LEAN_OUT)

    found = statuses(api, alex_checked)
    assert (found["reach_out"], found["agreements"]) == ("in_progress", "done")
    assert (found["show_change"], found["closeness"]) == ("locked", "locked")


def test_the_safety_lock_wins_over_a_pause_and_is_hard(api: Client, alex: Persona) -> None:
    lock_with_an_order(alex)
    take(alex, MOTIVE, 0, **LEAN_OUT)

    stages = stages_of(api, alex)

    for stage_id in RECONNECTION:
        assert (stages[stage_id]["status"], stages[stage_id]["hard"]) == ("locked", True)
        assert "will not switch back on with a tap" in stages[stage_id]["locked_reason"]


def test_a_paused_stage_is_never_the_next_step(api: Client, alex_checked: Persona) -> None:
    take(alex_checked, MOTIVE, 0, **LEAN_OUT)
    for stage_id in STAGE_IDS:
        if stage_id not in RECONNECTION and program().stages[stage_id].ready_check:
            post_done(api, alex_checked, stage_id, ready(stage_id))

    body = get_program(api, alex_checked)

    assert {stage["status"] for stage in body["stages"] if stage["id"] in RECONNECTION} == {
        "locked"
    }
    assert body["next"] is None
