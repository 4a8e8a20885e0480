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
            (match.start(), match.end())
            for match in _SENTENCE.finditer(text)
            if match.group().strip()
        )
        quotes = tuple((match.start(), match.end()) for match in _QUOTED.finditer(text))
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


def word_count(text: str) -> int:
    return len(_WORD.findall(text.lower()))
