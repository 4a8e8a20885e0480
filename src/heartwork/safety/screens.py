"""The structured safety check: its screens, and what a set of answers means.

Pure Python (no Django import). The questions live in data/screens.toml, in our own
words; this module validates answers and turns them into a level with deterministic
rules only (SAFETY.md principle 2). Where answers are stored and how levels combine
over time is heartwork.safety.standing.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

from heartwork import languages
from heartwork.safety.scanner import LEVELS, raise_level

ANSWERS = ("yes", "no", "unsure")
Scope = Literal["user", "partner"]
# The order the web check walks through them; the API takes any screen at any time.
ORDER = ("device", "mood", "contact", "harm", "mirror", "quick")


class ScreenDataError(ValueError):
    """screens.toml is malformed: raised at load, never at a user's answer."""


class ScreenInputError(ValueError):
    """An answer set that cannot be read. ``field`` names the item at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    yes: str
    unsure: str
    code: str | None
    ask_if: tuple[str, ...]
    tally: bool
    discreet: bool
    # The quick screen: which full screen a yes or unsure asks again.
    reask: str | None = None

    @property
    def is_follow_up(self) -> bool:
        return bool(self.ask_if)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "ask_if": list(self.ask_if)}


@dataclass(frozen=True)
class Screen:
    id: str
    scope: Scope
    title: str
    intro: str
    items: tuple[Item, ...]

    def item(self, item_id: str) -> Item | None:
        return next((item for item in self.items if item.id == item_id), None)

    @property
    def first_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if not item.is_follow_up)

    def follow_ups(self, answers: Mapping[str, str]) -> tuple[Item, ...]:
        """The follow-up items these answers call for (a yes or unsure on a trigger)."""
        raised = {key for key, value in answers.items() if value in ("yes", "unsure")}
        return tuple(item for item in self.items if set(item.ask_if) & raised)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "scope": self.scope,
            "title": self.title,
            "intro": self.intro,
            "answers": list(ANSWERS),
            "items": [item.to_dict() for item in self.items],
        }


@dataclass(frozen=True)
class Outcome:
    """What one completed screen found."""

    screen: str
    level: str
    codes: tuple[str, ...]
    # The device screen: someone else may see this phone, so discreet mode goes on.
    discreet: bool = False
    # The device screen: using the app is not safe where they are right now.
    unsafe_here: bool = False
    # The quick screen: the full screens to ask again, each with the level to hold meanwhile.
    reask: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class Screens:
    screens: tuple[Screen, ...]
    tally_needed: int
    tally_level: str

    def get(self, screen_id: str) -> Screen | None:
        return next((screen for screen in self.screens if screen.id == screen_id), None)

    def of_scope(self, scope: Scope) -> tuple[Screen, ...]:
        return tuple(screen for screen in self.screens if screen.scope == scope)


def _level(value: Any, where: str) -> str:
    if value not in LEVELS:
        raise ScreenDataError(f"{where}: {value!r} is not one of {', '.join(LEVELS)}")
    return str(value)


def _item(raw: Mapping[str, Any], where: str) -> Item:
    try:
        return Item(
            id=str(raw["id"]),
            text=str(raw["text"]),
            yes=_level(raw["yes"], f"{where}.yes"),
            unsure=_level(raw["unsure"], f"{where}.unsure"),
            code=raw.get("code"),
            ask_if=tuple(raw.get("ask_if", ())),
            tally=bool(raw.get("tally", False)),
            discreet=bool(raw.get("discreet", False)),
            reask=raw.get("reask"),
        )
    except KeyError as exc:
        raise ScreenDataError(f"{where}: missing {exc.args[0]!r}") from None


def parse_screens(data: Mapping[str, Any]) -> Screens:
    screens = []
    for raw in data.get("screens", ()):
        where = f"screen {raw.get('id', '?')}"
        if raw.get("scope") not in ("user", "partner"):
            raise ScreenDataError(f"{where}: scope must be user or partner")
        items = tuple(
            _item(item, f"{where}.{item.get('id', '?')}") for item in raw.get("items", ())
        )
        ids = [item.id for item in items]
        if len(set(ids)) != len(ids):
            raise ScreenDataError(f"{where}: two items share an id")
        for item in items:
            if item.reask is not None and item.reask not in ORDER:
                raise ScreenDataError(f"{where}.{item.id}: reask names an unknown screen")
            if not set(item.ask_if) <= set(ids):
                raise ScreenDataError(f"{where}.{item.id}: ask_if names an unknown item")
        screens.append(
            Screen(
                id=str(raw["id"]),
                scope=raw["scope"],
                title=str(raw["title"]),
                intro=str(raw["intro"]),
                items=items,
            )
        )
    if sorted(screen.id for screen in screens) != sorted(ORDER):
        raise ScreenDataError(f"the screens must be exactly: {', '.join(ORDER)}")
    tally = data.get("tally", {})
    return Screens(
        screens=tuple(screens),
        tally_needed=int(tally.get("needed", 2)),
        tally_level=_level(tally.get("level", "high_danger"), "tally.level"),
    )


# What a translation (data/screens.<code>.toml) may change: only the words people read.
# Levels, codes, follow-ups and the tally are the same in every language.
TEXT_KEYS = frozenset({"title", "intro", "text"})


def _raw(name: str) -> dict[str, Any]:
    text = resources.files("heartwork.safety").joinpath(f"data/{name}").read_text("utf-8")
    return tomllib.loads(text)


def translation_errors(code: str) -> list[str]:
    """How data/screens.<code>.toml differs from screens.toml beyond its words ([] if right)."""
    return languages.file_errors(_raw, "screens", code, TEXT_KEYS, "the safety check")


@cache
def _screens_in(code: str) -> Screens:
    if code == languages.DEFAULT:
        return parse_screens(_raw("screens.toml"))
    errors = translation_errors(code)
    if errors:
        raise ScreenDataError("\n".join(errors))
    return parse_screens(_raw(f"screens.{code}.toml"))


def load_screens(language: str | None = None) -> Screens:
    """The screens, worded in ``language`` (by default the one spoken for this request).
    Every language asks the same items with the same levels: only the words differ."""
    return _screens_in(languages.pick(language or languages.active_language()))


def screen(screen_id: str) -> Screen:
    """The screen called ``screen_id``; ScreenInputError when there is none."""
    found = load_screens().get(screen_id)
    if found is None:
        raise ScreenInputError("screen", f"use one of: {', '.join(ORDER)}")
    return found


def clean_answers(screen: Screen, answers: Mapping[str, Any]) -> dict[str, str]:
    """Check a whole answer set: every first item answered, and every follow-up it calls for.

    Follow-ups that were not called for are dropped rather than refused, so a form that
    shows every question at once still works.
    """
    for key, value in answers.items():
        if screen.item(key) is None:
            raise ScreenInputError(key, f"not a question in the {screen.id} screen")
        if value not in ANSWERS:
            raise ScreenInputError(key, f"answer yes, no or unsure, not {value!r}")
    cleaned = {item.id: answers[item.id] for item in screen.first_items if item.id in answers}
    for item in screen.first_items:
        if item.id not in cleaned:
            raise ScreenInputError(item.id, "this question needs an answer")
    for item in screen.follow_ups(cleaned):
        if item.id not in answers:
            raise ScreenInputError(item.id, "this follow-up question needs an answer")
        cleaned[item.id] = answers[item.id]
    return cleaned


def evaluate(screen: Screen, answers: Mapping[str, Any], screens: Screens | None = None) -> Outcome:
    """The level a complete answer set sets. Deterministic: same answers, same level."""
    tally_from = screens or load_screens()
    cleaned = clean_answers(screen, answers)
    level = "green"
    codes: list[str] = []
    tallied = 0
    for item in screen.items:
        answer = cleaned.get(item.id)
        if answer not in ("yes", "unsure"):
            continue
        level = raise_level(level, item.yes if answer == "yes" else item.unsure)
        if item.code and item.code not in codes and (answer == "yes" or item.unsure != "green"):
            codes.append(item.code)
        tallied += item.tally and answer == "yes"
    if tallied >= tally_from.tally_needed:
        level = raise_level(level, tally_from.tally_level)
    reask = tuple(
        (item.reask, item.yes if cleaned[item.id] == "yes" else item.unsure, item.code or "")
        for item in screen.items
        if item.reask and cleaned.get(item.id) in ("yes", "unsure")
    )
    return Outcome(
        screen=screen.id,
        level=level,
        codes=tuple(codes),
        discreet=any(
            item.discreet and cleaned.get(item.id) in ("yes", "unsure") for item in screen.items
        ),
        unsafe_here=screen.id == "device" and cleaned.get("safe_now") in ("no", "unsure"),
        reask=reask,
    )
