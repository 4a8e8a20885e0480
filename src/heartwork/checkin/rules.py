"""What a daily check-in holds, and the rules for each answer. Pure Python: no Django import.

A check-in belongs to one of the person's local days. Only the mood is needed; every other
answer may be left out (``None``), because a check-in that takes ten seconds is better
than none. ``clean`` checks a whole set of answers at once and raises ``CheckinError``
naming the first answer at fault, in the order of ``FIELDS``; the API and the form both
show that name with the message.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

MOOD_MIN, MOOD_MAX = 1, 5
SLEEP_MIN, SLEEP_MAX = 0.0, 24.0
# Sleep is given in hours and half hours: 7, 7.5, 8.
SLEEP_STEP = 0.5
MINUTES_MAX = 24 * 60
NOTE_MAX_CHARS = 280
# How far back a check-in can be added or changed, in days before today.
BACKFILL_DAYS = 366
FIELDS = ("mood", "sleep_hours", "moved", "movement_minutes", "talked_to_support", "note")

_SPACES = re.compile(r"\s+")


class CheckinError(ValueError):
    """One answer that cannot be saved. ``field`` names it; ``message`` says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Answers:
    mood: int
    sleep_hours: float | None = None
    moved: bool | None = None
    movement_minutes: int | None = None
    talked_to_support: bool | None = None
    # One line; "" when there is none.
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _whole(value: Any) -> int | None:
    """A whole number, also when written 3.0; None for anything else (True is not 1)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return None


def clean_mood(value: Any) -> int:
    mood = _whole(value)
    if mood is None or not MOOD_MIN <= mood <= MOOD_MAX:
        raise CheckinError("mood", f"choose a whole number from {MOOD_MIN} to {MOOD_MAX}")
    return mood


def clean_sleep(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise CheckinError("sleep_hours", "give the hours as a number, such as 7 or 7.5")
    if not SLEEP_MIN <= value <= SLEEP_MAX:
        raise CheckinError("sleep_hours", "give a number of hours from 0 to 24")
    if (value / SLEEP_STEP) != int(value / SLEEP_STEP):
        raise CheckinError("sleep_hours", "round to the nearest half hour, such as 7 or 7.5")
    return float(value)


def _yes_no(field: str, value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise CheckinError(field, "answer true (yes), false (no), or leave it out")


def clean_minutes(value: Any) -> int | None:
    if value is None:
        return None
    minutes = _whole(value)
    if minutes is None or not 0 <= minutes <= MINUTES_MAX:
        raise CheckinError("movement_minutes", f"give whole minutes from 0 to {MINUTES_MAX}")
    return minutes


def clean_note(value: Any) -> str:
    """One line: line breaks and runs of spaces become single spaces."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise CheckinError("note", "write the note as text")
    note = _SPACES.sub(" ", value).strip()
    if len(note) > NOTE_MAX_CHARS:
        raise CheckinError("note", f"keep it to one line of at most {NOTE_MAX_CHARS} characters")
    return note


def _movement(moved: bool | None, minutes: int | None) -> bool | None:
    """Minutes given without a yes or no answer it; a contradiction names the minutes."""
    if minutes is None:
        return moved
    if moved is None:
        return minutes > 0
    if moved is False and minutes > 0:
        raise CheckinError(
            "movement_minutes", "you said you did not move today; leave the minutes out or say yes"
        )
    if moved is True and minutes == 0:
        raise CheckinError("movement_minutes", "give the minutes you moved, or leave them out")
    return moved


def clean(values: Mapping[str, Any]) -> Answers:
    """Every answer checked; unknown names are refused, missing optional ones are None."""
    unknown = sorted(str(key) for key in values if key not in FIELDS)
    if unknown:
        raise CheckinError(unknown[0], "not a part of a check-in")
    if values.get("mood") is None:
        raise CheckinError("mood", f"choose how your mood is, from {MOOD_MIN} to {MOOD_MAX}")
    mood = clean_mood(values["mood"])
    sleep = clean_sleep(values.get("sleep_hours"))
    moved = _yes_no("moved", values.get("moved"))
    minutes = clean_minutes(values.get("movement_minutes"))
    talked = _yes_no("talked_to_support", values.get("talked_to_support"))
    note = clean_note(values.get("note"))
    return Answers(
        mood=mood,
        sleep_hours=sleep,
        moved=_movement(moved, minutes),
        movement_minutes=minutes,
        talked_to_support=talked,
        note=note,
    )


def check_day(day: date, today: date) -> date:
    """A day a check-in can be saved for: not after today, and not too far back."""
    if day > today:
        raise CheckinError("day", "a check-in cannot be for a day that has not come yet")
    if day < today - timedelta(days=BACKFILL_DAYS):
        raise CheckinError("day", f"only the last {BACKFILL_DAYS} days can be filled in")
    return day


def mean(values: list[float]) -> float | None:
    """The average, rounded to one decimal; None for no values."""
    return round(sum(values) / len(values), 1) if values else None
