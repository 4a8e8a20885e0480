"""Spanish cue families for the free-text safety scanner. Pure Python, like the scanner.

The scanner (``heartwork.safety.scanner``) calls :func:`find` on every text; it returns
the Spanish hits, which the scanner turns into the same signals and levels as English
ones. The families live in ``data/signals_es.toml`` (same shape as ``signals.toml``).

Spanish differs from English in ways the English modifiers cannot see, so this module
has its own:

- accents are folded before matching ("me pegó" and "me pego" are one cue), and the
  patterns are written without accents, with SMS spellings ("q", "xq", "k", "kiero");
- the subject is usually dropped ("me pegó otra vez"), so a partner's cue needs no
  subject, and a named subject that is not a partner ("mi mamá", "el perro") turns it off;
- negation: "no", "nunca", "jamás", "ni", "tampoco", "nadie" among the three words before
  a cue, in the same clause, make it a clarifying question ("no me quiero morir", "nunca
  me pegó"). A cue may itself start with "no" ("no quiero vivir"), which is then risk,
  not denial. "si no ..." is a condition, not a denial ("si no contesto me pega"), and
  "ya no" before something a partner did says it happened ("ya no me pega");
- idioms ("me muero de risa", "te voy a matar a besos") are silent, and violent ones
  about a relative ("mi mamá me va a matar") ask a question, as in English;
- stories (a film, a song, "el novio de mi amiga") do not raise the writer's level.

A cheap look for Spanish words comes first: a text without any is not searched, so
English texts pay almost nothing.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from heartwork.once import built_once
from heartwork.patterns import whole_words
from heartwork.textkit import Layout

# Same length, so every offset in the folded text is an offset in what was typed.
_FOLD = str.maketrans("áéíóúüàèìòùñ", "aeiouuaeioun")

# Words that only Spanish texts carry often. A text with none of them is not searched.
# Most texts are English, so this check runs on nearly every scan: the words are one
# trie-shaped regex tried only after a character that is not part of a word (a third
# faster than listing every word and looking each up), and what no word list can say is
# a few more regexes.
_SPANISH_WORDS = frozenset(
    """
    que q k xq pq porque pero estoy esta estaba quiero kiero qiero yo el ella mi mis se lo
    los las una del al muy ya nunca tengo tiene es y con por para cuando como mas otra vez
    hoy aqui aca ahora novio novia esposo esposa marido pareja dice dijo nadie todo nada ser
    vida morir boludo wey guey tio parce pana chamo ntp tqm la de te en un le si eso esto
    hay vas va voy fue mucho miedo ojala ahorita vos sos che usted ustedes tu nos
    ayer anoche xfa porq xk tmb tmbn aki dsp msj
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
_SPANISH_WORD = whole_words(_SPANISH_WORDS)
# What a set of words cannot say, as regexes that each start with a fixed character or
# string: the regex engine then skips ahead to those in a tight loop of its own instead of
# trying the whole pattern at every character of every (mostly English) text.
_SPANISH_MARKS = (
    re.compile(r"[áéíóúñ¿¡]"),
    # Reflexive infinitives ("suicidarme", "morirme", "cortarme") are Spanish only, and
    # infinitives with "le", "la", "lo" ("contestarle", "pegarla"), seven letters or more.
    re.compile(r"r(?<=\w[aei]r)(?:[mts]e\b|l[aeo]\b(?<=\w\w\w....)|l[ao]s\b(?<=\w\w\w.....))"),
    # "me" before the stem of something done to the writer ("me pegó"); the lookbehind
    # is the word boundary before "me".
    re.compile(
        r"me (?<!\wme )(?:peg|golpe|bloque|amenaz|ahorc|quier|mat|cort|sigu|acos|revis|quit"
        r"|control|oblig|pid|di|dej|empuj|pate|lastim|estrangul|viol|maltrat|persigu|espi"
        r"|vigil)\w*\b"
    ),
    # SMS "m" for "me", with the stems a short message about a partner uses: "m pego ayer".
    re.compile(
        r"m (?<!\wm )(?:peg|golpe|bloque|amenaz|ahorc|revis|control|oblig|empuj|pate|lastim"
        r"|estrangul|maltrat|persigu|vigil|acos|dej)\w*\b"
    ),
)
_NEGATORS = frozenset({"no", "nunca", "jamas", "ni", "tampoco", "nadie", "sin"})
# A negation does not reach across these ("no sé por qué, pero me quiero morir").
_CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:pero|y|e|aunque|porque|xq|pq|entonces|asi que)\b")
_WORD = re.compile(r"[a-z0-9']+")
# Phrases whose "no" belongs to them, not to what follows: a condition ("si no contesto me
# pega"), not knowing ("no sé si quiero seguir viviendo"), "I can't take it anymore".
_SET_PHRASE = re.compile(
    r"\bsi (?:\w+ )?no\b(?: \w+){0,3}|\bno (?:se|sabia|estoy segur[oa]) (?:si|que|como|por que)\b"
    r"|\bno (?:puedo|aguanto) mas\b|\bno (?:se|sabes) (?:cuanto|lo que)\b"
)
# "ya no me pega": a partner's act that has stopped, so it happened.
_YA_NO = re.compile(r"\bya no (?:\w+ )?$")
# Someone other than a partner is the subject: a relative, a pet, the weather.
_NOT_PARTNER = re.compile(
    r"\b(?:mi|mis|el|la|los|las|tu|su) (?:mama|mami|madre|papa|papi|padre|papas|padres|viejo"
    r"|jefe|jefa|herman[oa]s?|hij[oa]s?|prim[oa]s?|ti[oa]s?|abuel[oa]s?|profe|profesor[a]?"
    r"|maestr[oa]|perr[oa]|perrit[oa]|gat[oa]|gatit[oa]|bebe|nene|nena|amig[oa]s?"
    r"|companer[oa]s?|vecin[oa]s?|suegr[oa]|cunad[oa]|lluvia|trabajo|tiempo|clima|calor|frio"
    r"|vida|escuela|facu|pandemia|ansiedad|depresion|gripe|dolor|dinero|plata|horario)\b"
    r"(?: \w+){0,3} ?$"
)
# Families whose hits are a partner's acts or the writer's: "ya no" before them admits them.
_ACTS = frozenset({"partner", "user"})

QUESTIONS = {
    "negated": (
        "Mencionaste algo sobre tu seguridad. ¿Ha pasado algo así, o te preocupa que pueda pasar?"
    ),
    "idiom": (
        "Suena muy frustrante. Solo para saber: ¿alguien está en peligro, o te preocupa "
        "tu seguridad?"
    ),
    "self_harm": (
        "Parece que ahora mismo todo pesa mucho. ¿Estás pensando en quitarte la vida? "
        "No tienes que cargar con esto a solas."
    ),
}


class SpanishDataError(ValueError):
    """signals_es.toml is malformed: raised at load, so it never fails quietly."""


@dataclass(frozen=True)
class EsFamily:
    code: str
    level: str
    by: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class EsTable:
    families: tuple[EsFamily, ...]
    idioms: re.Pattern[str]
    ask_idioms: re.Pattern[str]
    third_party: re.Pattern[str]
    imminent: re.Pattern[str]
    plan: re.Pattern[str]
    means: re.Pattern[str]
    aggravating: re.Pattern[str]


@dataclass(frozen=True)
class EsHit:
    code: str
    level: str
    by: str
    start: int
    end: int


@dataclass
class EsFound:
    """What the Spanish families found in one text (offsets into the text as typed)."""

    hits: list[EsHit] = field(default_factory=list)
    question: str | None = None
    # The writer's own plan or gathered means (start, end), for the crisis rule.
    plan: tuple[int, int] | None = None
    means: tuple[int, int] | None = None
    aggravating: bool = False
    imminent: bool = False


_MACRO = re.compile(r"\{\{([A-Z_]+)\}\}")
_NEVER = re.compile(r"(?!x)x")


def _joined(patterns: list[str], macros: dict[str, str], where: str) -> re.Pattern[str]:
    """One pattern for a list of them (each as written, macros expanded)."""
    if not patterns:
        return _NEVER
    try:
        expanded = [_MACRO.sub(lambda m: macros[m.group(1)], p) for p in patterns]
        for one in expanded:
            re.compile(one)  # name the bad one where it is written
        return re.compile("|".join(f"(?:{one})" for one in expanded))
    except (re.error, KeyError) as exc:
        raise SpanishDataError(f"signals_es.toml {where}: {exc}") from exc


def parse(data: dict[str, Any], levels: tuple[str, ...], codes: tuple[str, ...]) -> EsTable:
    if data.get("schema_version") != 1:
        raise SpanishDataError("signals_es.toml: schema_version must be 1")
    macros = data.get("macros", {})
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for item in data.get("family", []):
        where = f"family {item.get('code')!r}"
        if item.get("code") not in codes or item.get("level") not in levels[1:]:
            raise SpanishDataError(f"signals_es.toml {where}: unknown code or level")
        if item.get("by") not in {"partner", "user", "self"}:
            raise SpanishDataError(f"signals_es.toml {where}: by must be partner, user or self")
        grouped.setdefault((item["code"], item["level"], item["by"]), []).extend(item["patterns"])
    families = tuple(
        EsFamily(code, level, by, _joined(raw, macros, f"family {code!r}"))
        for (code, level, by), raw in grouped.items()
    )
    mods = data.get("modifiers", {})
    return EsTable(
        families=families,
        idioms=_joined(mods.get("idioms", []) + mods.get("ask_idioms", []), macros, "idioms"),
        ask_idioms=_joined(mods.get("ask_idioms", []), macros, "ask_idioms"),
        third_party=_joined(mods.get("third_party", []), macros, "third_party"),
        imminent=_joined(mods.get("imminent", []), macros, "imminent"),
        plan=_joined(mods.get("plan", []), macros, "plan"),
        means=_joined(mods.get("means", []), macros, "means"),
        aggravating=_joined(mods.get("aggravating", []), macros, "aggravating"),
    )


@built_once
def table() -> EsTable:
    from heartwork.safety.scanner import LEVELS, SIGNAL_CODES  # the scanner imports us lazily

    raw = resources.files("heartwork.safety").joinpath("data/signals_es.toml").read_bytes()
    return parse(tomllib.loads(raw.decode("utf-8")), LEVELS, SIGNAL_CODES)


def fold(lowered: str) -> str:
    """The lower-cased text without accents, every character at its offset."""
    return lowered.translate(_FOLD)


def looks_spanish(lowered: str) -> bool:
    return _SPANISH_WORD.search(" " + lowered) is not None or any(
        mark.search(lowered) for mark in _SPANISH_MARKS
    )


def _clause_before(folded: str, sentence_start: int, start: int) -> str:
    before = folded[max(sentence_start, start - 120) : start]
    parts = _CLAUSE_BREAK.split(before)
    return parts[-1] if parts else before


def _negated(folded: str, sentence_start: int, start: int, by: str) -> bool:
    clause = _clause_before(folded, sentence_start, start)
    if by in _ACTS and _YA_NO.search(clause):
        return False  # "ya no me pega": it happened
    words = _WORD.findall(_SET_PHRASE.sub(" ", clause))
    return any(word in _NEGATORS for word in words[-3:])


def _story(tbl: EsTable, folded: str, sentence_start: int, start: int) -> bool:
    return tbl.third_party.search(folded, sentence_start, start) is not None


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def _own_cue(
    pattern: re.Pattern[str], tbl: EsTable, folded: str, layout: Layout
) -> tuple[int, int] | None:
    for match in pattern.finditer(folded):
        sentence_start, _ = layout.sentence_at(match.start())
        if _story(tbl, folded, sentence_start, match.start()):
            continue
        if _negated(folded, sentence_start, match.start(), "self"):
            continue
        return match.span()
    return None


def find(lowered: str, layout: Layout) -> EsFound:
    """The Spanish cues in one lower-cased text (see the module docstring)."""
    found = EsFound()
    if not looks_spanish(lowered):
        return found
    tbl = table()
    folded = fold(lowered)
    idioms: dict[int, list[tuple[int, int]]] = {}
    for family in tbl.families:
        for match in family.pattern.finditer(folded):
            start, end = match.span()
            if end <= start:
                continue
            sentence_start, sentence_end = layout.sentence_at(start)
            if _story(tbl, folded, sentence_start, start):
                continue
            if family.by == "partner" and _NOT_PARTNER.search(
                _clause_before(folded, sentence_start, start)
            ):
                continue
            if sentence_start not in idioms:
                stop = max(sentence_end, end)
                idioms[sentence_start] = [
                    m.span() for m in tbl.idioms.finditer(folded, sentence_start, stop)
                ]
            if _inside(idioms[sentence_start], start, end):
                asked = tbl.ask_idioms.search(folded, sentence_start, max(sentence_end, end))
                if asked:
                    found.question = found.question or QUESTIONS["idiom"]
                continue
            if _negated(folded, sentence_start, start, family.by):
                found.question = found.question or QUESTIONS["negated"]
                continue
            found.hits.append(EsHit(family.code, family.level, family.by, start, end))
            if family.code == "self_harm":
                found.question = QUESTIONS["self_harm"]
    if found.question is None and tbl.ask_idioms.search(folded):
        found.question = QUESTIONS["idiom"]
    found.plan = _own_cue(tbl.plan, tbl, folded, layout)
    found.means = _own_cue(tbl.means, tbl, folded, layout)
    found.aggravating = tbl.aggravating.search(folded) is not None
    found.imminent = tbl.imminent.search(folded) is not None
    return found
