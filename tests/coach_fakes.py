"""Hand-made coach analyses, for tests of how the surfaces show an analysis.

The rules themselves are tested in tests/coach/. The API, the CLI and the web page only
pass an analysis on; these tests give them one with known findings, so what they show can
be checked exactly, whatever the rules find.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pytest

from heartwork import coach
from heartwork.coach.types import Safety, SafetyCue

SORRY_BUT = "Sorry, but you pushed me into yelling."


def finding(
    text: str, matched: str, label: str, severity: str = "medium", why: str = "", rewrite: str = ""
) -> coach.Finding:
    start = text.index(matched)
    return coach.Finding(
        rule=f"test.{label}",
        label=label,
        severity=severity,
        start=start,
        end=start + len(matched),
        text=matched,
        why=why or f"Why {label} hurts.",
        rewrite=rewrite or f"A kinder way than {label}.",
    )


def analysis(
    text: str,
    *,
    verdict: str = "revise",
    kind: str = "apology",
    findings: Sequence[coach.Finding] = (),
    strengths: Sequence[coach.Strength] = (),
    suggestions: Sequence[coach.Suggestion] = (),
    safety: Safety | None = None,
    summary: str = "",
) -> coach.Analysis:
    labels = tuple(dict.fromkeys(f.label for f in findings)) or ("genuine",)
    return coach.Analysis(
        kind=kind,
        kind_source="given",
        verdict=verdict,
        labels=labels,
        findings=tuple(findings),
        strengths=tuple(strengths),
        suggestions=tuple(suggestions),
        safety=safety,
        words=len(text.split()),
        sentences=max(1, text.count(".")),
        summary=summary,
    )


def sorry_but_analysis(text: str = SORRY_BUT) -> coach.Analysis:
    """The issue's example as the rules are meant to read it."""
    return analysis(
        text,
        findings=[
            finding(text, "Sorry, but", "but_undo", "high", rewrite="I'm sorry."),
            finding(text, "you pushed me", "blame_shifting", "high", rewrite="I yelled."),
        ],
        suggestions=[coach.Suggestion("repair", "Say what you will do differently.")],
    )


def safety_of(text: str, matched: str) -> Safety:
    start = text.index(matched)
    cue = SafetyCue(family="threats", start=start, end=start + len(matched), text=matched)
    return Safety(cues=(cue,), message="These words can frighten the person who reads them.")


@dataclass
class FakeCoach:
    """Stands in for heartwork.coach.analyze and remembers how it was called."""

    make: Callable[[str], coach.Analysis]
    calls: list[dict[str, Any]] = field(default_factory=list)

    def __call__(
        self, text: str, *, kind: str = "auto", sent_at: datetime | None = None
    ) -> coach.Analysis:
        self.calls.append({"text": text, "kind": kind, "sent_at": sent_at})
        # The coach's documented input checks, so bad input is refused as the real one does.
        if kind not in coach.KIND_CHOICES:
            raise coach.CoachInputError(f"unknown kind {kind!r}")
        if not text.strip():
            raise coach.CoachInputError("the text is empty")
        if len(text) > coach.MAX_CHARS:
            raise coach.CoachInputError(f"the text is longer than {coach.MAX_CHARS:,} characters")
        return self.make(text)


def fake_coach(
    monkeypatch: pytest.MonkeyPatch, make: Callable[[str], coach.Analysis] = sorry_but_analysis
) -> FakeCoach:
    fake = FakeCoach(make)
    monkeypatch.setattr(coach, "analyze", fake)
    return fake
