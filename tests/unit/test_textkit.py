"""Text helpers shared by the coach and the safety scanner (heartwork.textkit).

The fast paths must answer exactly what the plain definitions answer: these compare them
on generated text built from the characters and words that matter.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from heartwork.textkit import NEGATION_WINDOW, NEGATORS, Layout, clause_negated

# Clause breaks, negators, apostrophes and words glued to them ("but'not").
PIECES = st.sampled_from(
    [
        "not ", "never ", "don't ", "no", "stop", "hardly ", "and ", "but ", "but'not ",
        "and'x ", "i ", "sorry ", "you ", "were ", ", ", "; ", ": ", "(", ") ", " - ",
        " \u2014 ", "-", "'", '"', "\n", ". ", "x", "brand ", "butter ", "nothing",
    ]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=40).map("".join)

_BREAK = re.compile(r"[,;:()]|\s[-\u2013\u2014]\s|\b(?:and|but)\b")
_WORD = re.compile(r"[a-z0-9']+")


def _clause_negated_plainly(text: str, sentence_start: int, match_start: int) -> bool:
    """The definition: a negator among the last words of the clause before the match."""
    start = max(sentence_start, match_start - 120)
    if start > sentence_start:
        space = text.find(" ", start, match_start)
        start = space if space >= 0 else match_start
    before = text[start:match_start]
    breaks = list(_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    return any(word in NEGATORS for word in _WORD.findall(before)[-NEGATION_WINDOW:])


@settings(max_examples=400)
@given(TEXTS, st.data())
def test_clause_negation_answers_as_its_definition_does(text: str, data: st.DataObject) -> None:
    match_start = data.draw(st.integers(0, len(text)))
    sentence_start = data.draw(st.integers(0, match_start))
    assert clause_negated(text, sentence_start, match_start) == _clause_negated_plainly(
        text, sentence_start, match_start
    )


def test_a_negation_reaches_only_to_the_end_of_its_clause() -> None:
    text = "i'm not saying you never listen, you always interrupt"
    assert clause_negated(text, 0, text.index("you never"))
    assert not clause_negated(text, 0, text.index("you always"))
    text = "i didn't mean it but you pushed me"
    assert not clause_negated(text, 0, text.index("you pushed"))


_QUOTED = re.compile(r"\"[^\"\n]{2,300}\"|(?:(?<=^)|(?<=[\s(:,]))'[^'\n]{2,300}?'(?=[\s.,!?;:)]|$)")


@settings(max_examples=400)
@given(TEXTS)
def test_quotes_are_found_wherever_a_plain_search_finds_them(text: str) -> None:
    # Layout skips the quote search when no quotation mark could open one; it must
    # never skip a text where one does.
    assert Layout.of(text).quotes == tuple(match.span() for match in _QUOTED.finditer(text))


def test_quoted_words_are_told_apart_from_apostrophes() -> None:
    layout = Layout.of("you said 'you always do this' and i don't agree")
    assert layout.in_quote(12)
    assert not Layout.of("i don't know what i'd do").quotes
    assert Layout.of("'hey there' she wrote").quotes == ((0, 11),)
