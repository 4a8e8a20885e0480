"""The gated pattern machinery (heartwork.gates, heartwork.patterns) finds what finditer finds.

The gates only decide where, and whether, a pattern is tried: they must never change what
it matches. The tests compare every pattern of both rule sets with plain ``finditer``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heartwork.coach import engine
from heartwork.coach.rules import rulebook
from heartwork.gates import gate_for
from heartwork.patterns import Gated, PatternIndex, gated, whole_words
from heartwork.safety import scanner
from heartwork.textkit import Layout, normalise

TESTS = Path(__file__).resolve().parents[1]

# Wordings that stress the edges: quotes and emoji, line starts, apostrophes, figures.
EDGE_TEXTS = (
    "Fine.",
    "hi\n\nyou never listen??? 🙄🙄 i could kill him for that lol",
    "'I'm outside' he texted at 2am. He's outside my flat rn, 10 mins ago.",
    "I've been saving up my pills. I hit him, then he grabbed me by the throat.",
    "Sorry, but you're such a fucking joke 😂 *rolls eyes*",
    "gonna wait outside your work. I'll kill you. He says I'm crazy.",
)


def _texts(per_file: int) -> list[str]:
    texts = list(EDGE_TEXTS)
    for pattern in ("coach/corpus/*.jsonl", "safety/corpus/*.jsonl"):
        for path in sorted(TESTS.glob(pattern)):
            lines = path.read_text(encoding="utf-8").splitlines()
            texts += [json.loads(line)["text"] for line in lines[:per_file] if line.strip()]
    return texts


def _spans(matches: list[re.Match[str]]) -> list[tuple[int, int, str]]:
    return [(match.start(), match.end(), match.group()) for match in matches]


@pytest.mark.parametrize(
    "index",
    [
        pytest.param(lambda: rulebook().index(), id="coach rules"),
        pytest.param(scanner.pattern_index, id="safety cues"),
        pytest.param(engine._index, id="both together"),
    ],
)
def test_every_pattern_matches_exactly_what_finditer_matches(index: object) -> None:
    patterns = index()  # type: ignore[operator]
    assert isinstance(patterns, PatternIndex)
    for text in _texts(per_file=12):
        lowered = normalise(text)
        scan = patterns.scan(lowered)
        for pattern in patterns.patterns:
            expected = _spans(list(pattern.pattern.finditer(lowered)))
            assert _spans(scan.matches(pattern)) == expected, (pattern.pattern.pattern, text)
            assert (pattern in scan.starts) == bool(expected and pattern.gate.openings)


def test_a_pattern_is_tried_only_at_word_starts_with_one_of_its_openings() -> None:
    gate = gate_for(re.compile(r"\b(?:sorry|apologi[sz]e) but"))
    assert gate.openings == {"sorry but", "apologise bu", "apologize bu"}  # cut at twelve
    # A group whose branches do not all end in a known string still grows the ones that do.
    assert gate_for(re.compile(r"\b(?:fuck|f\*+k) you\b")).openings == {"fuck you", "f*"}
    # Lookbehinds take no room: the pattern still starts at a word.
    assert gate_for(re.compile(r"(?<!\bi )\bhit me")).openings == {"hit me"}
    # So does one that starts a sentence, after a line break or ". ".
    after_stop = gate_for(re.compile(r"(?:^|(?<=[.!?] ))(?:gonna|will) kill"))
    assert after_stop.openings == {"gonna kill", "will kill"}
    # Not at a word start, or starting with any word at all: tried everywhere.
    assert not gate_for(re.compile(r"\d+ ?mins ago")).openings
    assert not gate_for(re.compile(r"\b\w+ hits me")).openings


def test_a_pattern_that_wanders_needs_its_later_words_somewhere_in_the_text() -> None:
    gate = gate_for(re.compile(r"\bi (?:\w+ ){0,2}?(?:hit|pushed) (?:him|her)\b"))
    assert gate.openings == {"i "}
    assert [set(way) for way in gate.needs] == [
        {frozenset({"him", "her"}), frozenset({"hit him", "hit her", "pushed him", "pushed her"})}
    ]
    # Branches that each need several things make one way each.
    split = gated((re.compile(r"\bi (?:(?:\w+ )?(?:hit|pushed) him|(?:\w+ )?took her keys)"),))
    ways = {frozenset(way) for way in split[0].gate.needs}
    assert ways == {
        frozenset({frozenset({"hit him", "pushed him"}), frozenset({"him"})}),
        frozenset({frozenset({"took her key"}), frozenset({"her keys"})}),
    }
    # One that cannot wander fails fast where it does not match: no needs, tried with others.
    assert gate_for(re.compile(r"\bsorry (?:for|about) (?:that|it)\b")).needs == ()


def test_a_pattern_tried_everywhere_is_first_looked_for_with_in() -> None:
    assert gate_for(re.compile(r"(?:💀|🙃)")).contains == {"💀", "🙃"}
    assert gate_for(re.compile(r"\?{3,}")).contains == {"???"}
    # Too many strings to look for: cut shorter until they are few ("@ 1:", "@ 1 " ... → "@ 1").
    assert gate_for(re.compile(r"@ [1-4](?::\d\d)? ?am")).contains == {"@ 1", "@ 2", "@ 3", "@ 4"}
    assert gate_for(re.compile(r"^\W*(?:ok|fine)\W*$", re.MULTILINE)).contains == frozenset()


def test_a_pattern_that_starts_a_line_is_tried_only_where_lines_start() -> None:
    pattern = gated((re.compile(r"^\W*(?:ok|fine)\W*$", re.MULTILINE),))[0]
    assert pattern.gate.line_start and not pattern.gate.openings
    assert not gate_for(re.compile(r"\bok\b")).line_start
    index = PatternIndex([pattern])
    text = "ok\nwell fine\n fine.\n\nok"
    assert _spans(index.scan(text).matches(pattern)) == _spans(list(pattern.pattern.finditer(text)))
    assert len(index.scan(text).matches(pattern)) == 3
    # Gated patterns do not need it.
    assert gate_for(re.compile(r"\bsorry\b")).contains == frozenset()


def test_patterns_with_other_flags_are_tried_together_with_their_own_flags() -> None:
    index = PatternIndex(
        gated(
            (re.compile(r"^hi there\b", re.MULTILINE), re.compile(r"\bhi\b"), re.compile(r"\bhi t"))
        )
    )
    text = "well\nhi there. oh hi"
    scan = index.scan(text)
    for pattern in index.patterns:
        assert _spans(scan.matches(pattern)) == _spans(list(pattern.pattern.finditer(text)))
    assert [len(scan.matches(pattern)) for pattern in index.patterns] == [1, 2, 1]


def test_needs_that_are_missing_keep_a_pattern_from_running_and_present_ones_do_not() -> None:
    pattern = gated((re.compile(r"\bi (?:\w+ ){0,2}?(?:hit|pushed) (?:him|her)\b"),))[0]
    index = PatternIndex([pattern])
    assert index.scan("i really hit him").matches(pattern)
    assert not index.scan("i really hit a wall").matches(pattern)
    assert not index.scan("i was there for him").starts


def test_the_coach_gets_the_same_safety_result_as_the_scanner() -> None:
    for text in _texts(per_file=8):
        draft = engine._Draft.of(text)
        prepared = scanner.scan_prepared(text, draft.lowered, Layout.of(draft.lowered), draft.scan)
        assert prepared == scanner.scan(text), text


def test_a_scan_lists_what_it_found_in_the_order_of_the_index() -> None:
    # The coach decides between two findings of one label at the same place by this
    # order: the rule listed first in its rule file wins, wherever each one opens.
    first, second = gated((re.compile(r"\bzz\w* b"), re.compile(r"\byy\w* a")))
    index = PatternIndex([first, second])
    scan = index.scan("yy q. zzz b. yyy a.")
    assert scan.in_order() == [first, second]
    assert isinstance(first, Gated)
    assert PatternIndex([second, first]).scan("yy q. zzz b. yyy a.").in_order() == [second, first]


WORDS = frozenset({"que", "q", "k", "pero", "yo", "el", "la", "porque"})


@settings(max_examples=300)
@given(st.lists(st.sampled_from([*WORDS, "quest", "qq", "yoyo", " ", ",", "'", "é", "_", "9"])))
def test_whole_words_finds_a_word_exactly_when_the_text_has_it_as_a_word(parts: list[str]) -> None:
    text = "".join(parts)
    has_word = not WORDS.isdisjoint(re.findall(r"\w+", text))
    assert (whole_words(WORDS).search(" " + text) is not None) == has_word
