"""Progress and gating (heartwork.program.services and .selectors): every answer kept, marks
that never reset, the next step with why, and answers that reach the safety net."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from heartwork.partners.services import add_partner
from heartwork.program import selectors, services, system_checks
from heartwork.program.content import ContentError, ContentInvalid, program
from heartwork.program.models import ExerciseAnswer, StageMark
from heartwork.program.scoring import AnswerError
from heartwork.safety.gate import reconnection_block
from heartwork.safety.selectors import standing_of
from heartwork.safety.services import record_boundary, record_screen
from tests.conftest import Persona, answer_all, pass_safety_check
from tests.program.steps import LEAN_OUT, answers_for, exercise, ready


def save(persona: Persona, stage_id: str, exercise_id: str, **changed: object) -> ExerciseAnswer:
    return services.answer_exercise(
        user=persona.user,
        stage_id=stage_id,
        exercise_id=exercise_id,
        answers=answers_for(stage_id, exercise_id, **changed),
    ).answer


def next_step(persona: Persona) -> tuple[str, str | None]:
    step = selectors.program_state(persona.user).next
    assert step is not None
    return step.stage, step.exercise


# -- the no-contact answers ------------------------------------------------------------


@pytest.mark.parametrize(("where", "options"), services.BOUNDARY_ANSWERS.items())
def test_every_no_contact_answer_names_a_real_question_and_option(
    where: tuple[str, str, str], options: dict[str, str]
) -> None:
    stage_id, exercise_id, question_id = where
    question = next(q for q in exercise(stage_id, exercise_id).questions if q.id == question_id)

    assert set(options) <= {option.id for option in question.options}
    assert set(options.values()) <= {"amber", "red"}


def test_a_boundary_goes_on_the_pair_and_locks_coaching(alex_checked: Persona) -> None:
    partner = alex_checked.user.partners.get()

    record_boundary(user=alex_checked.user, partner=partner, code="legal_boundary")

    floor = standing_of(alex_checked.user, partner).floors["contact"]
    assert (floor.level, floor.codes) == ("red", ("legal_boundary",))
    block = reconnection_block(alex_checked.user)
    assert block is not None and block.code == "safety_lock"


def test_a_boundary_before_any_partner_waits_on_the_users_own_standing(alex: Persona) -> None:
    record_boundary(user=alex.user, partner=None, code="legal_boundary")

    assert standing_of(alex.user).floors["contact"].level == "red"
    partner = add_partner(user=alex.user, name="Jo")
    block = reconnection_block(alex.user, partner)
    assert block is not None and block.code == "safety_lock"


def test_a_boundary_never_lowers_a_level(alex_checked: Persona) -> None:
    partner = alex_checked.user.partners.get()
    record_boundary(user=alex_checked.user, partner=partner, code="legal_boundary")

    record_boundary(user=alex_checked.user, partner=partner, code="legal_boundary", level="amber")

    assert standing_of(alex_checked.user, partner).floors["contact"].level == "red"


def test_an_answer_is_kept_with_the_partner_of_the_time(alex_checked: Persona) -> None:
    row = save(alex_checked, "space", "urge_log")

    assert row.partner == alex_checked.user.partners.get()


# -- marks -----------------------------------------------------------------------------


def test_a_stage_is_started_once_and_finished_once(alex: Persona) -> None:
    earlier = timezone.now() - timedelta(days=3)
    services.answer_exercise(
        user=alex.user,
        stage_id="space",
        exercise_id="urge_log",
        answers=answers_for("space", "urge_log"),
        now=earlier,
    )
    save(alex, "space", "urge_log")
    services.mark_done(user=alex.user, stage_id="space", answers=ready("space"), now=earlier)
    services.mark_done(user=alex.user, stage_id="space", answers=ready("space"))

    mark = StageMark.objects.get(user=alex.user)
    assert (mark.started_at, mark.done_at) == (earlier, earlier)


def test_a_failed_ready_check_lists_each_no_with_what_to_do(alex: Persona) -> None:
    stage = program().stages["want_them_back"]
    first, *rest = stage.ready_check

    check = services.mark_done(
        user=alex.user, stage_id=stage.id, answers=ready(stage.id, **{first.id: "no"})
    )

    assert (check.done, check.not_yet) == (False, (first,))
    assert not StageMark.objects.exists()
    assert rest, "a ready check with one item cannot show a partial no"


def test_a_bad_ready_answer_names_the_item(alex: Persona) -> None:
    with pytest.raises(AnswerError) as raised:
        services.mark_done(user=alex.user, stage_id="space", answers={})

    assert raised.value.field == program().stages["space"].ready_check[0].id


def test_free_text_includes_every_column_entry() -> None:
    columns = exercise("what_went_wrong", "three_columns")

    text = services.free_text(
        columns, {"what_i_did": ["One.", "Two."], "what_they_did": ["Three."]}
    )

    assert text.splitlines() == ["One.", "Two.", "Three."]


# -- the next step ---------------------------------------------------------------------


def test_the_latest_retake_decides_the_recommendation(alex_checked: Persona) -> None:
    save(alex_checked, "want_them_back", "motive_check", **LEAN_OUT)
    assert next_step(alex_checked)[0] == "dont_go_back"

    save(alex_checked, "want_them_back", "motive_check")  # unsure now

    assert next_step(alex_checked)[0] == "can_it_be_saved"


def test_a_recommended_exercise_stays_recommended_until_it_is_done_again(
    alex_checked: Persona,
) -> None:
    save(alex_checked, "reach_out", "readiness", time_of_day="late")
    assert next_step(alex_checked) == ("space", "instead_list")

    save(alex_checked, "space", "instead_list")

    assert next_step(alex_checked) != ("space", "instead_list")


def test_a_recommendation_to_the_safety_check_comes_first_and_ends_once_it_is_answered(
    alex_checked: Persona,
) -> None:
    save(alex_checked, "betrayal", "my_role", role="broke", fear_or_control="yes")
    assert next_step(alex_checked) == ("safety_check", None)

    partner = alex_checked.user.partners.get()
    record_screen(
        user=alex_checked.user, screen_id="harm", answers=answer_all("harm"), partner=partner
    )

    assert next_step(alex_checked) == ("betrayal", "honest_account")


def test_a_recommendation_skips_a_locked_stage_until_it_opens(alex: Persona) -> None:
    # Answered while it was open (services do not gate; the API does).
    save(alex, "closeness", "rituals", chose_together="yes")
    assert next_step(alex) == ("safety_check", None)

    pass_safety_check(alex)

    assert next_step(alex) == ("agreements", program().stages["agreements"].exercises[0].id)


def test_with_everything_done_there_is_no_next_step(alex_checked: Persona) -> None:
    for stage in program().stages.values():
        if stage.ready_check:
            services.mark_done(user=alex_checked.user, stage_id=stage.id, answers=ready(stage.id))

    assert selectors.program_state(alex_checked.user).next is None


# -- start-up --------------------------------------------------------------------------


def test_broken_content_stops_start_up_with_the_file_line_and_reason(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    error = ContentError(tmp_path / "space.yaml", 7, "purpose: this field is required")

    def broken(language: str = "en") -> None:
        raise ContentInvalid([error])

    monkeypatch.setattr(system_checks, "program", broken)

    found = system_checks.content_check()

    assert [(message.id, message.msg) for message in found] == [("heartwork.E020", str(error))]
    assert "space.yaml:7: purpose" in found[0].msg


def test_the_installed_content_passes_the_start_up_check() -> None:
    assert system_checks.content_check() == []


def test_the_next_exercise_of_a_stage_skips_those_that_do_not_apply(alex: Persona) -> None:
    betrayal = program().stages["betrayal"]

    def first_open() -> str | None:
        state = selectors.program_state(alex.user)  # builds the facts the next step reads
        assert state is not None
        facts = selectors._Facts(selectors.latest_answers(alex.user), None, alex.user)
        return selectors._first_open(betrayal, facts)

    assert first_open() == "my_role"
    services.answer_exercise(
        user=alex.user,
        stage_id="betrayal",
        exercise_id="my_role",
        answers=answers_for("betrayal", "my_role", role="betrayed"),
    )
    assert first_open() == "what_i_need"  # the exercises for the other side are skipped


def test_a_condition_can_count_how_often_an_exercise_was_saved(alex: Persona) -> None:
    from heartwork.program.schema import parse_condition

    test = parse_condition("space.urge_log.count >= 2")
    for times in range(3):
        facts = selectors._Facts(selectors.latest_answers(alex.user), None, alex.user)
        assert test.holds(facts.value(test.ref)) == (times >= 2)
        services.answer_exercise(
            user=alex.user,
            stage_id="space",
            exercise_id="urge_log",
            answers=answers_for("space", "urge_log"),
        )
