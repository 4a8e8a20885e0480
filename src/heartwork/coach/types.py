"""The coach's public data shapes. Pure Python: no Django import.

``Analysis.to_dict()`` is the JSON contract shared by the CLI (``--json``), the API
(``POST /api/v1/coach/analyze``) and the web page; see docs/coach.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = ("apology", "reach_out", "conflict_reply")
KIND_CHOICES = (*KINDS, "auto")
MAX_CHARS = 20_000

# Problem labels per kind, and the positive label given when none of them is found.
PROBLEM_LABELS: dict[str, tuple[str, ...]] = {
    "apology": (
        "conditional",
        "but_undo",
        "blame_shifting",
        "excuse",
        "minimizing",
        "vague",
        "demanding_closure",
    ),
    "reach_out": (
        "pressuring",
        "guilt_tripping",
        "emotional_dump",
        "over_promising",
        "hostile",
        "late_night",
    ),
    "conflict_reply": ("criticism", "contempt", "defensiveness", "stonewalling", "hostile"),
}
POSITIVE_LABEL = {"apology": "genuine", "reach_out": "gentle", "conflict_reply": "constructive"}
ALL_LABELS = tuple(
    sorted(
        {label for labels in PROBLEM_LABELS.values() for label in labels}
        | set(POSITIVE_LABEL.values())
    )
)

# Apology components, most important first (Lewicki, Polin & Lount 2016).
APOLOGY_COMPONENTS = ("responsibility", "repair", "impact", "regret", "forbearance", "explanation")

VERDICTS = ("ready", "revise", "hold")
SEVERITIES = ("low", "medium", "high")


class CoachInputError(ValueError):
    """The text or options cannot be analysed; the message is one plain line."""


@dataclass(frozen=True)
class Finding:
    """Words that work against the writer."""

    rule: str  # stable id, e.g. "apology.but_undo.sorry_but"
    label: str
    severity: str  # "low" | "medium" | "high"
    start: int  # character offsets into the analysed text, end exclusive
    end: int
    text: str
    why: str  # one plain sentence
    rewrite: str  # a kinder way to say it

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "label": self.label,
            "severity": self.severity,
            "span": [self.start, self.end],
            "text": self.text,
            "why": self.why,
            "rewrite": self.rewrite,
        }


@dataclass(frozen=True)
class Strength:
    """Something that already works, credited with its span."""

    component: str  # an APOLOGY_COMPONENTS id, or "no_pressure", "i_statement", ...
    start: int
    end: int
    text: str
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "component": self.component,
            "span": [self.start, self.end],
            "text": self.text,
            "why": self.why,
        }


@dataclass(frozen=True)
class Suggestion:
    """Something missing that would help; never a flag."""

    component: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"component": self.component, "message": self.message}


@dataclass(frozen=True)
class SafetyCue:
    family: str  # "threat", "self_harm", "stalking", ...
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"family": self.family, "span": [self.start, self.end], "text": self.text}


@dataclass(frozen=True)
class Safety:
    """Present only when the text holds danger cues; the verdict is then ``hold``."""

    cues: tuple[SafetyCue, ...]
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"cues": [cue.to_dict() for cue in self.cues], "message": self.message}


@dataclass(frozen=True)
class Analysis:
    kind: str
    kind_source: str  # "given" | "guessed"
    verdict: str
    labels: tuple[str, ...]
    findings: tuple[Finding, ...]  # worst first
    strengths: tuple[Strength, ...]
    suggestions: tuple[Suggestion, ...]
    safety: Safety | None
    words: int
    sentences: int
    summary: str = field(default="")  # one plain sentence about the verdict

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "kind_source": self.kind_source,
            "verdict": self.verdict,
            "summary": self.summary,
            "labels": list(self.labels),
            "findings": [finding.to_dict() for finding in self.findings],
            "strengths": [strength.to_dict() for strength in self.strengths],
            "suggestions": [suggestion.to_dict() for suggestion in self.suggestions],
            "safety": self.safety.to_dict() if self.safety else None,
            "stats": {"words": self.words, "sentences": self.sentences},
        }
