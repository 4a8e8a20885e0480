"""Flesch-Kincaid grade level (English) and Fernández-Huerta reading ease (Spanish), for
keeping the program's words plain.

Pure Python with a syllable heuristic (vowel groups, less a silent final e, es or ed), so it is an
estimate: good for "is this file getting harder to read", not for a precise grade.
grade = 0.39 * words per sentence + 11.8 * syllables per word - 15.59.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

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


# -- Spanish: Fernández-Huerta reading ease ------------------------------------------
# ease = 206.84 - 60 * syllables per word - 1.02 * words per sentence (the usual correction
# of the 1959 formula, which divided the wrong way). Higher is easier: 80-90 easy, 70-80
# fairly easy ("bastante fácil"), 60-70 normal, below 60 harder.

_SPANISH_WORD = re.compile(r"[^\W\d_]+")
_SPANISH_VOWELS = re.compile(r"[aeiouáéíóúü]+")
_STRONG = frozenset("aeoáéó")
_ACCENTED_WEAK = frozenset("íú")


def syllables_es(word: str) -> int:
    """A Spanish word's syllables, estimated from its vowels; at least 1.

    Vowels side by side share a syllable (a diphthong, "cie-lo", "cui-dar") unless both are
    strong (a, e, o: "le-er") or a weak one carries an accent ("dí-a").
    """
    count = 0
    for group in _SPANISH_VOWELS.findall(word.lower()):
        count += 1
        for left, right in pairwise(group):
            both_strong = left in _STRONG and right in _STRONG
            if both_strong or left in _ACCENTED_WEAK or right in _ACCENTED_WEAK:
                count += 1
    return max(1, count)


def counts_es(text: str) -> Counts:
    plain = _MARKUP.sub("", _LINK.sub(r"\1", text))
    sentences = 0
    total = Counts()
    for part in _SENTENCE_END.split(plain):
        words = _SPANISH_WORD.findall(part)
        if words:
            sentences += 1
            total += Counts(len(words), 0, sum(syllables_es(word) for word in words))
    return Counts(total.words, sentences, total.syllables)


def ease_es(texts: str | Iterable[str]) -> float:
    """Fernández-Huerta reading ease of one Spanish text, or of several read as one."""
    items = [texts] if isinstance(texts, str) else texts
    total = Counts()
    for text in items:
        total += counts_es(text)
    if not total.words:
        return 100.0
    per_sentence = total.words / max(1, total.sentences)
    return 206.84 - 60 * total.syllables / total.words - 1.02 * per_sentence
