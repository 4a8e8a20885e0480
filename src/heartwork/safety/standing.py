"""Where one person, or one (person, partner) pair, stands: levels over time.

Pure Python (no Django import). A Standing is what heartwork.safety stores, encrypted,
for a user (the user-scope screens: device, mood) and for each of their partners (the
partner-scope screens: contact, harm, mirror). The rules of SAFETY.md live here:

* Each screen's latest answers set that screen's level ("marks").
* Free text can only raise: a scan leaves a "floor" on the screen its signals belong
  to, and only taking that screen again afterwards clears it.
* A crisis stays for CRISIS_HOLD after it was set, even if the mood screen is retaken
  sooner: one quick re-answer must not clear it (SAFETY.md, never 7).
* A standing is "due" a check when a screen was never taken, a floor waits for its
  screen, or the last answers are older than RECHECK_AFTER.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from heartwork.safety.scanner import LEVELS, raise_level

FORMAT_VERSION = 1
RECHECK_AFTER = timedelta(days=7)
CRISIS_HOLD = timedelta(hours=24)
USER_SCREENS = ("device", "mood")
PARTNER_SCREENS = ("contact", "harm", "mirror")
# Asked just in time, before coaching a message, when the last answers about the partner
# are older than QUICK_AFTER (SAFETY.md, "When to screen"). Its mark only records when.
QUICK = "quick"
QUICK_AFTER = timedelta(hours=24)
_QUICK_COVERS = ("contact", "harm")
# Which screen asks again about what a free-text signal found.
SCREEN_FOR_SIGNAL = {
    "self_harm": "mood",
    "legal_boundary": "contact",
    "user_perpetration": "mirror",
}
DEFAULT_SIGNAL_SCREEN = "harm"


@dataclass(frozen=True)
class Mark:
    """One screen's result, or one floor left by free text."""

    level: str
    codes: tuple[str, ...]
    at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "codes": list(self.codes), "at": self.at.isoformat()}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Mark:
        return cls(
            level=raw["level"], codes=tuple(raw["codes"]), at=datetime.fromisoformat(raw["at"])
        )


@dataclass(frozen=True)
class Standing:
    marks: Mapping[str, Mark] = field(default_factory=dict)
    floors: Mapping[str, Mark] = field(default_factory=dict)

    @property
    def level(self) -> str:
        return highest(mark.level for mark in (*self.marks.values(), *self.floors.values()))

    @property
    def codes(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for mark in (*self.marks.values(), *self.floors.values()):
            if mark.level != "green":
                seen.update(dict.fromkeys(mark.codes))
        return tuple(seen)

    def to_dict(self) -> dict[str, Any]:
        return {
            "v": FORMAT_VERSION,
            "marks": {key: mark.to_dict() for key, mark in self.marks.items()},
            "floors": {key: mark.to_dict() for key, mark in self.floors.items()},
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Standing:
        if raw.get("v") != FORMAT_VERSION:
            raise ValueError(f"unknown standing format {raw.get('v')!r}")
        return cls(
            marks={key: Mark.from_dict(value) for key, value in raw["marks"].items()},
            floors={key: Mark.from_dict(value) for key, value in raw["floors"].items()},
        )


def highest(levels: Iterable[str]) -> str:
    level = "green"
    for each in levels:
        level = raise_level(level, each)
    return level


def at_least(level: str, threshold: str) -> bool:
    return LEVELS.index(level) >= LEVELS.index(threshold)


def after_screen(
    standing: Standing, *, screen: str, level: str, codes: Iterable[str], now: datetime
) -> Standing:
    """The standing once ``screen`` was answered afresh: the only way a level goes down."""
    previous = standing.marks.get(screen)
    mark = Mark(level=level, codes=tuple(codes), at=now)
    if (
        previous is not None
        and previous.level == "crisis"
        and now - previous.at < CRISIS_HOLD
        and level != "crisis"
    ):
        # Held: keep the crisis (and when it began) until the hold is over.
        mark = Mark(
            level="crisis", codes=tuple(dict.fromkeys((*previous.codes, *codes))), at=previous.at
        )
    floors = {key: value for key, value in standing.floors.items() if key != screen}
    return replace(standing, marks={**standing.marks, screen: mark}, floors=floors)


def after_scan(
    standing: Standing, *, screen: str, level: str, codes: Iterable[str], now: datetime
) -> Standing:
    """The standing once free text raised a signal that ``screen`` asks about. Never lower."""
    if level == "green":
        return standing
    old = standing.floors.get(screen)
    codes = tuple(codes)
    if old is not None:
        level = raise_level(old.level, level)
        codes = tuple(dict.fromkeys((*old.codes, *codes)))
    return replace(
        standing, floors={**standing.floors, screen: Mark(level=level, codes=codes, at=now)}
    )


def clear_floor(standing: Standing, screen: str) -> Standing:
    """Drop a floor because ``screen`` was just answered afresh (in another standing)."""
    if screen not in standing.floors:
        return standing
    return replace(
        standing, floors={key: value for key, value in standing.floors.items() if key != screen}
    )


def due(standing: Standing, screens: Iterable[str], now: datetime) -> tuple[str, ...]:
    """The screens to answer (again) before coaching contact: never taken, or stale, or
    waiting to follow up a signal from free text."""
    needed = []
    for screen in screens:
        mark = standing.marks.get(screen)
        if mark is None or screen in standing.floors or now - mark.at > RECHECK_AFTER:
            needed.append(screen)
    return tuple(needed)


def quick_due(standing: Standing, now: datetime) -> bool:
    """Whether the quick check comes before coaching: the latest answers about contact
    and harm (or the last quick check) are more than QUICK_AFTER old."""
    times = [standing.marks[key].at for key in (*_QUICK_COVERS, QUICK) if key in standing.marks]
    return bool(times) and now - max(times) > QUICK_AFTER


def screens_for_signals(codes: Iterable[str]) -> tuple[str, ...]:
    """Which screens follow up these signal codes, in a stable order."""
    found = dict.fromkeys(SCREEN_FOR_SIGNAL.get(code, DEFAULT_SIGNAL_SCREEN) for code in codes)
    return tuple(found)
