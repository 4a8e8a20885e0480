"""Loads and compiles the rule data once, at import. Pure Python: no Django import."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

from heartwork.coach.types import APOLOGY_COMPONENTS, KINDS, PROBLEM_LABELS, SEVERITIES
from heartwork.once import built_once
from heartwork.patterns import Gated, PatternIndex, Scan, gated

SCHEMA_VERSION = 1
_MACRO = re.compile(r"\{\{([A-Z_]+)\}\}")
_OTHER_COMPONENTS = ("no_pressure", "i_statement", "acknowledges_view", "clear_request")


class RuleDataError(ValueError):
    """The rule file is malformed; raised at import so a broken file never ships quietly."""


@dataclass(frozen=True)
class Rule:
    id: str
    label: str
    kinds: frozenset[str]
    severity: str
    patterns: tuple[Gated, ...]
    negatable: bool
    unless_sentence: tuple[re.Pattern[str], ...]
    unless_next_sentence: tuple[re.Pattern[str], ...]
    unless_after: tuple[re.Pattern[str], ...]
    unless_before: tuple[re.Pattern[str], ...]
    only_after: tuple[re.Pattern[str], ...]
    why: str
    rewrite: str


@dataclass(frozen=True)
class StrengthRule:
    component: str
    kinds: frozenset[str]
    patterns: tuple[Gated, ...]
    negatable: bool
    why: str


@dataclass(frozen=True, eq=False)  # hashed by identity: there is one rulebook
class RuleBook:
    rules: tuple[Rule, ...]
    strengths: tuple[StrengthRule, ...]
    kind_cues: dict[str, tuple[Gated, ...]]

    def index(self) -> PatternIndex:
        return _index(self)

    def scan(self, lowered: str) -> Scan:
        return _index(self).scan(lowered)

    def candidates(self, kind: str, scan: Scan) -> list[tuple[Rule, Gated]]:
        """The (rule, pattern) pairs of ``kind`` worth running on this text."""
        gated, always = _kind_index(self, kind)
        return [*always, *(gated[pattern] for pattern in scan.in_order() if pattern in gated)]

    def strength_candidates(self, kind: str, scan: Scan) -> list[tuple[StrengthRule, Gated]]:
        gated, always = _strength_index(self, kind)
        return [*always, *(gated[pattern] for pattern in scan.in_order() if pattern in gated)]


def _compiler(macros: dict[str, str]) -> Any:
    def expand(pattern: str) -> str:
        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in macros:
                raise RuleDataError(f"unknown macro {{{{{name}}}}}")
            return macros[name]

        # Macros may use other macros ("{{INSULT}}" is made of two halves); a few rounds suffice.
        for _ in range(4):
            expanded = _MACRO.sub(replace, pattern)
            if expanded == pattern:
                break
            pattern = expanded
        return pattern

    def compile_all(patterns: list[str], where: str) -> tuple[re.Pattern[str], ...]:
        compiled = []
        for pattern in patterns:
            try:
                compiled.append(re.compile(expand(pattern), re.MULTILINE))
            except re.error as exc:
                raise RuleDataError(f"{where}: bad pattern {pattern!r}: {exc}") from exc
        return tuple(compiled)

    return compile_all


# A guard that refers to its own groups by number or name cannot share a regex with others.
_OWN_GROUPS = re.compile(r"\\[1-9]|\(\?P[<=]|\(\?\(")


def any_of(patterns: tuple[re.Pattern[str], ...]) -> tuple[re.Pattern[str], ...]:
    """Guards that only ask "does any of these match?", as one regex where they can be.

    ``(?:a)|(?:b)`` finds a match wherever ``a`` or ``b`` would, so one ``search`` (or
    ``match``) answers for all of them in one call instead of one call each. Guards that
    cannot be joined (group references, flags of their own) stay as they are.
    """
    if len(patterns) < 2:
        return patterns
    flags = {pattern.flags for pattern in patterns}
    if len(flags) > 1 or any(_OWN_GROUPS.search(pattern.pattern) for pattern in patterns):
        return patterns
    try:
        joined = re.compile("|".join(f"(?:{pattern.pattern})" for pattern in patterns), *flags)
    except re.error:  # e.g. a pattern that sets its own flags: kept one by one
        return patterns
    return (joined,)


def _check_kinds(kinds: list[str], where: str) -> frozenset[str]:
    unknown = set(kinds) - set(KINDS)
    if unknown or not kinds:
        raise RuleDataError(f"{where}: unknown or missing kinds {sorted(unknown)}")
    return frozenset(kinds)


def _rule(data: dict[str, Any], compile_all: Any) -> Rule:
    where = data.get("id", "?")
    kinds = _check_kinds(data.get("kinds", []), where)
    label = data["label"]
    if not any(label in PROBLEM_LABELS[kind] for kind in kinds):
        raise RuleDataError(f"{where}: label {label!r} belongs to none of its kinds")
    if data["severity"] not in SEVERITIES:
        raise RuleDataError(f"{where}: severity must be one of {SEVERITIES}")
    return Rule(
        id=data["id"],
        label=label,
        kinds=kinds,
        severity=data["severity"],
        patterns=gated(compile_all(data["patterns"], where)),
        negatable=bool(data.get("negatable", False)),
        unless_sentence=any_of(compile_all(data.get("unless_sentence", []), where)),
        unless_next_sentence=any_of(compile_all(data.get("unless_next_sentence", []), where)),
        unless_after=any_of(compile_all(data.get("unless_after", []), where)),
        unless_before=any_of(compile_all(data.get("unless_before", []), where)),
        only_after=any_of(compile_all(data.get("only_after", []), where)),
        why=data["why"],
        rewrite=data["rewrite"],
    )


def _strength(data: dict[str, Any], compile_all: Any) -> StrengthRule:
    component = data["component"]
    if component not in APOLOGY_COMPONENTS + _OTHER_COMPONENTS:
        raise RuleDataError(f"unknown strength component {component!r}")
    return StrengthRule(
        component=component,
        kinds=_check_kinds(data.get("kinds", []), component),
        patterns=gated(compile_all(data["patterns"], component)),
        negatable=bool(data.get("negatable", False)),
        why=data["why"],
    )


def parse_rulebook(data: dict[str, Any]) -> RuleBook:
    if data.get("schema_version") != SCHEMA_VERSION:
        raise RuleDataError(f"rules.toml: schema_version must be {SCHEMA_VERSION}")
    compile_all = _compiler(data.get("macros", {}))
    rules = tuple(_rule(item, compile_all) for item in data.get("rule", []))
    ids = [rule.id for rule in rules]
    if len(set(ids)) != len(ids):
        raise RuleDataError("rules.toml: rule ids must be unique")
    return RuleBook(
        rules=rules,
        strengths=tuple(_strength(item, compile_all) for item in data.get("strength", [])),
        kind_cues={
            kind: gated(compile_all(patterns, f"kind_cues.{kind}"))
            for kind, patterns in data.get("kind_cues", {}).items()
        },
    )


@built_once
def _kind_index(
    book: RuleBook, kind: str
) -> tuple[dict[Gated, tuple[Rule, Gated]], tuple[tuple[Rule, Gated], ...]]:
    """For one kind: its gated patterns by pattern, and the ones that always run."""
    pairs = [
        (rule, pattern)
        for rule in book.rules
        if kind in rule.kinds and rule.label in PROBLEM_LABELS[kind]
        for pattern in rule.patterns
    ]
    gated = {pattern: (rule, pattern) for rule, pattern in pairs if pattern.gate.openings}
    return gated, tuple(pair for pair in pairs if not pair[1].gate.openings)


@built_once
def _strength_index(
    book: RuleBook, kind: str
) -> tuple[dict[Gated, tuple[StrengthRule, Gated]], tuple[tuple[StrengthRule, Gated], ...]]:
    pairs = [
        (rule, pattern)
        for rule in book.strengths
        if kind in rule.kinds
        for pattern in rule.patterns
    ]
    gated = {pattern: (rule, pattern) for rule, pattern in pairs if pattern.gate.openings}
    return gated, tuple(pair for pair in pairs if not pair[1].gate.openings)


@built_once
def _index(book: RuleBook) -> PatternIndex:
    groups = [rule.patterns for rule in book.rules] + [rule.patterns for rule in book.strengths]
    groups += list(book.kind_cues.values())
    return PatternIndex(gated for group in groups for gated in group)


@built_once
def rulebook() -> RuleBook:
    raw = resources.files("heartwork.coach").joinpath("data/rules.toml").read_bytes()
    return parse_rulebook(tomllib.loads(raw.decode("utf-8")))
