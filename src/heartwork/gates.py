"""What a regular expression needs from a text to match: the gates of heartwork.patterns.

Worked out from the compiled pattern itself (the standard library's parser), so rule
files need no hints. A pattern such as ``\\b(?:sorry|apologi[sz]e) ... but`` can only match
where a word starts with "sorry", "apologise" or "apologize" (its openings); a pattern
such as ``\\bi (?:\\w+ ){0,2}?(?:hit|pushed) (?:him|her)`` can only match in a text where
words start with one of "hit", "pushed" and one of "him", "her" (its needs). Pure Python.
"""

from __future__ import annotations

import importlib
import re
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

MAX_OPENINGS = 128
MIN_OPENING = 1
# Openings are cut to this length: still selective, and far fewer strings to look for.
OPENING_CHARS = 12
_ZERO_WIDTH = (AT, ASSERT, ASSERT_NOT)
AT_BOUNDARY, CATEGORY = sre_parse.AT_BOUNDARY, sre_parse.CATEGORY
# Where a word may start right after: a boundary, the start of the text or of a line.
_BREAKS = (
    AT_BOUNDARY,
    sre_parse.AT_BEGINNING,
    sre_parse.AT_BEGINNING_LINE,
    sre_parse.AT_BEGINNING_STRING,
)
_NOT_WORD_CATEGORIES = (
    sre_parse.CATEGORY_SPACE,
    sre_parse.CATEGORY_NOT_WORD,
    sre_parse.CATEGORY_LINEBREAK,
)
# Needs shorter than this are in almost every text: not worth checking.
MIN_NEED = 3
# At most this many ways for a pattern's needs, with this many sets each (see Gate.needs).
MAX_WAYS = 64
WAY_SETS = 2
# A pattern tried everywhere is first looked for with ``in`` when it must start with one
# of at most this many strings.
MAX_CONTAINS = 8


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


def _fit(strings: set[str], limit: int = MAX_OPENINGS) -> set[str]:
    """At most ``limit`` strings: cut them shorter until they fit.

    A prefix of an opening is an opening too, only less choosy, so cutting never misses a
    match; it keeps as much of each string as the limit allows.
    """
    length = max(map(len, strings), default=0)
    while len(strings) > limit and length > 1:
        length -= 1
        strings = {string[:length] for string in strings}
    return strings


def _grow(prefixes: set[str], tails: set[str]) -> set[str]:
    return {(prefix + tail)[:OPENING_CHARS] for prefix in prefixes for tail in tails}


def _openings(items: list[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """The literal strings a match of ``items`` must start with, and whether they are whole.

    Whole: each string is a complete match of ``items`` (what follows can extend it). A
    group whose branches are partly whole grows its whole branches with what follows and
    keeps the others as they are ("(?:fuck|f\\*+k) you" opens with "fuck you" or "f*").
    """
    whole, cut = _sequence(items)
    return _fit(whole | cut), not cut


def _sequence(items: list[tuple[Any, Any]]) -> tuple[set[str], set[str]]:
    """(strings that may grow with what follows ``items``, strings that may not)."""
    open_: set[str] = {""}
    cut: set[str] = set()
    stopped: set[str]
    for index, (op, av) in enumerate(items):
        done = {prefix for prefix in open_ if len(prefix) >= OPENING_CHARS}
        open_, cut = open_ - done, cut | done
        if not open_:
            break  # only the first few characters are ever used
        if op in _ZERO_WIDTH:
            continue
        if op is LITERAL:
            grown, stopped = _grow(open_, {chr(av)}), set()
        elif op is IN and (letters := _letters(av)) is not None and len(letters) <= 10:
            grown, stopped = _grow(open_, set(letters)), set()
        elif op in (SUBPATTERN, BRANCH):
            branches = [list(av[-1])] if op is SUBPATTERN else [list(b) for b in av[1]]
            tails_open: set[str] = set()
            tails_cut: set[str] = set()
            for branch in branches:
                branch_open, branch_cut = _sequence(branch)
                tails_open |= branch_open
                tails_cut |= branch_cut
            grown, stopped = _grow(open_, tails_open), _grow(open_, tails_cut)
        elif op in (MAX_REPEAT, MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            # Optional: the match goes on either with it or without it, to the end of items.
            rest = items[index + 1 :]
            with_open, with_cut = _sequence(list(av[2]) + rest)
            without_open, without_cut = _sequence(rest)
            grown = _grow(open_, with_open | without_open)
            stopped = _grow(open_, with_cut | without_cut)
            return _capped(grown, cut | stopped, open_)
        elif op in (MAX_REPEAT, MIN_REPEAT) and av[0] >= 1:
            inner_open, inner_cut = _sequence(list(av[2]))
            if len(inner_open) == 1 and not inner_cut and av[0] > 1:  # "\\?{3,}": "???"
                inner_open = {inner_open.pop() * av[0]}
            return _capped(set(), cut | _grow(open_, inner_open | inner_cut), open_)
        else:
            return set(), cut | open_
        if len(grown) + len(stopped) + len(cut) > MAX_OPENINGS:
            return set(), _fit(grown | stopped | cut)
        open_, cut = grown, cut | stopped
    return open_, cut


def _capped(open_: set[str], cut: set[str], before: set[str]) -> tuple[set[str], set[str]]:
    """``open_`` and ``cut``, or everything cut shorter when there are too many."""
    if len(open_) + len(cut) <= MAX_OPENINGS:
        return open_, cut
    return set(), _fit(open_ | cut) if open_ | cut else before


@dataclass(frozen=True)
class Gate:
    """Where a pattern can match, and what else the text must hold for it to match at all.

    ``openings``: strings of which one must start a word where the pattern matches; empty:
    the pattern is tried everywhere. ``needs``: ways the rest of a match can go, any one
    of them; each is a few sets of strings, and for each set one of its strings must
    start a word somewhere in the text. Empty: no such condition.
    """

    openings: frozenset[str]
    needs: tuple[tuple[frozenset[str], ...], ...] = ()
    # For a pattern tried everywhere: strings of which the text must contain one (the
    # characters a match starts with, such as an emoji); empty: no such condition.
    contains: frozenset[str] = frozenset()
    # For a pattern tried everywhere: it can only match where a line starts, so it is
    # tried there alone.
    line_start: bool = False


def gate_for(pattern: re.Pattern[str]) -> Gate:
    if pattern.flags & re.IGNORECASE:
        return Gate(frozenset())  # the strings below are matched as written
    try:
        items = list(sre_parse.parse(pattern.pattern, pattern.flags))
        found, _ = _openings(items)
        starts = found
        # Only patterns that must start at a word boundary can be gated on word starts.
        if not _starts_at_word(items) or not _worth_looking_for(found, MIN_OPENING):
            found = set()
        openings = frozenset(opening[:OPENING_CHARS] for opening in found)
        # A gated pattern that cannot wander far from its opening fails fast where it
        # does not match: cheaper tried with the others than checked for its needs.
        if openings and not _wanders(items):
            return Gate(openings)
        ways = _needs(items, after_break=False, opening_group=bool(openings))
    except Exception:  # an unusual construct: no gate, the pattern always runs
        return Gate(frozenset())
    # A set of openings is no condition on top of the openings themselves; of the rest,
    # the rarest few say nearly as much as all, for less work on each text. The rarest
    # (longest strings) comes last: PatternIndex checks it first.
    needs = tuple(
        tuple(sorted((sets for sets in way if sets != openings), key=_shortest)[-WAY_SETS:])
        for way in ways
    )
    if openings or not all(starts):
        starts = set()
    starts = _fit(starts, MAX_CONTAINS)
    if len(starts) > MAX_CONTAINS:
        starts = set()
    return Gate(openings, () if not all(needs) else needs, frozenset(starts), _at_line_start(items))


def _at_line_start(items: list[tuple[Any, Any]]) -> bool:
    """Whether a match must start where a line does (``^`` first, with re.MULTILINE as the
    rules compile; without it, at the start of the text, which is a line start too)."""
    first = next((item for item in items if item[0] is not AT or item[1] is not AT_BOUNDARY), None)
    return first is not None and first[0] is AT and first[1] is sre_parse.AT_BEGINNING


def _wanders(items: list[tuple[Any, Any]]) -> bool:
    """Whether ``items`` repeat a class of characters (``\\w+``, ``[^.!?]{0,90}``), which
    makes the regex engine try many lengths before it gives up."""
    for op, av in items:
        if op in (MAX_REPEAT, MIN_REPEAT):
            inner = [list(av[2])]
            if av[1] > 1 and any(kind not in (LITERAL, AT) for kind, _ in av[2]):
                return True
        elif op is SUBPATTERN:
            inner = [list(av[-1])]
        elif op is BRANCH:
            inner = [list(branch) for branch in av[1]]
        elif op in (ASSERT, ASSERT_NOT):
            inner = [list(av[1])]
        else:
            continue
        if any(_wanders(branch) for branch in inner):
            return True
    return False


def _worth_looking_for(strings: set[str], shortest: int) -> bool:
    return 0 < len(strings) <= MAX_OPENINGS and all(
        len(string) >= shortest and string[0].isalnum() for string in strings
    )


def _needs(
    items: list[tuple[Any, Any]], *, after_break: bool, opening_group: bool = False
) -> list[tuple[frozenset[str], ...]]:
    """What a text must hold for ``items`` to match anywhere in it (see Gate.needs).

    Wherever a word must start (after a space, say), the match goes on with one of the
    openings of the items from there, so the text holds one of them at a word start.
    The first group or alternation whose branches each need something splits the
    result into one way per branch. ``after_break``: the items start a word.
    ``opening_group``: the first group holds the pattern's openings, already checked at
    each place; splitting there would only repeat them.
    """
    every: set[frozenset[str]] = set()
    ways: list[tuple[frozenset[str], ...]] | None = None
    first = next((i for i, (op, _) in enumerate(items) if op not in _ZERO_WIDTH), -1)
    for index, (op, av) in enumerate(items):
        before = _ends_in_break(items[:index])
        at_word = after_break if before is None else before
        if at_word:
            strings = _openings(items[index:])[0]
            if _worth_looking_for(strings, MIN_NEED):
                every.add(frozenset(strings))
        if op in (SUBPATTERN, BRANCH):
            branches = [list(av[-1])] if op is SUBPATTERN else [list(b) for b in av[1]]
            inner = [_needs(branch, after_break=at_word) for branch in branches]
            if not all(inner) or (opening_group and index == first):
                continue  # a branch that needs nothing, or the openings again
            flat = [way for branch in inner for way in branch]
            if any(len(way) > 1 for way in flat):
                if ways is None and len(flat) <= MAX_WAYS:
                    ways = flat  # branches that each need several things: one way each
            elif not at_word:  # (at a word start, the openings from here say more)
                strings = set().union(*(way[0] for way in flat))
                if _worth_looking_for(strings, MIN_NEED):
                    every.add(frozenset(strings))  # one of a few strings, whichever the branch
    if ways is None:
        return [tuple(every)] if every else []
    return [tuple(every.union(way)) for way in ways]


def _shortest(strings: frozenset[str]) -> tuple[int, int]:
    return min(map(len, strings)), -len(strings)


def _ends_in_break(items: list[tuple[Any, Any]]) -> bool | None:
    """Whether a match of ``items`` ends with a character that is not part of a word.

    None: it may be empty, so it depends on what comes before it.
    """
    for op, av in reversed(items):
        ends = _item_ends_in_break(op, av)
        if ends is not None:
            return ends
    return None


def _item_ends_in_break(op: Any, av: Any) -> bool | None:
    if op is LITERAL:
        return not (chr(av).isalnum() or chr(av) == "_")
    if op is AT:  # a word can start right after a boundary or at the start of a line
        return True if av in _BREAKS else None
    if op is IN:
        return all(
            (kind is LITERAL and not (chr(value).isalnum() or chr(value) == "_"))
            or (kind is CATEGORY and value in _NOT_WORD_CATEGORIES)
            for kind, value in av
        )
    if op is SUBPATTERN:
        return _ends_in_break(list(av[-1]))
    if op is ASSERT and av[0] < 0:  # a lookbehind says what comes before
        return True if _ends_in_break(list(av[1])) else None
    if op is BRANCH:
        each = [_ends_in_break(list(branch)) for branch in av[1]]
        return False if False in each else None if None in each else True
    if op in (MAX_REPEAT, MIN_REPEAT):
        body = _ends_in_break(list(av[2]))
        return body if av[0] >= 1 or body is False else None
    return None if op in (ASSERT, ASSERT_NOT) else False


def _starts_at_word(items: list[tuple[Any, Any]]) -> bool | None:
    """Whether a match of ``items`` can only start after a character that is not part of
    a word (or at the start of a line): ``\\b``, ``^`` or a lookbehind such as
    ``(?<=[.!?] )`` before anything that takes room. None: only zero-width items, no
    such guarantee yet (what follows decides).
    """
    for op, av in items:
        if op is SUBPATTERN or op is BRANCH:
            branches = [list(av[-1])] if op is SUBPATTERN else [list(b) for b in av[1]]
            starts = [_starts_at_word(branch) for branch in branches]
            if False in starts:
                return False
            if None not in starts:
                return True
        elif op not in _ZERO_WIDTH:
            return False
        elif _item_ends_in_break(op, av):
            return True
    return None
