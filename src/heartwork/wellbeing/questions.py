"""The two well-being checks: their questions, how a take is scored, and when one is due.

Pure Python (no Django import). The questions live in data/checks.toml, in our own words,
and are checked when loaded: a malformed file stops the app at start-up, never at a
person's answer. These are reflective questions written for Heartwork, not a validated
clinical measure, and nothing here claims otherwise (docs/wellbeing.md).
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

from heartwork import languages

DATA_VERSION = 1
ID = re.compile(r"[a-z][a-z0-9_]{0,47}")
# "About five items each": fewer says too little, more stops being short.
MIN_ITEMS, MAX_ITEMS = 3, 8
TOP_KEYS = {"version", "scale_min", "scale_max", "interval_days", "checks"}
CHECK_KEYS = {"id", "title", "intro", "items"}
ITEM_KEYS = {"id", "text", "low", "high"}


class CheckDataError(ValueError):
    """checks.toml is malformed: raised at load, never at a person's answer."""


class AnswerError(ValueError):
    """Answers that cannot be scored. ``field`` names the question at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    # Plain words for the two ends of the scale.
    low: str
    high: str


@dataclass(frozen=True)
class Check:
    id: str
    title: str
    intro: str
    items: tuple[Item, ...]

    def item(self, item_id: str) -> Item | None:
        return next((item for item in self.items if item.id == item_id), None)


@dataclass(frozen=True)
class Checks:
    checks: tuple[Check, ...]
    scale_min: int
    scale_max: int
    interval: timedelta

    def get(self, check_id: str) -> Check | None:
        return next((check for check in self.checks if check.id == check_id), None)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(check.id for check in self.checks)

    @property
    def scale(self) -> range:
        return range(self.scale_min, self.scale_max + 1)


# -- loading ---------------------------------------------------------------------------


def _text(raw: Mapping[str, Any], key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CheckDataError(f"{where}.{key}: needs some text")
    return value.strip()


def _keys(raw: Any, allowed: set[str], where: str) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise CheckDataError(f"{where}: must be a table")
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise CheckDataError(f"{where}: unknown keys {', '.join(unknown)}")
    missing = sorted(allowed - set(raw))
    if missing:
        raise CheckDataError(f"{where}: missing {', '.join(missing)}")
    return raw


def _id(raw: Mapping[str, Any], where: str, seen: set[str]) -> str:
    value = raw["id"]
    if not isinstance(value, str) or not ID.fullmatch(value):
        raise CheckDataError(f"{where}.id: {value!r} is not a lowercase id")
    if value in seen:
        raise CheckDataError(f"{where}.id: {value!r} is used twice")
    seen.add(value)
    return value


def _whole(raw: Mapping[str, Any], key: str) -> int:
    value = raw[key]
    if not isinstance(value, int) or isinstance(value, bool):
        raise CheckDataError(f"{key}: must be a whole number")
    return value


def _check(raw: Any, where: str, seen: set[str]) -> Check:
    raw = _keys(raw, CHECK_KEYS, where)
    check_id = _id(raw, where, seen)
    items_raw = raw["items"]
    if not isinstance(items_raw, list) or not MIN_ITEMS <= len(items_raw) <= MAX_ITEMS:
        raise CheckDataError(f"{where}.items: needs {MIN_ITEMS} to {MAX_ITEMS} items")
    item_ids: set[str] = set()
    items = []
    for index, item_raw in enumerate(items_raw):
        at = f"{where}.items[{index}]"
        item_raw = _keys(item_raw, ITEM_KEYS, at)
        items.append(
            Item(
                id=_id(item_raw, at, item_ids),
                text=_text(item_raw, "text", at),
                low=_text(item_raw, "low", at),
                high=_text(item_raw, "high", at),
            )
        )
    return Check(
        id=check_id,
        title=_text(raw, "title", where),
        intro=_text(raw, "intro", where),
        items=tuple(items),
    )


def parse(raw: Mapping[str, Any]) -> Checks:
    """Checks from the parsed TOML, every key checked; CheckDataError says where it is wrong."""
    raw = _keys(raw, TOP_KEYS, "checks.toml")
    if raw["version"] != DATA_VERSION:
        raise CheckDataError(f"version: this Heartwork reads version {DATA_VERSION}")
    low, high, days = (
        _whole(raw, "scale_min"),
        _whole(raw, "scale_max"),
        _whole(raw, "interval_days"),
    )
    if low >= high:
        raise CheckDataError("scale_min must be below scale_max")
    if days < 1:
        raise CheckDataError("interval_days must be 1 or more")
    checks_raw = raw["checks"]
    if not isinstance(checks_raw, list) or not checks_raw:
        raise CheckDataError("checks: needs at least one check")
    seen: set[str] = set()
    checks = tuple(_check(one, f"checks[{i}]", seen) for i, one in enumerate(checks_raw))
    return Checks(checks=checks, scale_min=low, scale_max=high, interval=timedelta(days=days))


# What a translation (data/checks.<code>.toml) may change: only the words people read.
TEXT_KEYS = frozenset({"title", "intro", "text", "low", "high"})


def _raw(name: str) -> Mapping[str, Any]:
    text = resources.files("heartwork.wellbeing").joinpath(f"data/{name}").read_text("utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CheckDataError(f"{name}: {exc}") from None


def translation_errors(code: str) -> list[str]:
    """How data/checks.<code>.toml differs from checks.toml beyond its words ([] if right)."""
    return languages.file_errors(_raw, "checks", code, TEXT_KEYS, "the well-being checks")


@cache
def _checks_in(code: str) -> Checks:
    if code == languages.DEFAULT:
        return parse(_raw("checks.toml"))
    errors = translation_errors(code)
    if errors:
        raise CheckDataError("\n".join(errors))
    return parse(_raw(f"checks.{code}.toml"))


def load_checks(language: str | None = None) -> Checks:
    """The checks, worded in ``language`` (by default the one spoken for this request).
    Every language asks the same items on the same scale: only the words differ."""
    return _checks_in(languages.pick(language or languages.active_language()))


# -- answering and scoring -------------------------------------------------------------


def clean_answers(check: Check, answers: Mapping[str, Any], scale: range) -> dict[str, int]:
    """One whole number on the scale for every item, in the check's order; else AnswerError."""
    unknown = sorted(str(key) for key in answers if check.item(str(key)) is None)
    if unknown:
        raise AnswerError(unknown[0], "this is not a question of this check")
    low, high = scale[0], scale[-1]
    clean: dict[str, int] = {}
    for item in check.items:
        if item.id not in answers:
            raise AnswerError(item.id, f"needs an answer from {low} to {high}")
        value = answers[item.id]
        if isinstance(value, bool) or not isinstance(value, int) or value not in scale:
            raise AnswerError(item.id, f"must be a whole number from {low} to {high}")
        clean[item.id] = value
    return clean


def score(answers: Mapping[str, int], scale: range) -> int:
    """The mean answer moved onto 0-100 and rounded half up: all lowest 0, all highest 100."""
    if not answers:
        raise ValueError("a score needs at least one answer")
    low, high = scale[0], scale[-1]
    mean = sum(answers.values()) / len(answers)
    return math.floor((mean - low) / (high - low) * 100 + 0.5)


# -- the schedule ----------------------------------------------------------------------


def next_due(last: datetime | None, interval: timedelta) -> datetime | None:
    """When a check is next due: ``interval`` after its latest take; None if never taken."""
    return None if last is None else last + interval


def is_due(last: datetime | None, now: datetime, interval: timedelta) -> bool:
    """Due at the start (never taken), then again once ``interval`` has passed."""
    due_at = next_due(last, interval)
    return due_at is None or now >= due_at
