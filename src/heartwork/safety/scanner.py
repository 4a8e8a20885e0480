"""The free-text safety scanner. Pure Python: no Django import, no network, no model.

It reads what someone wrote (a journal entry, an exercise answer, a draft) for cue
families of danger (SAFETY.md) and returns a level and the signals with their spans.
It never lowers anything: callers only ever raise a stored level with its result.

Modifiers, in every family: a negation ("he has never hit me") or a figure of speech
("I could kill him for forgetting the milk") asks a gentle clarifying question instead
of raising a level; a story about somebody else ("my friend's husband hits her") is
left alone; the past tense counts like the present (past strangulation still counts).
Self-harm cues whose subject is someone else ("my cousin tried to overdose") are not the
writer's. Thoughts of suicide with the writer's own plan or gathered means are a crisis;
a partner's violence with pregnancy or escalation is high danger.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import Any

from heartwork.once import built_once
from heartwork.patterns import Gated, PatternIndex, Scan, gate_for, gated, top_level_branches
from heartwork.safety import scanner_es
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

    @cached_property
    def ungated(self) -> tuple[Gated, ...]:
        """The patterns searched for everywhere, not only where one of their openings is."""
        return tuple(pattern for pattern in self.patterns if not pattern.gate.openings)

    @cached_property
    def gated(self) -> frozenset[Gated]:
        return frozenset(pattern for pattern in self.patterns if pattern.gate.openings)


@dataclass(frozen=True)
class Signals:
    families: tuple[Family, ...]
    imminent: tuple[re.Pattern[str], ...]
    idioms: tuple[re.Pattern[str], ...]
    ask_idioms: tuple[re.Pattern[str], ...]
    third_party: tuple[re.Pattern[str], ...]
    # The writer's own plan or gathered means: with a self-harm signal at red or above, or
    # with each other, they make a crisis (SAFETY.md: plan, intent, timing, gathered means).
    plan: tuple[re.Pattern[str], ...] = ()
    means: tuple[re.Pattern[str], ...] = ()
    # With a partner's violence or strangulation: pregnancy, escalation (high_danger).
    aggravating: tuple[re.Pattern[str], ...] = ()


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


# Openings that many patterns share ("he ...", "my husband ...", "i ..."). Patterns that start
# with one are joined into one pattern per family, "\\b{{PS}}(?:rest1|rest2|...)", so the text
# is tried once at each "he" or "i" instead of once per pattern: same matches, far fewer tries.
_SHARED_OPENINGS = ("\\b{{PS}}", "\\bi ")


def _join_shared_openings(patterns: list[str]) -> list[str]:
    rests: dict[str, list[str]] = {opening: [] for opening in _SHARED_OPENINGS}
    kept: list[str] = []
    for pattern in patterns:
        for branch in top_level_branches(pattern):
            opening = next((o for o in _SHARED_OPENINGS if branch.startswith(o)), None)
            if opening is None:
                kept.append(branch)
            else:
                rests[opening].append(branch[len(opening) :])
    for opening, tails in rests.items():
        if len(tails) == 1:
            kept.append(opening + tails[0])
        elif tails:
            kept.append(opening + "(?:" + "|".join(tails) + ")")
    return kept


def parse_signals(data: dict[str, Any]) -> Signals:
    if data.get("schema_version") != 1:
        raise ScannerDataError("signals.toml: schema_version must be 1")
    macros = data.get("macros", {})
    # Families with the same code, level and actor are one family, however the file groups them.
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for item in data.get("family", []):
        where = f"family {item.get('code')!r}"
        if item.get("code") not in SIGNAL_CODES or item.get("level") not in LEVELS[1:]:
            raise ScannerDataError(f"signals.toml {where}: unknown code or level")
        if item.get("by") not in {"partner", "user", "self"}:
            raise ScannerDataError(f"signals.toml {where}: by must be partner, user or self")
        _compile(item["patterns"], macros, where)  # report a bad pattern where it is written
        grouped.setdefault((item["code"], item["level"], item["by"]), []).extend(item["patterns"])
    families = []
    for (code, level, by), raw in grouped.items():
        where = f"family {code!r}"
        patterns = gated(_compile(_join_shared_openings(raw), macros, where))
        families.append(Family(code, level, by, patterns))
    modifiers = data.get("modifiers", {})
    return Signals(
        families=tuple(families),
        imminent=_compile(modifiers.get("imminent", []), macros, "imminent"),
        idioms=_compile(
            modifiers.get("idioms", []) + modifiers.get("ask_idioms", []), macros, "idioms"
        ),
        ask_idioms=_compile(modifiers.get("ask_idioms", []), macros, "ask_idioms"),
        third_party=_compile(modifiers.get("third_party", []), macros, "third_party"),
        plan=_compile(modifiers.get("plan", []), macros, "plan"),
        means=_compile(modifiers.get("means", []), macros, "means"),
        aggravating=_compile(modifiers.get("aggravating", []), macros, "aggravating"),
    )


@built_once
def _modifiers_gated() -> dict[str, tuple[Gated, ...]]:
    """Danger-now, plan, means and violent-idiom cues, gated like the families."""
    table = signals()
    return {
        "imminent": gated(table.imminent),
        "plan": gated(table.plan),
        "means": gated(table.means),
        # Whole, not split into alternatives as gated() does: searched for as written.
        "ask_idioms": tuple(Gated(pattern, gate_for(pattern)) for pattern in table.ask_idioms),
    }


@built_once
def pattern_index() -> PatternIndex:
    """Every gated cue of the scanner (the message coach looks for its words and ours at once)."""
    families = (pattern for family in signals().families for pattern in family.patterns)
    modifiers = (pattern for group in _modifiers_gated().values() for pattern in group)
    return PatternIndex((*families, *modifiers))


def _found(index_scan: Scan, patterns: tuple[Gated, ...]) -> Iterator[re.Match[str]]:
    for pattern in patterns:
        if not pattern.gate.openings or pattern in index_scan.starts:
            yield from index_scan.matches(pattern)


def _danger_now(index_scan: Scan) -> bool:
    return any(True for _ in _found(index_scan, _modifiers_gated()["imminent"]))


@built_once
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
    # "doesn't see the point of living without me": the negation is part of the phrase.
    r"|\b(?:doesn'?t|don'?t|can'?t|cannot|cant|dont|doesnt) see (?:the|any|a) point\b"
    # "if I don't open it he'll break it down": the negation belongs to the condition.
    r"|\bif (?:i|you|u|we|he|she|they) (?:\w+ )?(?:don'?t|dont|do not|didn'?t|didnt|won'?t|wont|"
    r"can'?t|cant|doesn'?t|doesnt|never|not)\b(?: [\w']+){0,3}"
)


# Whose self-harm it is: the nearest subject before the cue decides, unless the cue itself
# says "me", "my" or "myself" ("my cousin tried to overdose", "he said he'd end it all").
_FIRST_PERSON = frozenset(
    {"i", "i'm", "im", "i've", "ive", "i'd", "i'll", "me", "myself", "meself", "mi", "imma"}
)
_PRONOUNS = frozenset(
    {"he", "she", "they", "he's", "she's", "they're", "hes", "shes", "theyre", "he'd", "she'd"}
    | {"they'd", "hed", "he'll", "she'll", "they'll", "him"}
)
_RELATIVES = frozenset(
    {
        "friend", "mate", "bestie", "cousin", "sister", "brother", "mum", "mom", "mam", "dad",
        "aunt", "auntie", "uncle", "nan", "gran", "grandma", "grandad", "son", "daughter",
        "colleague", "coworker", "neighbour", "neighbor", "flatmate", "roommate", "classmate",
    }
)  # fmt: skip
_SOMEONE_ELSE = (
    _PRONOUNS
    | _RELATIVES
    | {"client", "patient", "ex", "husband", "wife", "partner", "boyfriend", "girlfriend"}
    | {"bf", "gf", "fiance", "fiancee", "someone", "somebody", "character"}
)
_OWN_WORDS = re.compile(r"\b(?:me|my|myself|meself|mine|i|i'm|im|i've|i'd|i'll)\b")
_WORDS = re.compile(r"[a-z']+")
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:and|but|so|because|cos|then)\b")
_SUBJECT_LOOKBACK = 8


def _someone_elses_self_harm(lowered: str, sentence_start: int, start: int, end: int) -> bool:
    """ "my cousin tried to overdose", "he said he'd drive into a tree": not the writer's.

    The nearest subject in the same clause decides: a pronoun within a few words, or a
    person ("my cousin") right before the cue.
    """
    if _OWN_WORDS.search(lowered, start, end):
        return False
    clause = _CLAUSE_BREAK.split(lowered[sentence_start:start])[-1]
    before = _WORDS.findall(clause)[-_SUBJECT_LOOKBACK:]
    for distance, word in enumerate(reversed(before)):
        if word in _FIRST_PERSON:
            return False
        if word in _SOMEONE_ELSE and (distance < 2 or word in _PRONOUNS):
            return True
    return False


def _relative_as_subject(lowered: str, sentence_start: int, start: int) -> bool:
    """ "his brother cut himself": a relative or friend, not the partner, is the subject."""
    before = _WORDS.findall(lowered[sentence_start:start])[-2:]
    return any(word in _RELATIVES for word in before)


def _negated_here(lowered: str, sentence_start: int, start: int) -> bool:
    before = _SET_PHRASE.sub(" ", lowered[sentence_start:start])
    return negated(before, 0, len(before))


# A promise about one's own behaviour admits it: "I'll stop putting my hands round her
# neck", "I won't follow her again", "I swear I'll never hit him any more".
_PROMISE_TO_STOP = re.compile(
    r"\b(?:stop|stopped|quit|give up|gave up|no longer)\s+(?:\w+\s+){0,2}$"
)
_NOT_AGAIN = re.compile(r"[^.!?\n]{0,40}?\b(?:again|any ?more|ever again)\b")


def _admitted(lowered: str, sentence_start: int, start: int, end: int) -> bool:
    """Whether a negation before the writer's own harmful act is a promise not to repeat
    it, which says it happened (for the families about the writer's behaviour)."""
    before = lowered[max(sentence_start, start - 60) : start]
    return bool(_PROMISE_TO_STOP.search(before) or _NOT_AGAIN.match(lowered, end))


_DOUBT = re.compile(
    r"\b(?:don'?t think|do not think|doubt|can'?t imagine|would never|never would)\b"
)


def _doubted(lowered: str, sentence_start: int, start: int) -> bool:
    """ "I don't think he'd ever hurt me": a wider negation than the usual few words."""
    return bool(_DOUBT.search(lowered[max(sentence_start, start - 40) : start]))


def _idiom_spans(sentence: str, offset: int) -> list[tuple[int, int]]:
    """Where the figures of speech of one sentence are, as offsets into the whole text."""
    return [
        (offset + found.start(), offset + found.end())
        for idiom in signals().idioms
        for found in idiom.finditer(sentence)
    ]


def _inside_idiom(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the signal's own words are part of a figure of speech in its sentence."""
    return any(idiom_start < end and start < idiom_end for idiom_start, idiom_end in spans)


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
    self_rank: int = -1
    # Figures of speech per sentence, found once per text (many signals share a sentence).
    idioms: dict[tuple[int, int], list[tuple[int, int]]] = field(default_factory=dict)


def _family_matches(family: Family, scan: Scan) -> Iterator[re.Match[str]]:
    # Most texts match none of a family's gated patterns: then only the ungated ones need
    # a look (scan.starts holds the patterns that match somewhere).
    patterns = family.ungated if family.gated.isdisjoint(scan.starts) else family.patterns
    for pattern in patterns:
        if pattern.gate.openings and pattern not in scan.starts:
            continue  # cannot match this text (see heartwork.patterns)
        yield from scan.matches(pattern)


def _scan_family(
    family: Family, text: str, lowered: str, layout: Layout, scan: Scan, hits: _Hits
) -> None:
    for match in _family_matches(family, scan):
        start, end = match.span()
        if end <= start:
            continue
        sentence_start, sentence_end = layout.sentence_at(start)
        sentence = lowered[sentence_start : max(sentence_end, end)]
        if _about_someone_else(lowered, sentence_start, start):
            continue
        if family.by == "self" and _someone_elses_self_harm(lowered, sentence_start, start, end):
            continue
        if family.code == "partner_suicide_threat" and _relative_as_subject(
            lowered, sentence_start, start
        ):
            continue  # "he said his brother cut himself": a relative's, not a threat
        key = (sentence_start, len(sentence))
        if key not in hits.idioms:
            hits.idioms[key] = _idiom_spans(sentence, sentence_start)
        if _inside_idiom(hits.idioms[key], start, end):
            hits.question = hits.question or QUESTIONS["idiom"]
            continue
        if (
            _negated_here(lowered, sentence_start, start)
            or _inner_negation(family, match.group())
            or _doubted(lowered, sentence_start, start)
        ) and not (family.by == "user" and _admitted(lowered, sentence_start, start, end)):
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
            hits.self_rank = max(hits.self_rank, LEVELS.index(family.level))


def _own_cue(kind: str, text: str, lowered: str, layout: Layout, scan: Scan) -> Signal | None:
    """The first plan or means cue that is the writer's own (not a story, not negated)."""
    for match in _found(scan, _modifiers_gated()[kind]):
        start, end = match.span()
        sentence_start, _ = layout.sentence_at(start)
        if (
            _about_someone_else(lowered, sentence_start, start)
            or _someone_elses_self_harm(lowered, sentence_start, start, end)
            or _negated_here(lowered, sentence_start, start)
        ):
            continue
        return Signal("self_harm", start, end, text[start:end])
    return None


def _plan_or_means(text: str, lowered: str, layout: Layout, scan: Scan, hits: _Hits) -> None:
    """Self-harm thoughts with a plan or gathered means, or a plan with means: a crisis."""
    serious = hits.self_rank >= LEVELS.index("red")
    plan = _own_cue("plan", text, lowered, layout, scan)
    if not plan and not serious:
        return  # means alone change nothing: spare the search
    means = _own_cue("means", text, lowered, layout, scan)
    found = [cue for cue in (plan, means) if cue]
    if (serious and found) or (plan and means):
        hits.signals.extend(found)
        hits.levels.append("crisis")
        hits.question = QUESTIONS["self_harm"]


def _violent_figure_of_speech(index_scan: Scan) -> bool:
    """ "I could kill him for forgetting": not an alarm, but worth a gentle question."""
    return any(True for _ in _found(index_scan, _modifiers_gated()["ask_idioms"]))


def _spanish(text: str, lowered: str, layout: Layout, hits: _Hits) -> scanner_es.EsFound:
    """The Spanish families (scanner_es), added to the hits like English ones."""
    found = scanner_es.find(lowered, layout)
    for hit in found.hits:
        codes = [hit.code]
        if hit.by == "user" and hit.code != "user_perpetration":
            codes.append("user_perpetration")
        for code in codes:
            hits.signals.append(Signal(code, hit.start, hit.end, text[hit.start : hit.end]))
        hits.levels.append(hit.level)
        if hit.by == "partner" and hit.code in _DANGER_FACTORS:
            hits.partner_codes.add(hit.code)
        if hit.code == "self_harm":
            hits.self_rank = max(hits.self_rank, LEVELS.index(hit.level))
    if found.question and (hits.question is None or found.hits):
        hits.question = found.question
    # Thoughts of suicide with the writer's own plan or means, or a plan with means: crisis.
    cues = [span for span in (found.plan, found.means) if span]
    if (hits.self_rank >= LEVELS.index("red") and cues) or len(cues) == 2:
        for start, end in cues:
            hits.signals.append(Signal("self_harm", start, end, text[start:end]))
        hits.levels.append("crisis")
        hits.question = scanner_es.QUESTIONS["self_harm"]
    return found


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
    return scan_prepared(text, lowered, Layout.of(lowered), pattern_index().scan(lowered))


def scan_prepared(text: str, lowered: str, layout: Layout, index_scan: Scan) -> ScanResult:
    """:func:`scan`, for a caller that has already normalised ``text`` (at most MAX_CHARS
    long), laid it out and scanned it with :func:`pattern_index`: the message coach."""
    hits = _Hits(signals=[], levels=["green"], partner_codes=set())
    starts = index_scan.starts
    for family in signals().families:
        # Most families have nothing in most texts: skip them without a call.
        if family.ungated or not family.gated.isdisjoint(starts):
            _scan_family(family, text, lowered, layout, index_scan, hits)
    spanish = _spanish(text, lowered, layout, hits)
    _plan_or_means(text, lowered, layout, index_scan, hits)
    if hits.question is None and _violent_figure_of_speech(index_scan):
        hits.question = QUESTIONS["idiom"]
    level = max(hits.levels, key=LEVELS.index)
    if len(hits.partner_codes) >= 3:
        level = raise_level(level, "high_danger")  # several danger factors at once
    if hits.partner_codes & {"physical_violence", "strangulation"} and (
        spanish.aggravating or any(pattern.search(lowered) for pattern in signals().aggravating)
    ):
        level = raise_level(level, "high_danger")  # violence in pregnancy, or escalating
    # Danger right now anywhere in the text, with a serious signal anywhere in it (below red
    # it changes nothing, so the search is spared).
    if LEVELS.index(level) >= LEVELS.index("red"):
        hits.imminent = spanish.imminent or _danger_now(index_scan)
        if hits.imminent:
            level = "crisis"
    return ScanResult(
        level=level,
        signals=_dedupe(hits.signals),
        question=hits.question,
        imminent=hits.imminent and level == "crisis",
    )
