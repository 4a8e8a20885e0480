"""The coach engine on its own: contract, guards and properties that hold for any text."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heartwork.coach import KINDS, MAX_CHARS, CoachInputError, analyze
from heartwork.coach.types import ALL_LABELS, PROBLEM_LABELS, VERDICTS


def labels(text: str, kind: str, **options: object) -> set[str]:
    return set(analyze(text, kind=kind, **options).labels)  # type: ignore[arg-type]


def test_the_issue_example_apology_reports_but_undo_and_blame_with_spans() -> None:
    text = "Sorry, but you pushed me into yelling."
    result = analyze(text, kind="apology")
    assert {"but_undo", "blame_shifting"} <= set(result.labels)
    spans = {finding.label: finding.text for finding in result.findings}
    assert spans["but_undo"] == "but"
    assert spans["blame_shifting"] == "you pushed me into yelling"
    assert result.verdict == "revise"


def test_the_issue_example_first_message_is_gentle_and_ready() -> None:
    text = (
        "Hi. I hope your week is going well. I'd be glad to talk one day if you ever want to; "
        "no need to answer."
    )
    result = analyze(text, kind="reach_out")
    assert result.labels == ("gentle",)
    assert result.verdict == "ready"
    assert "no_pressure" in {strength.component for strength in result.strengths}


@pytest.mark.parametrize(
    ("text", "kind", "absent"),
    [
        ("I'm not sorry I went to therapy. It showed me what I did to you.", "apology", "excuse"),
        ("No pressure, only if you're open to it: coffee sometime?", "reach_out", "pressuring"),
        ("I'm sorry, and I have no excuse for it.", "apology", "excuse"),
        (
            "I went to the shop but it was closed. I'm sorry I forgot your parcel.",
            "apology",
            "but_undo",
        ),
        ("You said 'you always do this' and you were right.", "conflict_reply", "criticism"),
        ("You always made me laugh, and I miss that.", "conflict_reply", "criticism"),
        ("Whatever you decide, I'll respect it.", "conflict_reply", "stonewalling"),
        ("I'm done with drinking, for good.", "conflict_reply", "stonewalling"),
        ("I was drunk, and that's no excuse. I'm sorry I shouted at you.", "apology", "excuse"),
        ("You don't have to reply to this.", "reach_out", "pressuring"),
        # The writer disowns what follows: a negated "pretend" or "because" frame.
        ("I'm not going to pretend I was tired. I'm sorry I shouted at you.", "apology", "excuse"),
        (
            "I'm not messaging because I can't sleep, it's lunchtime here.",
            "reach_out",
            "late_night",
        ),
        # A negation inside the phrase: "you're not selfish" is no attack.
        ("You're not selfish and I was wrong to say it.", "conflict_reply", "criticism"),
        ("You're not an idiot for asking.", "conflict_reply", "contempt"),
        # A "but" that leads into a bigger apology takes nothing back.
        (
            "I'm sorry I took the car. But above all I'm sorry I lied about it.",
            "apology",
            "but_undo",
        ),
        ("Can we start the conversation over? I came in angry.", "conflict_reply", "stonewalling"),
        (
            "I'm sorry I wasn't there because you were in hospital alone.",
            "apology",
            "blame_shifting",
        ),
    ],
)
def test_scope_guards_keep_look_alikes_from_being_flagged(
    text: str, kind: str, absent: str
) -> None:
    assert absent not in labels(text, kind)


@pytest.mark.parametrize(
    ("text", "kind", "present"),
    [
        # A negation does not reach across a comma into the next clause.
        (
            "I'll never stop loving you, I'll be the best partner you ever had.",
            "reach_out",
            "over_promising",
        ),
        (
            "Do that one more time and your guitar is going out the window.",
            "conflict_reply",
            "hostile",
        ),
        ("Not discussing this any more.", "conflict_reply", "stonewalling"),
        (
            "Sorry I snapped, your constant moaning about my mates winds me up.",
            "apology",
            "blame_shifting",
        ),
    ],
)
def test_phrase_families_are_flagged(text: str, kind: str, present: str) -> None:
    assert present in labels(text, kind)


@pytest.mark.parametrize(
    "text",
    ["Happy Hanukkah to you and yours.", "Found our old festival wristbands today and smiled."],
)
def test_wishes_and_memories_are_guessed_as_first_messages(text: str) -> None:
    assert analyze(text, kind="auto").kind == "reach_out"


def test_a_send_time_late_at_night_holds_a_first_message() -> None:
    text = "Hey, thinking of you. Hope you're well."
    assert analyze(text, kind="reach_out", sent_at=datetime(2026, 3, 1, 14, 0)).verdict == "ready"
    late = analyze(text, kind="reach_out", sent_at=datetime(2026, 3, 1, 2, 30))
    assert late.verdict == "hold"
    assert "late_night" in late.labels


def test_a_long_first_message_is_an_emotional_dump() -> None:
    text = " ".join(
        ["I keep thinking about the summer we had by the lake and what went wrong."] * 9
    )
    assert "emotional_dump" in labels(text, "reach_out")


def test_threats_hold_the_message_and_fill_the_safety_field() -> None:
    result = analyze("If I can't have you, no one can.", kind="reach_out")
    assert result.verdict == "hold"
    assert result.safety is not None
    assert result.safety.cues[0].family == "threats"


@pytest.mark.parametrize(
    "text",
    [
        "I should have told you about the debt myself. I'm sorry.",
        "I never should've shouted at you in front of your mum. Sorry.",
        "Reading your diary was a huge breach of your privacy and I'm sorry.",
        "Lying to you about the money was a betrayal. I am so sorry.",
    ],
)
def test_an_apology_that_names_what_it_should_have_done_is_genuine(text: str) -> None:
    assert analyze(text, kind="apology").labels == ("genuine",)


def test_an_event_that_shocked_the_writer_is_not_an_owned_act() -> None:
    result = analyze("Sorry. Seeing you with him was a huge shock.", kind="apology")
    assert "genuine" not in result.labels


def test_a_bare_sorry_owns_no_act_so_it_is_not_called_genuine() -> None:
    result = analyze("Sorry.", kind="apology")
    assert "genuine" not in result.labels
    assert {suggestion.component for suggestion in result.suggestions} >= {"responsibility"}


def test_auto_guesses_the_kind_and_says_so() -> None:
    result = analyze("I'm sorry I missed your birthday. That was on me.", kind="auto")
    assert (result.kind, result.kind_source) == ("apology", "guessed")
    assert analyze("hey, been a while. hope you're ok", kind="auto").kind == "reach_out"
    assert analyze("Whatever. You never listen.", kind="auto").kind == "conflict_reply"


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("   ", "apology", "empty"),
        ("hello", "poem", "unknown kind"),
        ("a" * (MAX_CHARS + 1), "auto", "longer than 20,000"),
    ],
)
def test_bad_input_is_refused_with_one_plain_line(text: str, kind: str, message: str) -> None:
    with pytest.raises(CoachInputError, match=message) as caught:
        analyze(text, kind=kind)
    assert "\n" not in str(caught.value)


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(min_size=1, max_size=600).filter(str.strip), kind=st.sampled_from([*KINDS, "auto"])
)
def test_any_text_gets_a_consistent_explainable_analysis(text: str, kind: str) -> None:
    result = analyze(text, kind=kind)
    assert result.verdict in VERDICTS
    assert set(result.labels) <= set(ALL_LABELS)
    assert set(result.labels) - {"genuine", "gentle", "constructive"} <= set(
        PROBLEM_LABELS[result.kind]
    )
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text
        assert finding.why and finding.rewrite
    for strength in result.strengths:
        assert text[strength.start : strength.end] == strength.text
    json.dumps(result.to_dict())  # the contract is plain JSON


words = st.sampled_from(
    [
        "i",
        "you",
        "sorry",
        "but",
        "always",
        "never",
        "whatever",
        "made",
        "me",
        "if",
        "was",
        "drunk",
        "tired",
        "please",
        "call",
        "answer",
        "done",
        "fine",
        "love",
        "miss",
        "think",
        "every",
        "day",
        "hope",
        "well",
        "no",
        "need",
        "reply",
        "the",
        "a",
        "and",
    ]
)


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(words, min_size=1, max_size=80), kind=st.sampled_from(KINDS))
def test_problem_labels_and_the_positive_label_never_appear_together(
    parts: list[str], kind: str
) -> None:
    result = analyze(" ".join(parts), kind=kind)
    positive = {"genuine", "gentle", "constructive"} & set(result.labels)
    assert not positive or len(result.labels) == 1
    assert (result.verdict == "ready") == (
        not result.safety
        and all(label in {"genuine", "gentle", "constructive"} for label in result.labels)
    )


@given(text=st.text(min_size=1, max_size=300).filter(str.strip))
def test_the_same_text_always_gets_the_same_analysis(text: str) -> None:
    assert analyze(text, kind="auto") == analyze(text, kind="auto")


@pytest.mark.parametrize(
    "text",
    [
        "I know there's a protection order but sorry, I just need you to hear me out.",
        "If you leave me I will kill you. Answer me now.",
        "I'll kill myself if you don't come back, you know I will.",
    ],
)
def test_with_safety_cues_the_coach_stops_shaping_the_message(text: str) -> None:
    result = analyze(text)

    assert result.safety is not None
    assert result.verdict == "hold"
    assert all(finding.rewrite == "" for finding in result.findings)
    assert result.suggestions == ()
    assert "will not help shape it" in result.summary


def test_without_safety_cues_rewrites_are_still_offered() -> None:
    result = analyze("Sorry, but you pushed me into yelling.", kind="apology")

    assert result.safety is None
    assert result.findings and all(finding.rewrite for finding in result.findings)
