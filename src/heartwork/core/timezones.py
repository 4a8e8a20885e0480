"""Each person's own clock: their time zone, their local day. Pure Python, no Django import.

Times are stored in UTC. What a person sees, and what counts as "a day" for streaks, urges
per day or days since contact, follows their own time zone (User.time_zone, an IANA name
such as "Europe/Dublin"); blank means the server's default (settings.TIME_ZONE), passed in
as ``default``. A zone that no longer exists on this machine falls back the same way, so a
tz database update can never break a page.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

__all__ = ["day_bounds", "is_zone", "local_day", "zone", "zone_names"]


@cache
def zone_names() -> tuple[str, ...]:
    """Every zone this machine knows, sorted; the choices offered on the account page."""
    return tuple(sorted(name for name in available_timezones() if "/" in name or name == "UTC"))


def is_zone(name: str) -> bool:
    return name in zone_names()


@cache
def zone(name: str, default: str = "UTC") -> ZoneInfo:
    """The zone called ``name``, or ``default`` when blank or unknown."""
    for candidate in (name, default, "UTC"):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def local_day(moment: datetime, tz: ZoneInfo) -> date:
    """The calendar day ``moment`` (aware) falls on where the person lives."""
    return moment.astimezone(tz).date()


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The start and end (exclusive) of a local day, in UTC for queries; a day can be 23 or
    25 hours long when the clocks change (arithmetic across zones must happen in UTC:
    Python subtracts two times of one zone by their wall clocks)."""
    following = day + timedelta(days=1)
    return (
        datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(UTC),
        datetime(following.year, following.month, following.day, tzinfo=tz).astimezone(UTC),
    )
