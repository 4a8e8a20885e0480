"""Gated pattern sets: most patterns skip a text without scanning it. Pure Python.

Shared by the message coach and the safety scanner.

A pattern such as ``\\b(?:sorry|apologi[sz]e) ... but`` can only match where a word
starts with one of its openings ("sorry", "apologise", "apologize"; see
heartwork.gates). One trie-shaped regex finds, in one pass, the longest opening at each
word start; a pattern is then tried at those places alone instead of at every
character, together with the other patterns of the same opening in one call to the
regex engine. A pattern that also needs words elsewhere in the text (its needs) is not
tried at all in a text without them. Patterns with no openings run everywhere, as
written. Matches are exactly those of ``finditer``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate, islice, repeat
from operator import add
from typing import Any

from heartwork.gates import Gate, gate_for

__all__ = [
    "Gate",
    "Gated",
    "PatternIndex",
    "Scan",
    "gate_for",
    "gated",
    "trie_pattern",
    "whole_words",
]


def trie_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """One regex that finds, after each character that is not part of a word, the longest
    of ``words`` that starts right after it (all of them start with a word character).

    A word starts right after a character that is not part of one (PatternIndex.find
    puts a space before the text for the first word). Starting with that character,
    rather than with \\b, lets the regex engine skip over letters in a tight loop of
    its own instead of trying the whole pattern at each of them.
    """
    return re.compile(r"\W(?=(" + _trie(words) + "))")


def whole_words(words: frozenset[str]) -> re.Pattern[str]:
    """A regex that finds any of ``words`` as a whole word in a text with a space put in
    front: faster than listing every word of the text and looking each one up."""
    return re.compile(r"\W" + _trie(words) + r"(?!\w)")


def _trie(words: frozenset[str]) -> str:
    """``words`` as one alternative, shaped as a trie.

    The regex engine then follows shared letters once instead of trying every word in
    turn. Where a word may end, the rest is an alternative with an empty last branch,
    ``(?:...|)``, rather than ``(?:...)?``: the same longest-first choice, but the regex
    engine takes a branch without the memory it sets aside for each repeat, at every
    word start of every text.
    """
    if not all(_WORD_CHAR.match(word) for word in words):
        raise ValueError("every string looked for must start with a word character")
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if "" in node:  # a word ends here: the longer ones first, then none
            return "(?:" + "|".join(branches) + "|)"
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return render(trie)


_WORD_CHAR = re.compile(r"\w")


@dataclass(frozen=True, eq=False)  # hashed by identity: used as a dictionary key per text
class Gated:
    """A compiled pattern with the cheap gate that says where it could match."""

    pattern: re.Pattern[str]
    gate: Gate


# A pattern that numbers its groups in its own source ("\1", "(?P=name)", "(?(1)...)")
# cannot be joined with others, which would renumber them.
_GROUP_REFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")
_NAMED_GROUP = re.compile(r"(?<!\\)\(\?P<\w+>")


class _Together:
    """The patterns one opening opens, tried at a place in a single call to the regex engine.

    Each pattern becomes an optional lookahead with its own capturing group,
    ``(?:(?=(pattern))|)``: the engine tries every pattern at the place and the groups
    that matched say which ones did. A text has dozens of places and most match no
    pattern at all, so one call per place replaces one call per pattern per place.
    """

    def __init__(self, patterns: tuple[Gated, ...]) -> None:
        self.patterns = patterns
        self.joined: re.Pattern[str] | None = None
        self.groups: tuple[tuple[int, Gated], ...] = ()
        if len(patterns) > 1:
            self._join()

    def _join(self) -> None:
        sources = [gated.pattern.pattern for gated in self.patterns]
        if any(_GROUP_REFERENCE.search(source) for source in sources) or any(
            gated.pattern.flags & ~(re.MULTILINE | re.UNICODE) for gated in self.patterns
        ):
            return  # tried one by one instead
        parts, groups, number = [], [], 1
        for gated, source in zip(self.patterns, sources, strict=True):
            # Group names would clash between patterns; the numbers are enough here.
            source = _NAMED_GROUP.sub("(", source)
            if gated.pattern.flags & re.MULTILINE:  # the rules' flag, for this part alone
                source = "(?m:" + source + ")"
            parts.append("(?:(?=(" + source + "))|)")
            groups.append((number, gated))
            number += 1 + gated.pattern.groups
        try:
            joined = re.compile("".join(parts))
        except re.error:
            return
        if joined.groups == number - 1:
            self.joined, self.groups = joined, tuple(groups)

    def record(self, text: str, at: list[int], places: dict[Gated, list[int]]) -> None:
        """Add each of ``at`` to the places of the patterns that match there.

        The hottest loop of a scan: one call to the regex engine a place, and most places
        match nothing, so it is written out flat.
        """
        joined = self.joined
        if joined is None:
            for gated in self.patterns:
                match = gated.pattern.match
                for place in at:
                    if match(text, place):
                        places.setdefault(gated, []).append(place)
            return
        match, groups = joined.match, self.groups
        for place in at:
            found = match(text, place)
            if found is None or found.lastindex is None:
                continue
            spans = found.regs
            for number, gated in groups:
                if spans[number][0] >= 0:
                    places.setdefault(gated, []).append(place)


class _Opening:
    """What one string found at word starts opens in an index, worked out once per string."""

    def __init__(
        self,
        together: _Together | None,
        needy: tuple[tuple[Gated, int], ...],
        meets: frozenset[int],
        rare: int,
    ) -> None:
        # The patterns it opens with no other condition, tried together at each place.
        self.together = together
        # Those that also need words elsewhere in the text, with the bits of the rarest
        # sets of strings they need (see PatternIndex): most texts have none of them.
        self.needy = needy
        # The sets of needed strings that this string meets, by number, and as bits
        # those of them that are the rarest of some way.
        self.meets = meets
        self.rare = rare
        # The rarest needs of all its needy patterns as bits: one test skips them all
        # in a text that has none of them.
        self.needy_rare = 0
        for _, bits in needy:
            self.needy_rare |= bits
        self._needy_with: dict[int, tuple[Gated, ...]] = {}

    def needy_with(self, rare: int) -> tuple[Gated, ...]:
        """Its needy patterns with any of the rarest needs ``rare`` (bits), in order.

        Remembered for each combination met: a text has few of the rarest needs, so the
        same few combinations come back text after text.
        """
        found = self._needy_with.get(rare)
        if found is None:
            found = tuple(gated for gated, bits in self.needy if bits & rare)
            if len(self._needy_with) < _REMEMBERED:  # bounded, whatever texts come
                self._needy_with[rare] = found
        return found


# Combinations of rarest needs an opening remembers (see _Opening.needy_with).
_REMEMBERED = 64

_NONE: list[re.Match[str]] = []  # shared: Scan.matches hands it out, nobody changes it


class Scan:
    """One text, and for each gated pattern the places where it matches.

    Gated patterns start at a word boundary with one of a few known openings
    (see heartwork.gates), so they are tried at those word starts alone instead of at
    every character, all the patterns of one opening at once; a pattern whose
    openings are all absent costs nothing at all, and neither does one whose needs
    are not met.
    """

    def __init__(self, index: PatternIndex, text: str) -> None:
        self.text, self._index = text, index
        found = index.find(text)
        # The sets of needed strings found anywhere in the text, by number and as bits.
        have = self._have = frozenset().union(*[opening.meets for opening, _ in found])
        have_rare = 0
        for opening, _ in found:
            have_rare |= opening.rare
        self._have_rare = have_rare
        places: dict[Gated, list[int]] = {}
        verdicts: dict[Gated, bool] = {}
        for opening, at in found:
            if opening.together is not None:
                opening.together.record(text, at, places)
            hit = opening.needy_rare & have_rare
            if not hit:
                continue  # the usual case: none of its needy patterns has its rarest needs here
            for gated in opening.needy_with(hit):
                wanted = verdicts.get(gated)  # several openings can open one pattern
                if wanted is None:
                    wanted = verdicts[gated] = index.needs.wanted(gated, have, have_rare)
                if wanted:
                    for place in at:
                        if gated.pattern.match(text, place):
                            places.setdefault(gated, []).append(place)
        for at in places.values():
            at.sort()  # one opening's places come in order, several openings' need merging
        self.starts = places
        self._ordered: list[Gated] | None = None
        self._found: dict[Gated, list[re.Match[str]]] = {}

    def in_order(self) -> list[Gated]:
        """The patterns that match somewhere, in the order of the index (for rules: the
        order of the rule file), which decides which of two findings at one place is kept."""
        if self._ordered is None:
            self._ordered = sorted(self.starts, key=self._index.rank.__getitem__)
        return self._ordered

    def matches(self, gated: Gated) -> list[re.Match[str]]:
        """Where ``gated`` matches, like ``finditer``; the list is shared, do not change it."""
        found = self._found.get(gated)
        if found is None:
            if gated.gate.openings and gated not in self.starts:
                return _NONE  # the usual case: none of its openings, or no match at them
            found = self._found[gated] = self._matches(gated)
        return found

    def _matches(self, gated: Gated) -> list[re.Match[str]]:
        if not gated.gate.openings:
            contains = gated.gate.contains
            if contains and not any(string in self.text for string in contains):
                return []
            if not self._index.needs.wanted(gated, self._have, self._have_rare):
                return []
            if gated.gate.line_start:
                return _at_line_starts(gated.pattern, self.text)
            return list(gated.pattern.finditer(self.text))
        places = self.starts.get(gated)
        if not places:
            return []
        match_at, text = gated.pattern.match, self.text
        found: list[re.Match[str]] = []
        resume = 0  # like finditer, matches never overlap
        for position in places:
            if position < resume:
                continue
            match = match_at(text, position)
            if match:
                found.append(match)
                resume = max(match.end(), position + 1)
        return found


def _at_line_starts(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``finditer`` for a pattern that can only start where a line does."""
    found: list[re.Match[str]] = []
    place, resume = 0, 0
    while place >= 0:
        if place >= resume:
            match = pattern.match(text, place)
            if match:
                found.append(match)
                resume = max(match.end(), place + 1)
        place = text.find("\n", place)
        place = place + 1 if place >= 0 else -1
    return found


class _Needs:
    """What the patterns of an index need (Gate.needs), numbered to check each text fast.

    Each set of needed strings gets a number, so checking a way against what a text has
    is a subset test on small sets of numbers. The rarest set of each way (the last, see
    gate_for) also gets a bit: one AND of integers rules out most patterns for a text.
    """

    def __init__(self, patterns: tuple[Gated, ...]) -> None:
        needed = {need for gated in patterns for way in gated.gate.needs for need in way}
        numbers = {need: number for number, need in enumerate(needed)}
        rarest = sorted(
            {way[-1] for gated in patterns for way in gated.gate.needs}, key=numbers.__getitem__
        )
        bits = {need: 1 << bit for bit, need in enumerate(rarest)}
        numbers_of: dict[str, set[int]] = {}
        self.bits_of: dict[str, int] = {}
        for need, number in numbers.items():
            for string in need:
                numbers_of.setdefault(string, set()).add(number)
                self.bits_of[string] = self.bits_of.get(string, 0) | bits.get(need, 0)
        self.numbers_of = {string: frozenset(found) for string, found in numbers_of.items()}
        # Each pattern's ways, grouped by what they need besides their rarest set: most
        # patterns' ways differ only in that set ("said", "says", ...), so one group with
        # the bits of all those rarest sets stands for many ways.
        self.ways: dict[Gated, tuple[tuple[int, frozenset[int]], ...]] = {}
        self.rare_bits: dict[Gated, int] = {}
        for gated in patterns:
            if not gated.gate.needs:
                continue
            groups: dict[frozenset[int], int] = {}
            for way in gated.gate.needs:
                rest = frozenset(numbers[need] for need in way[:-1]) - {numbers[way[-1]]}
                groups[rest] = groups.get(rest, 0) | bits[way[-1]]
                self.rare_bits[gated] = self.rare_bits.get(gated, 0) | bits[way[-1]]
            self.ways[gated] = tuple((rare, rest) for rest, rare in groups.items())

    def met_by(self, strings: list[str]) -> tuple[frozenset[int], int]:
        """The sets that a text with ``strings`` at word starts meets, by number and bits."""
        bits = 0
        for string in strings:
            bits |= self.bits_of.get(string, 0)
        return frozenset().union(*[self.numbers_of.get(string, ()) for string in strings]), bits

    def wanted(self, gated: Gated, have: frozenset[int], have_rare: int) -> bool:
        """Whether a text that meets the sets ``have`` (and, as bits, the rarest sets
        ``have_rare``) has what ``gated`` needs."""
        ways = self.ways.get(gated)
        if ways is None:
            return True
        # A plain loop: any() over a generator costs more than the test, on every text.
        for rare, rest in ways:  # noqa: SIM110
            if rare & have_rare and rest <= have:
                return True
        return False


class PatternIndex:
    """Every gated pattern of a rule set, indexed by the openings that open it."""

    def __init__(self, patterns: Iterable[Gated]) -> None:
        self.patterns = tuple(patterns)
        self.rank = {gated: number for number, gated in enumerate(self.patterns)}
        self.direct: dict[str, list[Gated]] = {}
        for gated in self.patterns:
            for opening in gated.gate.openings:
                self.direct.setdefault(opening, []).append(gated)
        self.needs = _Needs(self.patterns)
        # Every string looked for at word starts: openings and needs.
        strings = frozenset(self.direct) | frozenset(self.needs.numbers_of)
        self.openings_pattern = trie_pattern(strings)
        # Filled as strings turn up in texts: joining patterns costs a few milliseconds
        # for each opening, and most openings never occur.
        self._openings: dict[str, _Opening] = {}
        self._together: dict[tuple[Gated, ...], _Together] = {}

    def find(self, text: str) -> list[tuple[_Opening, list[int]]]:
        """What each string found at word starts opens, and where, in order of first place."""
        # re.split leaves the string found at each place between the stretches of text
        # before and after it, a cheap way to have both what was found and where. Each
        # place is the length of the stretches before it, plus one for each character the
        # pattern took before a place (see trie_pattern), less the space put in front.
        parts = self.openings_pattern.split(" " + text)
        stretches = map(add, map(len, parts[:-1:2]), repeat(1))
        places = islice(accumulate(stretches, initial=-1), 1, None)
        by_string: dict[str, list[int]] = {}
        for string, place in zip(parts[1::2], places, strict=True):
            at = by_string.get(string)
            if at is None:
                by_string[string] = [place]
            else:
                at.append(place)
        known = self._openings
        return [(known.get(string) or self.opening(string), at) for string, at in by_string.items()]

    def opening(self, found: str) -> _Opening:
        """What ``found``, the longest of the strings looked for at a place, opens.

        That is what the openings it starts with open, since the scan reports only the
        longest string at a place.
        """
        opening = self._openings.get(found)
        if opening is None:
            prefixes = [found[:length] for length in range(1, len(found) + 1)]
            patterns = tuple(
                dict.fromkeys(gated for start in prefixes for gated in self.direct.get(start, ()))
            )
            plain = tuple(gated for gated in patterns if not gated.gate.needs)
            if plain and plain not in self._together:
                self._together[plain] = _Together(plain)
            rare_bits = self.needs.rare_bits
            needy = tuple((gated, rare_bits[gated]) for gated in patterns if gated in rare_bits)
            meets, rare = self.needs.met_by(prefixes)
            opening = _Opening(self._together.get(plain), needy, meets, rare)
            self._openings[found] = opening
        return opening

    def scan(self, text: str) -> Scan:
        return Scan(self, text)


def gated(patterns: tuple[re.Pattern[str], ...]) -> tuple[Gated, ...]:
    """Each top-level alternative on its own, so each can have its own gate."""
    return tuple(
        Gated(part, gate_for(part))
        for pattern in patterns
        for part in (
            re.compile(_word_start(branch), pattern.flags)
            for branch in top_level_branches(pattern.pattern)
        )
    )


def _word_start(branch: str) -> str:
    """An alternative that starts with a letter starts at a word, as its author meant."""
    return "\\b" + branch if branch[:1].isalpha() else branch


def top_level_branches(source: str) -> list[str]:
    """Split ``a|b|c`` at top level; groups, character classes and escapes stay whole."""
    parts: list[str] = []
    current: list[str] = []
    depth, in_class, escaped = 0, False, False
    for char in source:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]" or current[-1:] == ["["]
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts
