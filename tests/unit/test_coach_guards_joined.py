"""The coach's scope guards joined into one regex answer exactly as the separate ones did.

A guard such as ``unless_sentence`` only asks whether any of its patterns matches, so the
rule loader joins them (rules.any_of) for speed. A joined guard that answered differently
would silently change which findings a user sees.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from heartwork.coach.rules import _compiler, any_of

_GUARDS = ("unless_sentence", "unless_next_sentence", "unless_after", "unless_before", "only_after")


def _rule_guards() -> list[tuple[re.Pattern[str], ...]]:
    """Every multi-pattern guard of the shipped rules, compiled one by one as written."""
    raw = resources.files("heartwork.coach").joinpath("data/rules.toml").read_bytes()
    data: dict[str, Any] = tomllib.loads(raw.decode("utf-8"))
    compile_all = _compiler(data.get("macros", {}))
    return [
        compile_all(rule[guard], rule["id"])
        for rule in data["rule"]
        for guard in _GUARDS
        if len(rule.get(guard, [])) > 1
    ]


RULE_GUARDS = _rule_guards()
# Words the guards look for, mixed with ordinary ones, so random texts hit them often.
WORDS = sorted(
    {word for guard in RULE_GUARDS for p in guard for word in re.findall(r"[a-z']{3,}", p.pattern)}
    | {"i", "you", "sorry", "but", "not", "the", "and", ",", ".", "?", "\n", '"'}
)
TEXTS = st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join)


def test_the_shipped_rules_have_guards_to_join() -> None:
    assert RULE_GUARDS, "no rule has a guard of several patterns: this test checks nothing"


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, which=st.integers(min_value=0))
def test_a_joined_guard_finds_a_match_exactly_where_one_of_its_parts_does(
    text: str, which: int
) -> None:
    guard = RULE_GUARDS[which % len(RULE_GUARDS)]
    joined = any_of(guard)
    assert len(joined) == 1
    assert bool(joined[0].search(text)) == any(p.search(text) for p in guard)
    assert bool(joined[0].match(text)) == any(p.match(text) for p in guard)


def test_one_pattern_or_none_is_left_as_it_is() -> None:
    single = (re.compile("a"),)
    assert any_of(single) is single
    assert any_of(()) == ()


def test_patterns_that_cannot_share_a_regex_stay_separate() -> None:
    backreference = (re.compile(r"(\w)\1"), re.compile("b"))
    named = (re.compile(r"(?P<x>a)"), re.compile(r"(?P<x>b)"))
    mixed_flags = (re.compile("a", re.MULTILINE), re.compile("b"))
    for patterns in (backreference, named, mixed_flags):
        assert any_of(patterns) is patterns


def test_anchors_keep_their_meaning_in_a_joined_guard() -> None:
    joined = any_of((re.compile(r"^no\b", re.MULTILINE), re.compile(r"later$", re.MULTILINE)))
    assert joined[0].search("fine\nno way")
    assert joined[0].search("see you later\nbye")
    assert not joined[0].search("i said no")


# The engine looks for a few literal words before two costly guard searches. Each search
# can only match where its words are, so the result is the same; these check that claim
# on random texts, including ones where the words sit far back (textkit looks 90
# characters back for disowning, and the engine's shortcut must look as far).
GUARD_WORDS = st.sampled_from(
    [
        "not", "never", "no", "won't", "didnt", "going", "to", "pretend", "say", "because",
        "i'm", "it's", "she", "you", "told", "me", "said", "asked", "wrote", "texted",
        "that", "i", "was", "busy", "tired", "really", "and", "the", "week", ",",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(words=st.lists(GUARD_WORDS, min_size=1, max_size=40), cut=st.integers(min_value=0))
def test_the_guard_shortcuts_never_skip_a_search_that_would_match(
    words: list[str], cut: int
) -> None:
    from heartwork.coach import engine
    from heartwork.textkit import disowned

    text = " ".join(words)
    start = cut % (len(text) + 1)
    if disowned(text, 0, start):
        reach = max(0, start - engine._DISOWN_REACH)
        assert engine._DISOWN_HINT.search(text, reach, start)
    before = text[:start]
    if engine._REPORTED.search(before):
        assert engine._REPORTED_VERBS.search(before)


def test_the_shortcuts_let_real_disowning_and_reported_speech_through() -> None:
    from heartwork.coach import engine
    from heartwork.textkit import disowned

    for before, after in (("i'm not going to pretend i ", "was busy"), ("it's not because ", "i")):
        text, start = before + after, len(before)
        assert disowned(text, 0, start)
        assert engine._DISOWN_HINT.search(text, max(0, start - engine._DISOWN_REACH), start)
    assert engine._REPORTED.search("she told me ")
    assert engine._REPORTED_VERBS.search("she told me ")
