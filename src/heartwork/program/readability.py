"""Flesch-Kincaid grade level, for keeping the program's words plain.

Pure Python with a syllable heuristic (vowel groups, less a silent final e, es or ed), so it is an
estimate: good for "is this file getting harder to read", not for a precise grade.
grade = 0.39 * words per sentence + 11.8 * syllables per word - 15.59.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>]")
# A sentence ends at . ! ? (a run of them counts once) or at a line break, as in a list.
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n+")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*")
_SILENT_END = re.compile(r"(?:[^laeiouy]es|[^laeiouytd]ed|[^laeiouy]e)$")
_VOWEL_GROUP = re.compile(r"[aeiouy]{1,2}")


def syllables(word: str) -> int:
    """A word's syllables, estimated; at least 1."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    if len(letters) <= 3:
        return 1
    letters = _SILENT_END.sub("", letters)
    letters = letters.removeprefix("y")
    return max(1, len(_VOWEL_GROUP.findall(letters)))


@dataclass(frozen=True)
class Counts:
    words: int = 0
    sentences: int = 0
    syllables: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.words + other.words,
            self.sentences + other.sentences,
            self.syllables + other.syllables,
        )

    @property
    def grade(self) -> float:
        if not self.words:
            return 0.0
        sentences = max(1, self.sentences)
        return 0.39 * self.words / sentences + 11.8 * self.syllables / self.words - 15.59


def counts(text: str) -> Counts:
    plain = _MARKUP.sub("", _LINK.sub(r"\1", text))
    sentences = 0
    total = Counts()
    for part in _SENTENCE_END.split(plain):
        words = _WORD.findall(part)
        if words:
            sentences += 1
            total += Counts(len(words), 0, sum(syllables(word) for word in words))
    return Counts(total.words, sentences, total.syllables)


def grade(texts: str | Iterable[str]) -> float:
    """The grade of one text, or of several read as one (their words and sentences pooled)."""
    items = [texts] if isinstance(texts, str) else texts
    total = Counts()
    for text in items:
        total += counts(text)
    return total.grade
