"""Runs the rules over a draft and turns what they find into an Analysis. Pure Python."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime

from heartwork.coach.rules import Rule, rulebook
from heartwork.coach.types import (
    KIND_CHOICES,
    MAX_CHARS,
    POSITIVE_LABEL,
    PROBLEM_LABELS,
    Analysis,
    CoachInputError,
    Finding,
    Safety,
    SafetyCue,
    Strength,
    Suggestion,
)
from heartwork.once import built_once
from heartwork.patterns import PatternIndex, Scan
from heartwork.safety import scanner
from heartwork.safety.scanner import LEVELS
from heartwork.textkit import Layout, clause_negated, disowned, negated, normalise, word_count

# Scanner signals that put a draft on hold: threats, violence, stalking, self-harm, and
# a boundary such as an order or "they asked me not to contact them" (SAFETY.md, never 1).
# (Owning up to reading someone's phone is amber and belongs in an apology.)
_SAFETY_CODES = frozenset(
    {
        "legal_boundary",
        "threats",
        "physical_violence",
        "strangulation",
        "weapon",
        "stalking",
        "partner_suicide_threat",
        "coercive_control",
        "user_perpetration",
    }
)
_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
# What someone else said, reported: "you said you always...", "she called me selfish".
_REPORTED = re.compile(
    r"(?:\b(?:you|u|he|she|they|someone|people|my \w+|your \w+) "
    r"(?:said|says|told me|tell me|called me|texted|wrote|asked)(?: me)?(?: that)?,?\s*[\"']?\s*)$"
)
# Every match of _REPORTED holds one of these verbs: most text before a finding holds
# none, and looking for them is cheaper than searching it with _REPORTED.
_REPORTED_VERBS = re.compile(r"sa(?:id|ys)|t(?:old|ell) me|called me|texted|wrote|asked")
# Every match of textkit's disowning pattern holds "no", "never" or "n't" ("not", "won't",
# "didnt"): text before a finding without any of them is not searched with it.
_DISOWN_HINT = re.compile(r"n(?:o|ever|'?t)")
_DISOWN_REACH = 90  # as far back as textkit.disowned looks
# First messages longer than this read as a lot to take in (COACH.md: ~80-100 words).
DUMP_WORDS = 100
DUMP_WORDS_WITH_RUMINATION = 60
DUMP_PARAGRAPHS = 4
_RUMINATION = re.compile(
    r"\b(?:(?:every|each) (?:single )?(?:day|night|morning|minute|hour|second)|all day|all night|"
    r"non ?stop|constantly|over and over|again and again|i keep (?:thinking|replaying|going over|"
    r"wondering|remembering|going back|reading)|i can'?t stop (?:thinking|replaying|wondering|"
    r"crying)|(?:i )?replay(?:ing)?|i go over|i think about (?:you|us|it|what) (?:all the time|"
    r"every|constantly|non ?stop|so much))"
)
# Strengths that only make sense inside a conversation already going on.
_REPLY_STRENGTHS = frozenset({"acknowledges_view", "clear_request"})
_LATE_NIGHT_HOURS = frozenset({23, 0, 1, 2, 3, 4})
# An apology owns a specific act when it says what was done: "sorry I yelled",
# "sorry for reading your texts", "I hid the bills", "that was selfish of me".
_SPECIFIC_ACT = re.compile(
    r"\b(?:sorry|soz|sry|apologi[sz]e|apologies|regret)\b,? (?:for |that |about |i |i'?ve |"
    r"i'?d |i'?m )?(?:i |i'?ve |i'?d |my |how i |what i |the way i |not |never |being |ever |"
    r"\w+ing\b)"
    r"|\bi (?:\w{3,}ed|said|made|hid|told|took|left|let|kept|threw|went|did|didn'?t|got|gave|"
    r"sold|spent|broke|forgot|lied|cheated|hit|ran|stole|wrote|sent|drank|swore|spoke|shouted|"
    r"was (?:rude|unfair|cruel|selfish|out of order|outta pocket|wrong|mean|horrible|nasty|"
    r"dismissive|cold|harsh|jealous|controlling|disrespectful))\b"
    r"|\b(?:that|it|this) was (?:\w+ )?\w+ of me\b|\bi owe (?:you )?an apology for\b"
    # "I should have told you", "I never should've shouted": the act named as what was owed.
    r"|\bi (?:should|shouldn'?t|never should|should never)(?: have|'?ve) \w+"
    # "Reading your diary was a huge breach": the act as the subject, judged by the writer.
    r"|\b\w{2,}ing (?:at |to |through |behind |about )?(?:you|your|ur)\b(?: \w+){0,3} was "
    r"(?:a |an |so |really |totally |completely |such a )?"
    r"(?:huge |massive |big |real |serious )?(?:wrong|breach|betrayal|violation|out of order|"
    r"unfair|selfish|cruel|disrespectful|not ok(?:ay)?)\b"
)
_SUMMARY = {
    "ready": "This reads as calm and respectful. It is ready if you are.",
    "revise": "A few words here work against you. Have a look before sending.",
    "hold": "Hold this one for now. Read it again later before you decide.",
}
# With safety cues the coach stops shaping the message: no rewrites, no suggestions.
# Polishing a message to someone who set a boundary, or one that carries a threat or
# talk of suicide, would be coaching contact that may hurt (SAFETY.md, never 1 and 5).
_SAFETY_SUMMARY = (
    "This is not a message to polish. Some words here are about someone's safety, so the "
    "coach will not help shape it."
)
_SAFETY_MESSAGE = (
    "Some words here can be about someone's safety. If you or anyone is in danger, "
    "please reach out for support now; the safety page lists people you can talk to."
)
_SUGGESTIONS = {
    "responsibility": 'Say plainly that it was your doing: "That was wrong of me."',
    "repair": 'Offer to make it right: "Is there anything I can do to make this better?"',
    "impact": 'Show you see how it affected them: "I know that hurt you."',
    "regret": "Say you are sorry in plain words.",
}


@built_once
def _index() -> PatternIndex:
    """The rules' patterns and the safety scanner's together: one pass over a draft finds
    where either could match (a scan over more patterns answers for fewer just as well)."""
    return PatternIndex((*rulebook().index().patterns, *scanner.pattern_index().patterns))


def _check_input(text: str, kind: str) -> None:
    if kind not in KIND_CHOICES:
        raise CoachInputError(f"unknown kind {kind!r}; use one of: {', '.join(KIND_CHOICES)}")
    if not text.strip():
        raise CoachInputError("the text is empty")
    if len(text) > MAX_CHARS:
        raise CoachInputError(f"the text is longer than {MAX_CHARS:,} characters")


@dataclass
class _Draft:
    """One text being analysed, with what every rule needs, worked out once."""

    text: str
    lowered: str
    layout: Layout
    scan: Scan  # for the rules and the safety scanner alike (see _index)
    _findings: dict[str, list[Finding]] = field(default_factory=dict)
    _strengths: dict[str, tuple[Strength, ...]] = field(default_factory=dict)
    # The scope guards' answer for each (rule, span): guessing the kind and then
    # analysing as the kind guessed meet the same matches, and rules shared by two
    # kinds meet them twice.
    _skips: dict[tuple[str, int, int], bool] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> _Draft:
        lowered = normalise(text)
        return cls(text, lowered, Layout.of(lowered), _index().scan(lowered))

    def findings(self, kind: str) -> list[Finding]:
        if kind not in self._findings:
            self._findings[kind] = list(
                _rule_findings(kind, self.text, self.lowered, self.scan, self.skipped)
            )
        return self._findings[kind]

    def problem_labels(self, kind: str) -> set[str]:
        """The labels ``kind``'s rules find, for guessing the kind."""
        return {finding.label for finding in self.findings(kind)}

    def skipped(self, rule: Rule, start: int, end: int) -> bool:
        key = (rule.id, start, end)
        skip = self._skips.get(key)
        if skip is None:
            skip = self._skips[key] = _skipped(rule, self.lowered, self.layout, start, end)
        return skip

    def strengths(self, kind: str) -> tuple[Strength, ...]:
        if kind not in self._strengths:
            self._strengths[kind] = _strengths(
                kind, self.text, self.lowered, self.layout, self.scan
            )
        return self._strengths[kind]


def guess_kind(draft: _Draft) -> str:
    """Which kind of message this most looks like.

    Cue words count, and so do the problems each kind's rules find: a message
    full of "you always" reads as a reply in an argument even without "whatever".
    With no cue at all it is taken as a reply, since first messages usually
    greet or wish well.
    """
    cues = rulebook().kind_cues
    scan = draft.scan
    scores = {
        kind: sum(
            len(scan.matches(pattern))
            for pattern in cues.get(kind, ())
            if not pattern.gate.openings or pattern in scan.starts
        )
        for kind in ("apology", "reach_out", "conflict_reply")
    }
    cued = [kind for kind, score in scores.items() if score]
    if len(cued) == 1:
        return cued[0]  # the words alone are clear: no need to run every kind's rules
    for kind in ("reach_out", "conflict_reply"):
        scores[kind] += len(draft.problem_labels(kind) - {"hostile"})
    scores["conflict_reply"] += sum(
        strength.component in _REPLY_STRENGTHS for strength in draft.strengths("conflict_reply")
    )
    if scores["apology"] and scores["apology"] >= max(
        scores["conflict_reply"], scores["reach_out"]
    ):
        return "apology"
    if scores["conflict_reply"] > scores["reach_out"]:
        return "conflict_reply"
    if scores["reach_out"] > scores["conflict_reply"] or word_count(draft.text) > DUMP_WORDS:
        return "reach_out"
    return "conflict_reply"


def _span(match: re.Match[str], lowered: str) -> tuple[int, int]:
    """The part to highlight: the ``hit`` group when a pattern names one, to the end of a word."""
    start, end = match.span("hit") if "hit" in match.re.groupindex else match.span()
    while (
        end < len(lowered) and end > start and lowered[end - 1].isalnum() and lowered[end].isalnum()
    ):
        end += 1
    return start, end


def _skipped(rule: Rule, lowered: str, layout: Layout, start: int, end: int) -> bool:
    """The scope guards: quotes, reported speech, negation, disowning ("I'm not going to
    pretend I was busy") and the rule's own exceptions.

    Run for nearly every match, and most matches pass every guard, so each guard is a
    plain test or loop (most rules have one joined pattern per guard, or none).
    """
    if layout.quotes and layout.in_quote(start):
        return True
    sentences = layout.sentences
    index = layout.sentence_index(start)
    sentence_start, sentence_end = sentences[index] if sentences else (0, 0)
    before = lowered[sentence_start:start]
    if _REPORTED_VERBS.search(before) and _REPORTED.search(before):
        return True
    if rule.negatable and clause_negated(lowered, sentence_start, start):
        return True
    reach = max(sentence_start, start - _DISOWN_REACH)
    if _DISOWN_HINT.search(lowered, reach, start) and disowned(lowered, sentence_start, start):
        return True
    for pattern in rule.unless_before:
        if pattern.search(before):
            return True
    if rule.only_after:
        for pattern in rule.only_after:
            if pattern.search(before):
                break
        else:
            return True
    if rule.unless_after:
        after = lowered[end : end + 60]
        for pattern in rule.unless_after:
            if pattern.match(after):
                return True
    if rule.unless_sentence:
        sentence = lowered[sentence_start : max(sentence_end, end)]
        for pattern in rule.unless_sentence:
            if pattern.search(sentence):
                return True
    if rule.unless_next_sentence and index + 1 < len(sentences):
        following_start, following_end = sentences[index + 1]
        text = lowered[following_start:following_end]
        for pattern in rule.unless_next_sentence:
            if pattern.search(text):
                return True
    return False


def _rule_findings(
    kind: str, text: str, lowered: str, scan: Scan, skipped: Callable[[Rule, int, int], bool]
) -> Iterator[Finding]:
    # Only patterns whose cheap gate is open on this text (see heartwork.patterns).
    for rule, pattern in rulebook().candidates(kind, scan):
        for match in scan.matches(pattern):
            start, end = _span(match, lowered)
            if end <= start or skipped(rule, start, end):
                continue
            yield Finding(
                rule=rule.id,
                label=rule.label,
                severity=rule.severity,
                start=start,
                end=end,
                text=text[start:end],
                why=rule.why,
                rewrite=rule.rewrite,
            )


def _dump_finding(text: str, lowered: str, words: int) -> Finding | None:
    paragraphs = len([part for part in re.split(r"\n\s*\n", text) if part.strip()])
    rumination = _RUMINATION.search(lowered)
    if not (
        words > DUMP_WORDS
        or paragraphs >= DUMP_PARAGRAPHS
        or (rumination and words > DUMP_WORDS_WITH_RUMINATION)
    ):
        return None
    start, end = rumination.span() if rumination else (0, len(text.rstrip()))
    return Finding(
        rule="reach_out.emotional_dump.length",
        label="emotional_dump",
        severity="medium",
        start=start,
        end=end,
        text=text[start:end],
        why=(
            f"At {words} words this is a lot to take in as a first message; "
            "long messages after silence tend to feel heavy."
        ),
        rewrite="Keep the first message to two or three short sentences; the rest can wait.",
    )


def _late_send_finding(sent_at: datetime) -> Finding:
    return Finding(
        rule="reach_out.late_night.send_time",
        label="late_night",
        severity="high",
        start=0,
        end=0,
        text="",
        why=f"You plan to send this at {sent_at:%H:%M}; late-night messages are often regretted.",
        rewrite="Schedule it for the daytime, or read it again tomorrow before sending.",
    )


def _dedupe(findings: list[Finding]) -> tuple[Finding, ...]:
    """One finding per label per stretch of text; worst first, then in reading order."""
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, -(f.end - f.start))):
        if any(
            other.label == finding.label
            and finding.start < max(other.end, other.start + 1)
            and other.start < max(finding.end, finding.start + 1)
            for other in kept
        ):
            continue
        kept.append(finding)
    return tuple(sorted(kept, key=lambda f: (_SEVERITY_ORDER[f.severity], f.start)))


def _strengths(
    kind: str, text: str, lowered: str, layout: Layout, scan: Scan
) -> tuple[Strength, ...]:
    found: dict[str, Strength] = {}
    for rule, pattern in rulebook().strength_candidates(kind, scan):
        for match in scan.matches(pattern):
            start, end = _span(match, lowered)
            if end <= start or layout.in_quote(start):
                continue
            sentence_start, _ = layout.sentence_at(start)
            if rule.negatable and negated(lowered, sentence_start, start):
                continue
            strength = Strength(rule.component, start, end, text[start:end], rule.why)
            # The earliest credit for a component, whichever pattern found it.
            if rule.component not in found or start < found[rule.component].start:
                found[rule.component] = strength
            break
    return tuple(sorted(found.values(), key=lambda strength: strength.start))


def _safety(draft: _Draft) -> Safety | None:
    """Danger cues, from the safety scanner (the one place that reads text for danger)."""
    result = scanner.scan_prepared(draft.text, draft.lowered, draft.layout, draft.scan)
    cues = [
        SafetyCue(family=signal.code, start=signal.start, end=signal.end, text=signal.text)
        for signal in result.signals
        if signal.code == "self_harm"
        or (signal.code in _SAFETY_CODES and LEVELS.index(result.level) >= LEVELS.index("red"))
    ]
    if not cues:
        return None
    return Safety(cues=tuple(cues), message=_SAFETY_MESSAGE)


def _apology_suggestions(strengths: tuple[Strength, ...]) -> tuple[Suggestion, ...]:
    present = {strength.component for strength in strengths}
    return tuple(
        Suggestion(component=component, message=message)
        for component, message in _SUGGESTIONS.items()
        if component not in present
    )[:3]


def _labels(
    kind: str, findings: tuple[Finding, ...], lowered: str, strengths: tuple[Strength, ...]
) -> tuple[str, ...]:
    problems = [label for label in PROBLEM_LABELS[kind] if any(f.label == label for f in findings)]
    if problems:
        return tuple(problems)
    if kind != "apology":
        return (POSITIVE_LABEL[kind],)
    owns_act = any(s.component == "responsibility" for s in strengths) or bool(
        _SPECIFIC_ACT.search(lowered)
    )
    return ("genuine",) if owns_act else ()


def _verdict(labels: tuple[str, ...], safety: Safety | None) -> str:
    if safety or {"hostile", "late_night"} & set(labels):
        return "hold"
    if any(label not in POSITIVE_LABEL.values() for label in labels):
        return "revise"
    return "ready"


def analyze(text: str, *, kind: str = "auto", sent_at: datetime | None = None) -> Analysis:
    """Analyse ``text`` as a draft of ``kind`` (or guess the kind with "auto")."""
    _check_input(text, kind)
    draft = _Draft.of(text)
    lowered, layout = draft.lowered, draft.layout
    kind_source = "given"
    if kind == "auto":
        kind, kind_source = guess_kind(draft), "guessed"
    words = word_count(text)
    findings = list(draft.findings(kind))
    if kind == "reach_out":
        dump = _dump_finding(text, lowered, words)
        if dump:
            findings.append(dump)
        if sent_at is not None and sent_at.hour in _LATE_NIGHT_HOURS:
            findings.append(_late_send_finding(sent_at))
    ordered = _dedupe(findings)
    strengths = draft.strengths(kind)
    labels = _labels(kind, ordered, lowered, strengths)
    safety = _safety(draft)
    verdict = _verdict(labels, safety)
    suggestions = _apology_suggestions(strengths) if kind == "apology" else ()
    if safety is not None:
        ordered = tuple(replace(finding, rewrite="") for finding in ordered)
        suggestions = ()
    return Analysis(
        kind=kind,
        kind_source=kind_source,
        verdict=verdict,
        labels=labels,
        findings=ordered,
        strengths=strengths,
        suggestions=suggestions,
        safety=safety,
        words=words,
        sentences=len(layout.sentences),
        summary=_SAFETY_SUMMARY if safety is not None else _SUMMARY[verdict],
    )
