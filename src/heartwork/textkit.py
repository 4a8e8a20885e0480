"""Text helpers shared by the coach and the safety scanner: normalising, sentences, quotes
and negation. Pure Python: no Django import."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# Same-length replacements only: every offset into the normalised text is an
# offset into what the person typed, so spans can be highlighted exactly.
_SAME_LENGTH = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "}
)

# A sentence ends at . ! ? (and runs of them, with closing quotes or brackets), or a line break.
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"')\]]*|\n|$)|[.!?]+")
_WORD = re.compile(r"[a-z0-9']+")
_QUOTED = re.compile(r"\"[^\"\n]{2,300}\"|(?:(?<=^)|(?<=[\s(:,]))'[^'\n]{2,300}?'(?=[\s.,!?;:)]|$)")
# Where a single quotation mark can open a quote in _QUOTED: after a space, "(", ":", ","
# or at the start of a line. Written to start with the mark itself, so the regex engine
# jumps from one "'" to the next instead of trying the alternatives at every character.
_QUOTE_OPENS = re.compile(r"'(?:(?<=[\s(:,]')|(?<=^'))", re.MULTILINE)
# Words that flip what follows them: "not sorry", "never said you made me".
NEGATORS = frozenset(
    {
        "not", "never", "no", "nothing", "without", "nobody", "neither", "nor", "hardly",
        "don't", "dont", "doesn't", "doesnt", "didn't", "didnt", "isn't", "isnt", "wasn't",
        "wasnt", "aren't", "arent", "weren't", "werent", "won't", "wont", "can't", "cant",
        "cannot", "couldn't", "couldnt", "wouldn't", "wouldnt", "shouldn't", "shouldnt",
        "haven't", "havent", "hasn't", "hasnt", "ain't", "aint", "stop", "stopped",
    }
)  # fmt: skip
NEGATION_WINDOW = 3
# Characters before a match that can hold those words, however long they are.
_NEGATION_REACH = 120


def normalise(text: str) -> str:
    """Lower case with straight quotes, keeping every character at its offset."""
    lowered = text.lower()
    if len(lowered) != len(text):  # rare: a few letters lower-case to two characters
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return lowered.translate(_SAME_LENGTH)


@dataclass(frozen=True)
class Layout:
    """Where the sentences and quotations of a text are."""

    sentences: tuple[tuple[int, int], ...]
    quotes: tuple[tuple[int, int], ...]
    _starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Layout:
        sentences = tuple(
            match.span() for match in _SENTENCE.finditer(text) if not match.group().isspace()
        )
        # Most drafts quote nobody: skip the search when no quotation mark could open one.
        quotes = (
            tuple(match.span() for match in _QUOTED.finditer(text))
            if '"' in text or _QUOTE_OPENS.search(text)
            else ()
        )
        return cls(sentences, quotes, tuple(start for start, _ in sentences))

    def sentence_index(self, position: int) -> int:
        return max(0, bisect_right(self._starts, position) - 1)

    def sentence_at(self, position: int) -> tuple[int, int]:
        if not self.sentences:
            return (0, 0)
        return self.sentences[self.sentence_index(position)]

    def next_sentence(self, position: int) -> tuple[int, int] | None:
        index = self.sentence_index(position) + 1
        return self.sentences[index] if index < len(self.sentences) else None

    def in_quote(self, start: int) -> bool:
        """Whether ``start`` falls inside quoted speech."""
        return any(q_start < start < q_end for q_start, q_end in self.quotes)


def negated(text: str, sentence_start: int, match_start: int) -> bool:
    """Whether a negation sits within a few words before ``match_start`` in its sentence."""
    before = _WORD.findall(text[sentence_start:match_start])
    return any(word in NEGATORS for word in before[-NEGATION_WINDOW:])


# Where a clause ends inside a sentence: a negation before it does not reach past it
# ("I'll never stop loving you, I'll be the best..." does not negate the second clause).
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s[-\u2013\u2014]\s|\b(?:and|but)\b")
# The writer disowns what follows: "I'm not going to pretend I was busy", "I won't say it
# was only a joke", "I'm not writing because I can't sleep", "it's not because I'm drunk".
_DISOWNED = re.compile(
    r"(?:\b(?:not|never|no)|n'?t)\s+(?:(?:even|really|just|gonna|going|to|gon|try|trying|"
    r"about|here|sit|sitting|ever)\s+){0,4}"
    r"(?:pretend(?:ing)?|claim(?:ing)?|say(?:ing)?|tell(?:ing)? you|mak(?:e|ing) out|"
    r"act(?:ing)? like|us(?:e|ing)|hid(?:e|ing) behind|blam(?:e|ing)(?: it)? on|call(?:ing)? it|"
    r"mak(?:e|ing) (?:an? )?excuses?(?: like)?)"
    r"\s+(?:[\w']+\s+){0,3}$"
    r"|\b(?:i'?m|im|i am|i was|this is|this isn'?t|it'?s|its|it is|that'?s)\s+not\s+"
    r"(?:(?:writing|texting|messaging|saying|sending|reaching out|asking|telling you|calling|"
    r"apologi[sz]ing|doing)\s+(?:(?:this|that|it|you)\s+)?)?(?:just\s+|only\s+)?"
    r"(?:because|cause|cos|coz|cuz|bc|since)\s+(?:\w+\s+){0,2}$"
)


def clause_negated(text: str, sentence_start: int, match_start: int) -> bool:
    """Like :func:`negated`, but a negation does not reach across a clause break."""
    # Only the last few words count: a window of them, cut at a space so no word is halved.
    start = max(sentence_start, match_start - _NEGATION_REACH)
    if start > sentence_start:
        space = text.find(" ", start, match_start)
        start = space if space >= 0 else match_start
    before = text[start:match_start]
    # Most matches have no negation near them: look for one before looking for breaks.
    # A break only ever cuts words off the front (and "but'not" to "'not", no negator),
    # so with no negator in the last words there is none after the last break either.
    if NEGATORS.isdisjoint(_WORD.findall(before)[-NEGATION_WINDOW:]):
        return False
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    words = _WORD.findall(before)
    return any(word in NEGATORS for word in words[-NEGATION_WINDOW:])


def disowned(text: str, sentence_start: int, match_start: int) -> bool:
    """Whether the words just before ``match_start`` disown what follows.

    "I'm not going to pretend I was busy" and "I'm not writing because I can't sleep" do
    not say the writer was busy or cannot sleep.
    """
    return bool(_DISOWNED.search(text, max(sentence_start, match_start - 90), match_start))


def word_count(text: str) -> int:
    return len(_WORD.findall(text.lower()))
