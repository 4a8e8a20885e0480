"""The personal plan (heartwork.program.plan): the stages ordered for a person's situation,
safety first, and always starting where the program's next step does."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heartwork.program import selectors, services
from heartwork.program.content import load
from heartwork.program.plan import Step, build_plan, first_open, protects
from heartwork.program.schema import RECONNECTION_STAGES, STAGE_IDS
from heartwork.safety.scanner import LEVELS
from tests.conftest import Persona, pass_safety_check
from tests.program.steps import LEAN_OUT, answers_for

QUESTIONS = load().onboarding
assert QUESTIONS is not None
OPTIONS = {q.id: [o.id for o in q.options] for q in QUESTIONS.questions if q.options}
STATUSES = ("available", "in_progress", "done")
NO_CONTACT = ("asked_no_contact", "blocked")
CONTACT_FREE = ("dont_go_back", "moving_on")

situations = st.none() | st.fixed_dictionaries(
    {}, optional={q: st.sampled_from(ids) for q, ids in OPTIONS.items()}
)
safety_levels = st.none() | st.sampled_from(LEVELS)


@st.composite
def program_statuses(draw: st.DrawFn) -> dict[str, str]:
    """Every stage's status as the program could report it: only reconnection stages lock."""
    locked = draw(st.booleans())
    return {
        stage: "locked"
        if locked and stage in RECONNECTION_STAGES
        else draw(st.sampled_from(STATUSES))
        for stage in STAGE_IDS
    }


leads = st.none() | st.sampled_from(STAGE_IDS)
examples = settings(max_examples=150, deadline=None)


def stages_of(steps: tuple[Step, ...]) -> list[str]:
    return [step.stage for step in steps]


def situation(**answers: str) -> dict[str, str]:
    """A complete situation: nothing in particular, with some answers changed."""
    found = {
        "standing": "apart",
        "who_ended": "both",
        "since_when": "three_to_twelve_months",
        "last_contact": "this_month",
        "betrayal": "none",
        "asked_for_space": "not_asked",
    }
    found.update(answers)
    return found


def all_available() -> dict[str, str]:
    return dict.fromkeys(STAGE_IDS, "available")


# -- properties ------------------------------------------------------------------------


@examples
@given(situations, safety_levels, program_statuses(), leads)
def test_every_stage_is_in_the_plan_once(
    answers: dict[str, str] | None, safety: str | None, statuses: dict[str, str], lead: str | None
) -> None:
    steps = build_plan(answers, safety, statuses, lead)

    listed = stages_of(steps)
    assert len(listed) == len(set(listed))
    expected = set(STAGE_IDS)
    if (answers or {}).get("betrayal") == "none":
        expected.discard("betrayal")  # no betrayal, no betrayal branch
    assert set(listed) == expected


@examples
@given(situations, safety_levels, program_statuses(), leads)
def test_a_locked_step_always_says_why_and_an_open_one_never_does(
    answers: dict[str, str] | None, safety: str | None, statuses: dict[str, str], lead: str | None
) -> None:
    for step in build_plan(answers, safety, statuses, lead):
        assert step.locked == (step.locked_reason is not None)
        assert step.why.strip()
        assert step.status == statuses[step.stage]
        if statuses[step.stage] == "locked":
            assert step.locked, f"{step.stage} is locked by the safety gate"


@examples
@given(situations, safety_levels, program_statuses(), leads)
def test_safety_or_a_no_contact_request_closes_every_contact_step_and_lists_them_last(
    answers: dict[str, str] | None, safety: str | None, statuses: dict[str, str], lead: str | None
) -> None:
    steps = build_plan(answers, safety, statuses, lead)

    if (
        safety in ("red", "high_danger", "crisis")
        or (answers or {}).get("asked_for_space") in NO_CONTACT
    ):
        assert protects(answers, safety)
        closed = [step for step in steps if step.stage in RECONNECTION_STAGES]
        assert len(closed) == len(RECONNECTION_STAGES)
        assert all(step.locked and step.locked_reason for step in closed)
        assert steps[-len(closed) :] == tuple(closed), "closed doors go last"
        if lead is None or lead in RECONNECTION_STAGES:
            assert stages_of(steps)[:2] == list(CONTACT_FREE)
    else:
        assert not protects(answers, safety)


@examples
@given(situations, safety_levels, program_statuses(), leads)
def test_the_plan_starts_at_the_programs_next_step_whenever_it_is_open(
    answers: dict[str, str] | None, safety: str | None, statuses: dict[str, str], lead: str | None
) -> None:
    steps = build_plan(answers, safety, statuses, lead, "The reason the program gives.")

    if lead is not None and lead in stages_of(steps):
        lead_step = next(step for step in steps if step.stage == lead)
        if not lead_step.locked:
            assert steps[0] == lead_step
            assert lead_step.why == "The reason the program gives."


@examples
@given(situations, program_statuses())
def test_before_any_safety_answer_the_safety_check_comes_first(
    answers: dict[str, str] | None, statuses: dict[str, str]
) -> None:
    if (answers or {}).get("asked_for_space") in NO_CONTACT:
        return
    steps = build_plan(answers, None, statuses)

    assert steps[0].stage == "safety_check"


@examples
@given(situations, st.sampled_from(("green", "amber")), program_statuses())
def test_asked_for_space_never_puts_a_contact_step_before_the_space_stage(
    answers: dict[str, str] | None, safety: str, statuses: dict[str, str]
) -> None:
    answers = {**(answers or {}), "asked_for_space": "asked_space"}
    listed = stages_of(build_plan(answers, safety, statuses))

    assert listed.index("space") < min(listed.index(stage) for stage in RECONNECTION_STAGES)
    assert listed.index("space") <= 1


@examples
@given(situations, st.sampled_from(("green", "amber")), program_statuses())
def test_after_a_recent_break_up_space_and_self_work_come_before_any_reach_out(
    answers: dict[str, str] | None, safety: str, statuses: dict[str, str]
) -> None:
    answers = {**(answers or {}), "standing": "apart", "since_when": "this_week"}
    listed = stages_of(build_plan(answers, safety, statuses))

    assert listed.index("space") < listed.index("reach_out")
    assert listed.index("work_on_myself") < listed.index("reach_out")


@examples
@given(situations, safety_levels, program_statuses(), leads)
def test_the_same_situation_always_gives_the_same_plan(
    answers: dict[str, str] | None, safety: str | None, statuses: dict[str, str], lead: str | None
) -> None:
    assert build_plan(answers, safety, statuses, lead) == build_plan(
        answers, safety, statuses, lead
    )


@st.composite
def paused_statuses(draw: st.DrawFn) -> tuple[dict[str, str], dict[str, str]]:
    """Statuses with some stages paused by their content (pause_when), as the program
    reports them: a stage not yet started, locked softly, with why."""
    statuses = draw(program_statuses())
    waiting = sorted(stage for stage, status in statuses.items() if status == "available")
    chosen = draw(st.lists(st.sampled_from(waiting), unique=True)) if waiting else []
    paused = {stage: f"{stage} waits, because of your own answers." for stage in chosen}
    return {**statuses, **dict.fromkeys(paused, "locked")}, paused


@examples
@given(situations, safety_levels, paused_statuses(), leads)
def test_a_paused_stage_is_locked_softly_and_never_where_the_plan_starts(
    answers: dict[str, str] | None,
    safety: str | None,
    found: tuple[dict[str, str], dict[str, str]],
    lead: str | None,
) -> None:
    statuses, paused = found
    steps = build_plan(answers, safety, statuses, lead, "The reason the program gives.", paused)

    protect = protects(answers, safety)
    for step in steps:
        assert step.locked == (step.locked_reason is not None)
        if step.stage in paused and not (protect and step.stage in RECONNECTION_STAGES):
            assert step.locked and not step.hard
            assert step.locked_reason == paused[step.stage]
        elif step.locked:
            assert step.hard, f"{step.stage}: only a pause is a soft lock"
        else:
            assert not step.hard
    start = first_open(steps)
    assert start is None or start.stage not in paused
    assert not (steps and steps[0].stage in paused and not steps[0].locked)


@examples
@given(situations, safety_levels, program_statuses())
def test_a_stage_already_started_is_never_paused(
    answers: dict[str, str] | None, safety: str | None, statuses: dict[str, str]
) -> None:
    paused = {stage: "Wait." for stage, status in statuses.items() if status != "locked"}

    for step in build_plan(answers, safety, statuses, paused=paused):
        if statuses[step.stage] in ("in_progress", "done"):
            assert step.locked_reason != "Wait."


# -- examples --------------------------------------------------------------------------


def test_a_betrayal_leads_to_the_betrayal_branch_early() -> None:
    steps = build_plan(situation(betrayal="broke"), "green", all_available())

    assert stages_of(steps)[0] == "betrayal"
    assert "broke their trust" in steps[0].why


def test_being_betrayed_or_left_checks_the_motive_first() -> None:
    for answers in (situation(betrayal="betrayed"), situation(who_ended="them")):
        steps = build_plan(answers, "green", all_available())
        assert stages_of(steps)[0] == "want_them_back"


def test_a_request_for_no_contact_is_a_path_forward_not_a_failure() -> None:
    steps = build_plan(situation(asked_for_space="blocked"), "green", all_available())

    assert stages_of(steps)[:2] == ["dont_go_back", "moving_on"]
    reach_out = next(step for step in steps if step.stage == "reach_out")
    assert reach_out.locked
    assert reach_out.locked_reason is not None
    assert "no contact" in reach_out.locked_reason
    assert "fail" not in steps[0].why


def test_in_a_crisis_contact_steps_wait_and_point_to_people_to_talk_to() -> None:
    steps = build_plan(situation(), "crisis", all_available())

    closed = next(step for step in steps if step.stage == "closeness")
    assert closed.locked_reason is not None and "help page" in closed.locked_reason


def test_without_a_situation_the_plan_is_the_programs_own_order() -> None:
    steps = build_plan(None, "green", all_available())

    assert stages_of(steps) == list(STAGE_IDS)


def test_the_first_open_step_skips_what_is_done_or_locked() -> None:
    statuses = {**all_available(), "safety_check": "done", "want_them_back": "done"}

    found = first_open(build_plan(None, "green", statuses))

    assert found is not None and found.stage == "what_went_wrong"


def test_the_plan_imports_without_loading_django() -> None:
    code = (
        "import sys, heartwork.program.plan\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={}
    )
    assert result.stdout.strip() == "[]"


# -- the plan and the program's next step agree ----------------------------------------


def answer_situation(persona: Persona, **answers: str) -> None:
    services.answer_situation(user=persona.user, answers=situation(**answers))


def plan_start(persona: Persona) -> str | None:
    state = selectors.onboarding_state(persona.user)
    found = first_open(state.plan)
    assert state.start is not None
    assert state.plan[0].stage == state.start
    return found.stage if found is not None else None


def next_stage(persona: Persona) -> str:
    step = selectors.program_state(persona.user).next
    assert step is not None
    return step.stage


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({}, "want_them_back"),
        ({"asked_for_space": "asked_space"}, "space"),
        ({"who_ended": "them"}, "want_them_back"),
        ({"betrayal": "betrayed"}, "want_them_back"),
        ({"betrayal": "broke"}, "betrayal"),
        ({"since_when": "this_week"}, "space"),
        ({"since_when": "this_month", "standing": "together"}, "want_them_back"),
        ({"asked_for_space": "blocked"}, "dont_go_back"),
        ({"asked_for_space": "asked_no_contact", "betrayal": "broke"}, "dont_go_back"),
    ],
)
def test_after_the_safety_check_the_plan_and_the_next_step_agree(
    alex_checked: Persona, answers: dict[str, str], expected: str
) -> None:
    answer_situation(alex_checked, **answers)

    assert next_stage(alex_checked) == expected
    assert plan_start(alex_checked) == expected


def test_the_situation_alone_agrees_with_the_next_step_even_without_the_lead(
    alex_checked: Persona,
) -> None:
    """The content's rules and the plan's own order say the same, lead or not."""
    for answers in (
        {"asked_for_space": "asked_space"},
        {"who_ended": "them"},
        {"since_when": "this_week"},
        {"betrayal": "both"},
    ):
        answer_situation(alex_checked, **answers)
        state = selectors.program_state(alex_checked.user)
        statuses = {found.id: found.status for found in state.stages}
        own = build_plan(situation(**answers), "green", statuses)
        assert state.next is not None
        assert stages_of(own)[0] == state.next.stage, answers


def test_before_the_safety_check_both_start_with_it(alex: Persona) -> None:
    answer_situation(alex, asked_for_space="asked_space", betrayal="broke")

    assert next_stage(alex) == "safety_check"
    assert plan_start(alex) == "safety_check"


def test_later_answers_move_the_plan_with_the_next_step(alex_checked: Persona) -> None:
    answer_situation(alex_checked, who_ended="them")
    services.answer_exercise(
        user=alex_checked.user,
        stage_id="want_them_back",
        exercise_id="motive_check",
        answers=answers_for("want_them_back", "motive_check", **LEAN_OUT),
    )

    assert next_stage(alex_checked) == "dont_go_back"
    assert plan_start(alex_checked) == "dont_go_back"


def test_onboarding_is_never_a_stage_of_the_program(alex_checked: Persona) -> None:
    answer_situation(alex_checked, who_ended="them")

    state = selectors.program_state(alex_checked.user)
    assert "onboarding" not in [found.id for found in state.stages]
    assert state.next is not None and state.next.stage != "onboarding"
    assert "onboarding" not in selectors.stage_states(alex_checked.user)


def test_after_leaning_out_the_plan_pauses_contact_and_starts_with_dont_go_back(
    alex_checked: Persona,
) -> None:
    answer_situation(alex_checked)
    services.answer_exercise(
        user=alex_checked.user,
        stage_id="want_them_back",
        exercise_id="motive_check",
        answers=answers_for("want_them_back", "motive_check", **LEAN_OUT),
    )

    state = selectors.onboarding_state(alex_checked.user)

    assert state.start == "dont_go_back"
    assert not state.protect, "a pause is not the safety-first plan"
    contact = [step for step in state.plan if step.stage in RECONNECTION_STAGES]
    content = load().stages
    for step in contact:
        assert step.locked and not step.hard
        assert step.locked_reason == content[step.stage].pause_when[0].why


def test_a_no_contact_answer_locks_contact_in_the_program_too(alex: Persona) -> None:
    pass_safety_check(alex)
    answer_situation(alex, asked_for_space="asked_no_contact")

    statuses = {found.id: found.status for found in selectors.program_state(alex.user).stages}
    assert {statuses[stage] for stage in RECONNECTION_STAGES} == {"locked"}
