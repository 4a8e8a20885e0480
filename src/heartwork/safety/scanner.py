"""The free-text safety scanner. Pure Python: no Django import, no network, no model.

It reads what someone wrote (a journal entry, an exercise answer, a draft) for cue
families of danger (SAFETY.md) and returns a level and the signals with their spans.
It never lowers anything: callers only ever raise a stored level with its result.

Modifiers, in every family: a negation ("he has never hit me") or a figure of speech
("I could kill him for forgetting the milk") asks a gentle clarifying question instead
of raising a level; a story about somebody else ("my friend's husband hits her") is
left alone; the past tense counts like the present (past strangulation still counts).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from heartwork.patterns import Gated, PatternIndex, Scan, gated
from heartwork.textkit import Layout, negated, normalise

LEVELS = ("green", "amber", "red", "high_danger", "crisis")
SIGNAL_CODES = (
    "physical_violence",
    "strangulation",
    "weapon",
    "threats",
    "coercive_control",
    "stalking",
    "manipulation",
    "partner_suicide_threat",
    "self_harm",
    "legal_boundary",
    "user_perpetration",
)
MAX_CHARS = 100_000
# Harm done by a partner; three different kinds together count as high danger.
_DANGER_FACTORS = frozenset(
    {"physical_violence", "threats", "coercive_control", "stalking", "weapon", "strangulation"}
)
# In these families a negation inside the phrase ("he never hit me") also counts.
_INNER_NEGATION = frozenset(
    {
        "physical_violence",
        "strangulation",
        "weapon",
        "threats",
        "stalking",
        "partner_suicide_threat",
    }
)
_INNER_NEGATORS = re.compile(
    r"\b(?:never|didn'?t|did not|hasn'?t|has not|haven'?t|wouldn'?t|doesn'?t|does not|won'?t)\b"
)
_MACRO = re.compile(r"\{\{([A-Z_]+)\}\}")

QUESTIONS = {
    "negated": (
        "You mentioned something about safety. Has anything like that happened, "
        "or are you worried it might?"
    ),
    "idiom": (
        "That sounds really frustrating. Just checking in: is anyone in danger, "
        "or are you worried about your safety?"
    ),
    "self_harm": (
        "It sounds like things are very heavy right now. Are you having thoughts of "
        "ending your life? You don't have to carry this alone."
    ),
}


class ScannerDataError(ValueError):
    """The signal file is malformed: raised at load, so it never fails quietly."""


@dataclass(frozen=True)
class Family:
    code: str
    level: str
    by: str
    patterns: tuple[Gated, ...]


@dataclass(frozen=True)
class Signals:
    families: tuple[Family, ...]
    imminent: tuple[re.Pattern[str], ...]
    idioms: tuple[re.Pattern[str], ...]
    ask_idioms: tuple[re.Pattern[str], ...]
    third_party: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Signal:
    code: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class ScanResult:
    level: str
    signals: tuple[Signal, ...]
    question: str | None
    imminent: bool

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(signal.code for signal in self.signals)

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "signals": [signal.to_dict() for signal in self.signals],
            "question": self.question,
            "imminent": self.imminent,
        }


def raise_level(current: str, new: str) -> str:
    """The higher of two levels: a scan can only ever raise a level, never lower it."""
    return max(current, new, key=LEVELS.index)


def _compile(
    patterns: list[str], macros: dict[str, str], where: str
) -> tuple[re.Pattern[str], ...]:
    def expand(pattern: str) -> str:
        return _MACRO.sub(lambda match: macros[match.group(1)], pattern)

    try:
        return tuple(re.compile(expand(pattern)) for pattern in patterns)
    except (re.error, KeyError) as exc:
        raise ScannerDataError(f"signals.toml {where}: {exc}") from exc


def parse_signals(data: dict[str, Any]) -> Signals:
    if data.get("schema_version") != 1:
        raise ScannerDataError("signals.toml: schema_version must be 1")
    macros = data.get("macros", {})
    families = []
    for item in data.get("family", []):
        where = f"family {item.get('code')!r}"
        if item.get("code") not in SIGNAL_CODES or item.get("level") not in LEVELS[1:]:
            raise ScannerDataError(f"signals.toml {where}: unknown code or level")
        if item.get("by") not in {"partner", "user", "self"}:
            raise ScannerDataError(f"signals.toml {where}: by must be partner, user or self")
        patterns = gated(_compile(item["patterns"], macros, where))
        families.append(Family(item["code"], item["level"], item["by"], patterns))
    modifiers = data.get("modifiers", {})
    return Signals(
        families=tuple(families),
        imminent=_compile(modifiers.get("imminent", []), macros, "imminent"),
        idioms=_compile(
            modifiers.get("idioms", []) + modifiers.get("ask_idioms", []), macros, "idioms"
        ),
        ask_idioms=_compile(modifiers.get("ask_idioms", []), macros, "ask_idioms"),
        third_party=_compile(modifiers.get("third_party", []), macros, "third_party"),
    )


@cache
def _index() -> PatternIndex:
    return PatternIndex(pattern for family in signals().families for pattern in family.patterns)


@cache
def signals() -> Signals:
    raw = resources.files("heartwork.safety").joinpath("data/signals.toml").read_bytes()
    return parse_signals(tomllib.loads(raw.decode("utf-8")))


def _about_someone_else(lowered: str, sentence_start: int, start: int) -> bool:
    before = lowered[sentence_start:start]
    return any(pattern.search(before) for pattern in signals().third_party)


# "can't talk, he's reading my messages", "I ain't gon lie, I hit her": these negations
# belong to a figure of speech, not to what follows.
_SET_PHRASE = re.compile(
    r"\b(?:can'?t|cannot|cant|not|won'?t|ain'?t|aint|don'?t) "
    r"(?:\w+ )?(?:talk|speak|chat|lie|sleep|stop)\b"
)


def _negated_here(lowered: str, sentence_start: int, start: int) -> bool:
    before = _SET_PHRASE.sub(" ", lowered[sentence_start:start])
    return negated(before, 0, len(before))


_DOUBT = re.compile(
    r"\b(?:don'?t think|do not think|doubt|can'?t imagine|would never|never would)\b"
)


def _doubted(lowered: str, sentence_start: int, start: int) -> bool:
    """ "I don't think he'd ever hurt me": a wider negation than the usual few words."""
    return bool(_DOUBT.search(lowered[max(sentence_start, start - 40) : start]))


def _inside_idiom(lowered: str, offset: int, sentence: str, start: int, end: int) -> bool:
    """Whether the signal's own words are part of a figure of speech in its sentence."""
    for idiom in signals().idioms:
        for found in idiom.finditer(sentence):
            if offset + found.start() < end and start < offset + found.end():
                return True
    return False


def _inner_negation(family: Family, matched: str) -> bool:
    """ "he never hit me": a negation among the first words of the phrase itself.

    Only the first few words count, so that "make sure I never see the kids" (a threat
    that contains "never") is not read as a denial.
    """
    opening = " ".join(matched.split()[:3])
    return family.code in _INNER_NEGATION and bool(_INNER_NEGATORS.search(opening))


@dataclass
class _Hits:
    signals: list[Signal]
    levels: list[str]
    partner_codes: set[str]
    imminent: bool = False
    question: str | None = None


def _scan_family(
    family: Family, text: str, lowered: str, layout: Layout, scan: Scan, hits: _Hits
) -> None:
    for pattern in family.patterns:
        if pattern.gate.openings and pattern not in scan.starts:
            continue  # cannot match this text (see heartwork.patterns)
        for match in scan.matches(pattern):
            start, end = match.span()
            if end <= start:
                continue
            sentence_start, sentence_end = layout.sentence_at(start)
            sentence = lowered[sentence_start : max(sentence_end, end)]
            if _about_someone_else(lowered, sentence_start, start):
                continue
            if _inside_idiom(lowered, sentence_start, sentence, start, end):
                hits.question = hits.question or QUESTIONS["idiom"]
                continue
            if (
                _negated_here(lowered, sentence_start, start)
                or _inner_negation(family, match.group())
                or _doubted(lowered, sentence_start, start)
            ):
                hits.question = hits.question or QUESTIONS["negated"]
                continue
            codes = [family.code]
            if family.by == "user" and family.code != "user_perpetration":
                codes.append("user_perpetration")
            for code in codes:
                hits.signals.append(Signal(code, start, end, text[start:end]))
            hits.levels.append(family.level)
            if family.by == "partner" and family.code in _DANGER_FACTORS:
                hits.partner_codes.add(family.code)
            if family.code == "self_harm":
                hits.question = QUESTIONS["self_harm"]


def _violent_figure_of_speech(lowered: str) -> bool:
    """ "I could kill him for forgetting": not an alarm, but worth a gentle question."""
    return any(idiom.search(lowered) for idiom in signals().ask_idioms)


def _dedupe(found: list[Signal]) -> tuple[Signal, ...]:
    """One signal per code per stretch of text, in reading order."""
    kept: list[Signal] = []
    for signal in sorted(found, key=lambda s: (s.start, -(s.end - s.start))):
        if not any(
            other.code == signal.code and signal.start < other.end and other.start < signal.end
            for other in kept
        ):
            kept.append(signal)
    return tuple(kept)


def scan(text: str) -> ScanResult:
    """The level and signals of one free text. Empty text is simply green."""
    lowered = normalise(text[:MAX_CHARS])
    layout = Layout.of(lowered)
    hits = _Hits(signals=[], levels=["green"], partner_codes=set())
    index_scan = _index().scan(lowered)
    for family in signals().families:
        _scan_family(family, text, lowered, layout, index_scan, hits)
    if hits.question is None and _violent_figure_of_speech(lowered):
        hits.question = QUESTIONS["idiom"]
    level = max(hits.levels, key=LEVELS.index)
    if len(hits.partner_codes) >= 3:
        level = raise_level(level, "high_danger")  # several danger factors at once
    # Danger right now anywhere in the text, with a serious signal anywhere in it.
    hits.imminent = any(pattern.search(lowered) for pattern in signals().imminent)
    if hits.imminent and LEVELS.index(level) >= LEVELS.index("red"):
        level = "crisis"
    return ScanResult(
        level=level,
        signals=_dedupe(hits.signals),
        question=hits.question,
        imminent=hits.imminent and level == "crisis",
    )
