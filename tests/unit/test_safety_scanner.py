"""The safety scanner on its own: signals, modifiers and the rule that levels only rise."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heartwork.safety.scanner import (
    LEVELS,
    SIGNAL_CODES,
    _join_shared_openings,
    raise_level,
    scan,
)


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
    # One-off snooping is stalking by the writer at amber, as the corpus labels it.
    result = scan("I went through his phone while he was asleep.")
    assert result.codes == {"stalking", "user_perpetration"}
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


@pytest.mark.parametrize(
    ("text", "code", "level"),
    [
        # contractions, bare nouns and dialect for the partner
        ("hes been thumping me when he drinks", "physical_violence", "red"),
        ("husband raised his hand on me at his sister's wedding", "physical_violence", "red"),
        ("me fella had me round the throat on the landing", "strangulation", "high_danger"),
        ("bf said he go kill me if i leave am", "threats", "high_danger"),
        ("she warned me she'd throw acid on me", "threats", "high_danger"),
        ("he takes my whole paycheque and hands me £30 a week", "coercive_control", "red"),
        ("i'm not allowed friends round any more", "coercive_control", "red"),
        ("my ex was parked across the street from my flat all night", "stalking", "red"),
        ("he keeps texting me from his cousin's number", "stalking", "red"),
        # the writer, in a draft to them
        ("I know where you live now and I will wait outside your work", "stalking", "red"),
        ("gonna sit outside ur flat till u talk to me", "user_perpetration", "red"),
        ("he tells my family i'm losing my mind", "manipulation", "red"),
        (
            "my gf keeps saying she'll off herself if i go travelling",
            "partner_suicide_threat",
            "red",
        ),
        ("she got a safety order against me", "legal_boundary", "red"),
        ("wanna unalive myself tbh", "self_harm", "red"),
    ],
)
def test_wider_wordings_are_found(text: str, code: str, level: str) -> None:
    result = scan(text)
    assert code in result.codes
    assert LEVELS.index(result.level) >= LEVELS.index(level)


def test_a_negation_inside_a_condition_does_not_cancel_the_threat() -> None:
    result = scan("if i don't pick up he says he'll come over and break my legs")
    assert "threats" in result.codes


def test_someone_elses_self_harm_is_not_the_writers() -> None:
    assert scan("my cousin tried to overdose last spring").level == "green"
    result = scan("my boyfriend said he'd drive into a wall if I left")
    assert result.codes == {"partner_suicide_threat"}


@pytest.mark.parametrize(
    "text",
    [
        "I want to die and I know exactly how I'd do it.",
        "I keep thinking about killing myself. I'll do it after everyone's asleep.",
        "bought a rope today, waiting till the house is empty",
    ],
)
def test_self_harm_with_a_plan_or_means_is_a_crisis(text: str) -> None:
    result = scan(text)
    assert result.level == "crisis"
    assert "self_harm" in result.codes


def test_means_without_a_plan_or_thoughts_stay_quiet() -> None:
    assert scan("I bought paracetamol and cough sweets for this cold.").level == "green"


def test_violence_in_pregnancy_is_high_danger() -> None:
    assert scan("he shoved me into the table when I was pregnant").level == "high_danger"


@pytest.mark.parametrize(
    "text",
    [
        "my sister hugged me so tight I couldn't breathe, we hadn't seen each other in years",
        "this house feels so suffocating in summer",
        "she's going to kill me for eating her leftovers",
        "I jokingly said I'd strangle him if he sang that song again",
        "he choked at the penalty spot again",
        "My husband beat me at chess again.",
    ],
)
def test_more_figures_of_speech_stay_below_red(text: str) -> None:
    assert LEVELS.index(scan(text).level) < LEVELS.index("red")


def test_shared_openings_are_tried_once_per_family() -> None:
    joined = _join_shared_openings(["\\b{{PS}} hit me|\\bslapped", "\\b{{PS}} kicked me"])
    assert "\\b{{PS}}(?: hit me| kicked me)" in joined
    assert "\\bslapped" in joined


def test_the_edge_of_the_bed_is_not_a_ledge() -> None:
    assert scan("I'm sitting on the edge of the bed crying again").level == "green"
    assert scan("im on the edge of the cliff").level == "crisis"
