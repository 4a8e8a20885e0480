"""Gated pattern sets: most patterns skip a text without scanning it. Pure Python.

Shared by the message coach and the safety scanner.

Cheap gates let most patterns skip a text without scanning it.

A pattern such as ``\\b(?:sorry|apologi[sz]e) ... but`` can only match where one
of its possible opening strings ("sorry", "apologise", "apologize") appears.
Testing ``in`` on the text for a handful of strings is far cheaper than running
the regular expression over every position, so a pattern runs only when its
gate is open. The opening strings are worked out from the compiled pattern
itself, so the rule file needs no extra hints. Pure Python.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# The standard library's own regex parser (re._parser, Python 3.11+): it tells us
# what a compiled pattern must start with. It has no type stubs, hence Any.
sre_parse: Any = importlib.import_module("re._parser")
ASSERT, ASSERT_NOT, AT = sre_parse.ASSERT, sre_parse.ASSERT_NOT, sre_parse.AT
BRANCH, IN, LITERAL, SUBPATTERN = (
    sre_parse.BRANCH,
    sre_parse.IN,
    sre_parse.LITERAL,
    sre_parse.SUBPATTERN,
)
MAX_REPEAT, MIN_REPEAT, RANGE = sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.RANGE

MAX_OPENINGS = 64
MIN_OPENING = 1
# Openings are cut to this length: still selective, and far fewer strings to look for.
OPENING_CHARS = 6
_ZERO_WIDTH = (AT, ASSERT, ASSERT_NOT)


def _letters(items: list[tuple[Any, Any]]) -> list[str] | None:
    """The characters a small character class such as ``[sz]`` or ``[1-4]`` allows."""
    letters: list[str] = []
    for kind, value in items:
        if kind is LITERAL:
            letters.append(chr(value))
        elif kind is RANGE and value[1] - value[0] < 10:
            letters.extend(chr(code) for code in range(value[0], value[1] + 1))
        else:
            return None
    return letters


def _openings(items: list[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """The literal strings a match of ``items`` must start with, and whether they are whole."""
    found = {""}
    for index, (op, av) in enumerate(items):
        if all(len(prefix) >= OPENING_CHARS for prefix in found):
            return found, False  # only the first few characters are ever used
        if op in _ZERO_WIDTH:
            continue
        if op is LITERAL:
            grown = {(prefix + chr(av))[:OPENING_CHARS] for prefix in found}
        elif op is IN:
            letters = _letters(av)
            if letters is None or len(letters) > 10:
                return found, False
            grown = {(prefix + letter)[:OPENING_CHARS] for prefix in found for letter in letters}
        elif op in (SUBPATTERN, BRANCH):
            branches = [list(av[-1])] if op is SUBPATTERN else [list(b) for b in av[1]]
            tails: set[str] = set()
            whole = True
            for branch in branches:
                inner, branch_whole = _openings(branch)
                tails |= inner
                whole = whole and branch_whole
            grown = {(prefix + tail)[:OPENING_CHARS] for prefix in found for tail in tails}
            if not whole:
                return (grown, False) if len(grown) <= MAX_OPENINGS else (found, False)
        elif op in (MAX_REPEAT, MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            # Optional: the match starts either with it or with what follows it.
            rest = items[index + 1 :]
            with_it, _ = _openings(list(av[2]) + rest)
            without, _ = _openings(rest)
            grown = {
                (prefix + tail)[:OPENING_CHARS] for prefix in found for tail in with_it | without
            }
            return (grown, False) if len(grown) <= MAX_OPENINGS else (found, False)
        elif op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:
            inner, _ = _openings(list(av[2]))
            grown = {(prefix + tail)[:OPENING_CHARS] for prefix in found for tail in inner}
            return (grown, False) if len(grown) <= MAX_OPENINGS else (found, False)
        else:
            return found, False
        if len(grown) > MAX_OPENINGS:
            # Too many to test cheaply: the shorter openings found so far still hold.
            return found, False
        found = grown
    return found, True


@dataclass(frozen=True)
class Gate:
    """Strings of which at least one must occur for the pattern to match; empty: always run."""

    openings: frozenset[str]


def trie_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """One regex that finds, at each word start, the longest of ``words`` found there.

    Built as a trie of alternatives, so the regex engine follows shared letters once
    instead of trying every word in turn.
    """
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
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(r"\b(?=(" + render(trie) + "))")


def gate_for(pattern: re.Pattern[str]) -> Gate:
    # Only patterns that must start at a word boundary can be gated on word starts.
    if not pattern.pattern.startswith("\\b"):
        return Gate(frozenset())
    try:
        found, _ = _openings(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    except Exception:  # an unusual construct: no gate, the pattern always runs
        return Gate(frozenset())
    if len(found) > MAX_OPENINGS or any(
        len(opening) < MIN_OPENING or not opening[0].isalnum() for opening in found
    ):
        return Gate(frozenset())
    return Gate(frozenset(opening[:OPENING_CHARS] for opening in found))


@dataclass(frozen=True, eq=False)  # hashed by identity: used as a dictionary key per text
class Gated:
    """A compiled pattern with the cheap gate that says where it could match."""

    pattern: re.Pattern[str]
    gate: Gate


class Scan:
    """One text, and for each gated pattern the only places where it could match.

    Gated patterns start at a word boundary with one of a few known openings
    (see gate_for below), so they are tried at those word starts alone
    instead of at every character; a pattern whose openings are all absent costs
    nothing at all.
    """

    def __init__(self, index: PatternIndex, text: str) -> None:
        self.text = text
        # Group the places by opening first: a common opening ("you", "i") then opens
        # its patterns once per text instead of once per place.
        by_opening: dict[str, list[int]] = {}
        for found in index.openings_pattern.finditer(text):
            by_opening.setdefault(found.group(1), []).append(found.start())
        opened = index.opened_by
        starts: dict[Gated, list[int]] = {}
        for opening, places in by_opening.items():
            for gated in opened.get(opening, ()):
                have = starts.get(gated)
                # Lists are shared between patterns and never changed in place. One place
                # has one opening only (the longest found there), so merging adds no repeats.
                starts[gated] = places if have is None else sorted([*have, *places])
        self.starts = starts

    def matches(self, gated: Gated) -> list[re.Match[str]]:
        if not gated.gate.openings:
            return list(gated.pattern.finditer(self.text))
        places = self.starts.get(gated)
        if not places:
            return []
        match_at, text = gated.pattern.match, self.text
        if len(places) == 1:  # the usual case: skip the loop
            match = match_at(text, places[0])
            return [match] if match else []
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


class PatternIndex:
    """Every gated pattern of a rule set, indexed by the openings that open it."""

    def __init__(self, patterns: Iterable[Gated]) -> None:
        direct: dict[str, list[Gated]] = {}
        for gated in patterns:
            for opening in gated.gate.openings:
                direct.setdefault(opening, []).append(gated)
        # The scan reports only the longest opening at a place, so each opening also
        # opens what its shorter prefixes open.
        self.opened_by: dict[str, tuple[Gated, ...]] = {
            opening: tuple(
                gated
                for length in range(1, len(opening) + 1)
                for gated in direct.get(opening[:length], ())
            )
            for opening in direct
        }
        self.openings_pattern = trie_pattern(frozenset(direct))

    def scan(self, text: str) -> Scan:
        return Scan(self, text)


def gated(patterns: tuple[re.Pattern[str], ...]) -> tuple[Gated, ...]:
    """Each top-level alternative on its own, so each can have its own gate."""
    return tuple(
        Gated(part, gate_for(part))
        for pattern in patterns
        for part in (
            re.compile(_word_start(branch), pattern.flags) for branch in _branches(pattern.pattern)
        )
    )


def _word_start(branch: str) -> str:
    """An alternative that starts with a letter starts at a word, as its author meant."""
    return "\\b" + branch if branch[:1].isalpha() else branch


def _branches(source: str) -> list[str]:
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
