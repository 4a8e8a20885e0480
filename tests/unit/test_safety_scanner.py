"""The safety scanner on its own: signals, modifiers and the rule that levels only rise."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heartwork.safety.scanner import LEVELS, SIGNAL_CODES, raise_level, scan


@pytest.mark.parametrize(
    ("text", "code", "level"),
    [
        (
            "He put his hands round my neck last year and I couldn't breathe.",
            "strangulation",
            "high_danger",
        ),
        ("she slapped me in front of the kids", "physical_violence", "red"),
        ("He said if I ever leave he will kill me.", "threats", "high_danger"),
        ("he takes my bank card and gives me an allowance", "coercive_control", "red"),
        ("found an airtag in my car after we split", "stalking", "red"),
        ("he keeps messaging from new numbers even though I blocked him", "stalking", "red"),
        ("He says it never happened and that I'm imagining things", "manipulation", "amber"),
        ("my ex said he'd kill himself if I don't come back", "partner_suicide_threat", "red"),
        ("She has a restraining order against me.", "legal_boundary", "red"),
        ("they asked me not to contact them again", "legal_boundary", "red"),
        ("I wish I wasn't here anymore", "self_harm", "amber"),
        ("I've been saving up my pills and I'm going to take them tonight", "self_harm", "crisis"),
        ("he pulled a knife on me during the row", "weapon", "high_danger"),
    ],
)
def test_each_cue_family_is_found_with_its_level(text: str, code: str, level: str) -> None:
    result = scan(text)
    assert code in result.codes
    assert LEVELS.index(result.level) >= LEVELS.index(level)
    span = next(signal for signal in result.signals if signal.code == code)
    assert text[span.start : span.end] == span.text


def test_what_the_writer_did_is_marked_as_their_own_behaviour() -> None:
    result = scan("I followed her home from work twice last week.")
    assert {"stalking", "user_perpetration"} <= result.codes
    assert result.level == "red"


def test_reading_their_phone_is_amber_not_red() -> None:
    result = scan("I went through his phone while he was asleep.")
    assert result.codes == {"user_perpetration"}
    assert result.level == "amber"


def test_a_weapon_at_the_door_is_a_crisis_right_now() -> None:
    result = scan("he's outside my door with a knife")
    assert (result.level, result.imminent) == ("crisis", True)


@pytest.mark.parametrize(
    "text",
    [
        "I could kill him for forgetting the milk again",
        "my mum will murder me if I miss Sunday dinner",
    ],
)
def test_violent_figures_of_speech_ask_instead_of_alarming(text: str) -> None:
    result = scan(text)
    assert result.level == "green"
    assert result.question


@pytest.mark.parametrize(
    "text",
    [
        "He has never hit me, but he shouts a lot.",
        "she didn't push me, I tripped",
    ],
)
def test_a_negated_danger_asks_a_gentle_question(text: str) -> None:
    result = scan(text)
    assert "physical_violence" not in result.codes
    assert result.question


@pytest.mark.parametrize(
    "text",
    [
        "We screamed at each other about the dishes and I cried all night.",
        "This commute is killing me.",
        "I'm dying after leg day lol",
        "We got strangled in the second half, awful match.",
        "My friend's husband hits her and I don't know how to help.",
        "Watched a documentary about stalkers last night.",
        "I feel like my heart has been ripped out.",
    ],
)
def test_ordinary_heartbreak_and_other_peoples_stories_stay_green(text: str) -> None:
    assert scan(text).level == "green"


def test_several_danger_factors_together_are_high_danger() -> None:
    text = (
        "He checks my phone every night, he turned up at my work twice, "
        "and last month he pushed me into the wall."
    )
    assert scan(text).level == "high_danger"


def test_levels_only_ever_rise() -> None:
    assert raise_level("red", "green") == "red"
    assert raise_level("amber", "crisis") == "crisis"


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=800))
def test_any_text_gets_a_valid_json_result_with_exact_spans(text: str) -> None:
    result = scan(text)
    assert result.level in LEVELS
    for signal in result.signals:
        assert signal.code in SIGNAL_CODES
        assert text[signal.start : signal.end] == signal.text
    json.dumps(result.to_dict())


@given(current=st.sampled_from(LEVELS), new=st.sampled_from(LEVELS))
def test_raising_never_lowers(current: str, new: str) -> None:
    raised = raise_level(current, new)
    assert LEVELS.index(raised) >= max(LEVELS.index(current), LEVELS.index(new)) - 0
    assert raised in (current, new)
