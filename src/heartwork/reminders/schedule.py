"""When a reminder fires next. Pure Python, no Django import (tested with hypothesis).

A rule says "once at this moment", "every day at 07:30" or "every Tuesday at 19:00", in the
person's own time zone. The answer is a UTC moment, always after the one asked about:

* Wall times are kept as wall times: 07:30 stays 07:30 when the clocks change.
* A wall time that does not exist on a day (the hour skipped when clocks go forward) fires
  as soon as the day gets past it, at the same distance from the change (02:30 becomes
  03:30). A wall time that happens twice (clocks go back) fires the first time only.
* Quiet hours (local wall times, possibly over midnight) are never fired in: a reminder that
  falls inside them moves to their end.

Arithmetic between moments happens in UTC: Python compares two times of one zone by their
wall clocks, which is wrong across a change of the clocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

__all__ = ["Quiet", "Rule", "in_quiet", "next_fire", "out_of_quiet", "parse_quiet"]

# Enough days to find any weekly occurrence, whatever the zone's offset.
_SEARCH_DAYS = 9
# Moving to the end of quiet hours can land in them again only when a change of the clocks
# eats their end; two more moves always get out.
_MAX_MOVES = 4


@dataclass(frozen=True)
class Rule:
    """``repeat`` is "once", "daily" or "weekly"; ``at`` the local wall time; ``weekday`` is
    0 (Monday) to 6 for weekly rules; ``once_at`` the aware moment of a one-off rule."""

    repeat: str
    at: time
    weekday: int | None = None
    once_at: datetime | None = None


@dataclass(frozen=True)
class Quiet:
    """From ``start`` until ``end`` (local wall times, end excluded). Equal: no quiet hours."""

    start: time
    end: time

    @property
    def off(self) -> bool:
        return self.start == self.end


def parse_quiet(text: str) -> Quiet:
    """ "22:00-08:00" into a Quiet; raises ValueError on anything else."""
    start, sep, end = text.strip().partition("-")
    if not sep:
        raise ValueError("quiet hours look like 22:00-08:00")
    return Quiet(_parse_time(start), _parse_time(end))


def _parse_time(text: str) -> time:
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2:
        raise ValueError(f"{text.strip()!r} is not a time like 08:00")
    return time(int(hours), int(minutes))


def in_quiet(moment: datetime, quiet: Quiet, zone: ZoneInfo) -> bool:
    """Whether the local wall clock at ``moment`` is within quiet hours."""
    if quiet.off:
        return False
    wall = moment.astimezone(zone).time().replace(second=0, microsecond=0)
    if quiet.start < quiet.end:
        return quiet.start <= wall < quiet.end
    return wall >= quiet.start or wall < quiet.end


def _at(day: date, wall: time, zone: ZoneInfo) -> datetime:
    # fold=0: the first of two equal wall times; a skipped one lands after the gap.
    return datetime.combine(day, wall, tzinfo=zone).astimezone(UTC)


def _quiet_end(moment: datetime, quiet: Quiet, zone: ZoneInfo) -> datetime:
    local = moment.astimezone(zone)
    day = local.date()
    if quiet.start > quiet.end and local.time() >= quiet.start:
        day += timedelta(days=1)  # quiet hours over midnight end the next morning
    end = _at(day, quiet.end, zone)
    # A change of the clocks can put that end at or before the moment; then it is the next.
    return end if end > moment else _at(day + timedelta(days=1), quiet.end, zone)


def out_of_quiet(moment: datetime, quiet: Quiet, zone: ZoneInfo) -> datetime:
    """``moment``, or the end of the quiet hours it falls in (always later, in UTC)."""
    for _move in range(_MAX_MOVES):
        if not in_quiet(moment, quiet, zone):
            return moment
        moment = _quiet_end(moment, quiet, zone)
    return moment


def _occurrence_after(rule: Rule, zone: ZoneInfo, after: datetime) -> datetime | None:
    if rule.repeat == "once":
        if rule.once_at is None:
            raise ValueError("a one-off rule needs once_at")
        return rule.once_at.astimezone(UTC) if rule.once_at > after else None
    if rule.repeat not in {"daily", "weekly"}:
        raise ValueError(f"unknown repeat {rule.repeat!r}")
    first = after.astimezone(zone).date() - timedelta(days=1)
    for offset in range(_SEARCH_DAYS):
        day = first + timedelta(days=offset)
        if rule.repeat == "weekly" and day.weekday() != rule.weekday:
            continue
        candidate = _at(day, rule.at, zone)
        if candidate > after:
            return candidate
    raise AssertionError("unreachable: every week has the weekday")  # pragma: no cover


def next_fire(rule: Rule, zone: ZoneInfo, quiet: Quiet, *, after: datetime) -> datetime | None:
    """The first time the rule fires strictly after ``after`` (aware), moved out of quiet
    hours, in UTC; None when a one-off rule has already passed."""
    occurrence = _occurrence_after(rule, zone, after.astimezone(UTC))
    return None if occurrence is None else out_of_quiet(occurrence, quiet, zone)
