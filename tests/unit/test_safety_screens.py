"""The structured screens: what a set of answers means, with no database involved."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartwork.safety.scanner import LEVELS
from heartwork.safety.screens import (
    ANSWERS,
    ORDER,
    ScreenDataError,
    ScreenInputError,
    evaluate,
    load_screens,
    parse_screens,
    screen,
)


def answers(screen_id: str, answer: str = "no", **changed: str) -> dict[str, str]:
    found = {item.id: answer for item in screen(screen_id).items}
    found.update(changed)
    return found


def rank(level: str) -> int:
    return LEVELS.index(level)


def test_all_screens_are_there_in_the_order_the_check_walks() -> None:
    assert {s.id for s in load_screens().screens} == set(ORDER)
    assert ORDER == ("device", "mood", "contact", "harm", "mirror", "quick")


def test_the_quick_check_asks_the_full_screen_again_after_a_yes() -> None:
    outcome = evaluate(screen("quick"), answers("quick", new_boundary="yes"))
    assert outcome.reask == (("contact", "red", "legal_boundary"),)
    assert evaluate(screen("quick"), answers("quick")).reask == ()


def test_every_question_is_a_real_question_in_plain_words() -> None:
    for each in load_screens().screens:
        for item in each.items:
            assert item.text.endswith("?"), item.id
            assert 20 < len(item.text) < 160, item.id


def test_nothing_to_report_is_green_on_every_screen() -> None:
    for screen_id in ORDER:
        outcome = evaluate(screen(screen_id), answers(screen_id))
        assert (outcome.level, outcome.codes) == ("green", ()), screen_id


@pytest.mark.parametrize("item", ["order", "bail", "asked_no_contact", "blocked"])
def test_any_legal_or_spoken_boundary_is_red(item: str) -> None:
    outcome = evaluate(screen("contact"), answers("contact", **{item: "yes"}))
    assert outcome.level == "red"
    assert outcome.codes == ("legal_boundary",)


def test_being_asked_for_space_pauses_but_does_not_lock() -> None:
    outcome = evaluate(screen("contact"), answers("contact", asked_space="yes"))
    assert outcome.level == "amber"


@pytest.mark.parametrize("item", ["afraid", "controlled", "hurt", "self_threats"])
def test_any_harm_answered_yes_is_at_least_red(item: str) -> None:
    outcome = evaluate(screen("harm"), answers("harm", **{item: "yes"}))
    assert rank(outcome.level) >= rank("red")


@pytest.mark.parametrize("item", ["weapon", "threat_to_kill", "strangled", "could_kill"])
def test_each_single_danger_sign_is_high_danger(item: str) -> None:
    outcome = evaluate(screen("harm"), answers("harm", afraid="yes", **{item: "yes"}))
    assert outcome.level == "high_danger"


def test_past_strangulation_counts_however_long_ago() -> None:
    outcome = evaluate(screen("harm"), answers("harm", hurt="yes", strangled="yes"))
    assert "strangulation" in outcome.codes


def test_two_other_danger_factors_together_are_high_danger_and_one_is_not() -> None:
    one = evaluate(screen("harm"), answers("harm", hurt="yes", escalating="yes"))
    two = evaluate(
        screen("harm"), answers("harm", hurt="yes", escalating="yes", separated_recently="yes")
    )
    assert (one.level, two.level) == ("red", "high_danger")


def test_feeling_unsafe_right_now_is_a_crisis() -> None:
    outcome = evaluate(screen("harm"), answers("harm", unsafe_now="yes"))
    assert outcome.level == "crisis"


def test_a_passing_wish_to_be_dead_is_amber_and_a_plan_is_a_crisis() -> None:
    wish = evaluate(screen("mood"), answers("mood", death_thoughts="yes"))
    plan = evaluate(screen("mood"), answers("mood", death_thoughts="yes", plan="yes"))
    assert (wish.level, plan.level) == ("amber", "crisis")


def test_not_sure_about_intent_is_treated_as_a_crisis() -> None:
    outcome = evaluate(screen("mood"), answers("mood", self_harm_thoughts="yes", intent="unsure"))
    assert outcome.level == "crisis"


def test_the_users_own_stalking_is_red_and_named_as_their_own() -> None:
    outcome = evaluate(screen("mirror"), answers("mirror", tracked_them="yes"))
    assert (outcome.level, outcome.codes) == ("red", ("user_perpetration",))


def test_reading_their_phone_is_amber() -> None:
    outcome = evaluate(screen("mirror"), answers("mirror", read_their_phone="yes"))
    assert outcome.level == "amber"


def test_someone_else_checking_the_phone_turns_discreet_mode_on() -> None:
    outcome = evaluate(screen("device"), answers("device", shared_device="unsure"))
    assert outcome.discreet and outcome.level == "green"


def test_not_safe_to_use_the_app_here_is_noticed() -> None:
    outcome = evaluate(screen("device"), answers("device", "no", shared_device="no"))
    assert outcome.unsafe_here


def test_follow_ups_are_asked_only_after_a_yes_or_unsure() -> None:
    harm = screen("harm")
    assert harm.follow_ups(answers("harm")) == ()
    assert {item.id for item in harm.follow_ups({"afraid": "unsure"})} >= {"weapon", "strangled"}


def test_a_follow_up_that_was_called_for_must_be_answered() -> None:
    first = {item.id: "no" for item in screen("mood").first_items}
    first["death_thoughts"] = "yes"
    with pytest.raises(ScreenInputError) as error:
        evaluate(screen("mood"), first)
    assert error.value.field == "plan"


def test_follow_ups_not_called_for_are_ignored() -> None:
    outcome = evaluate(screen("mood"), answers("mood", "no", plan="yes"))
    assert outcome.level == "green"


def test_a_missing_first_answer_names_the_question() -> None:
    partial = answers("contact")
    del partial["blocked"]
    with pytest.raises(ScreenInputError) as error:
        evaluate(screen("contact"), partial)
    assert error.value.field == "blocked"


@pytest.mark.parametrize("bad", [{"order": "maybe"}, {"nonsense": "yes"}, {"order": 1}])
def test_unknown_questions_and_answers_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ScreenInputError):
        evaluate(screen("contact"), {**answers("contact"), **bad})


def test_an_unknown_screen_is_refused() -> None:
    with pytest.raises(ScreenInputError) as error:
        screen("feelings")
    assert error.value.field == "screen"


def test_a_malformed_screen_file_fails_at_load() -> None:
    with pytest.raises(ScreenDataError):
        parse_screens({"screens": [{"id": "x", "scope": "everyone", "title": "", "intro": ""}]})


@st.composite
def answer_sets(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    screen_id = draw(st.sampled_from(ORDER))
    found = screen(screen_id)
    return screen_id, {item.id: draw(st.sampled_from(ANSWERS)) for item in found.items}


@given(answer_sets())
def test_the_same_answers_always_give_the_same_level(case: tuple[str, dict[str, str]]) -> None:
    screen_id, given_answers = case
    first = evaluate(screen(screen_id), given_answers)
    assert evaluate(screen(screen_id), dict(given_answers)) == first
    assert first.level in LEVELS


@given(answer_sets(), st.data())
def test_turning_any_no_into_a_yes_never_lowers_the_level(
    case: tuple[str, dict[str, str]], data: st.DataObject
) -> None:
    screen_id, given_answers = case
    item = data.draw(st.sampled_from(sorted(given_answers)))
    before = evaluate(screen(screen_id), {**given_answers, item: "no"})
    after = evaluate(screen(screen_id), {**given_answers, item: "yes"})
    assert rank(after.level) >= rank(before.level)
