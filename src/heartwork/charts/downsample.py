"""Keeping long histories small: means (or sums) per week, month or year.

Years of daily points would make an SVG of hundreds of kilobytes that no phone screen can
show anyway. Past ``max_points`` distinct dates a chart is drawn from one mean per week;
past that many weeks, per month; then per year. Every series of a chart is cut the same
way, so the data table lines up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Literal

from heartwork.charts.model import Series, Unit

Point = tuple[date, float]
UNITS: tuple[Unit, ...] = ("week", "month", "year")
SECONDS_PER_DAY = 86_400


def day_number(day: date) -> float:
    """A date as a number of days; a datetime adds the fraction of its day (wall clock)."""
    number = float(day.toordinal())
    if isinstance(day, datetime):
        number += (day.hour * 3600 + day.minute * 60 + day.second) / SECONDS_PER_DAY
    return number


def _by_date(point: Point) -> date:
    return point[0]


def _by_day_number(point: Point) -> float:
    return day_number(point[0])


def finite(points: Iterable[tuple[date, float]]) -> list[Point]:
    """The points with a finite value, oldest first (a stable sort keeps equal dates in order)."""
    kept = [(day, float(value)) for day, value in points if math.isfinite(float(value))]
    try:
        # Fast when every x is of one kind; dates and datetimes mixed cannot be compared.
        kept.sort(key=_by_date)
    except TypeError:
        kept.sort(key=_by_day_number)
    return kept


def _keys(days: Sequence[date], unit: Unit) -> list[int]:
    """Whole numbers naming the bucket each day falls in (cheaper than making their dates)."""
    if unit == "week":
        # Day 1 of the proleptic calendar (0001-01-01) is a Monday.
        return [o - (o + 6) % 7 for o in (day.toordinal() for day in days)]
    if unit == "month":
        return [day.year * 12 + day.month - 1 for day in days]
    return [day.year for day in days]


def _start(key: int, unit: Unit) -> date:
    if unit == "week":
        return date.fromordinal(key)
    if unit == "month":
        return date(key // 12, key % 12 + 1, 1)
    return date(key, 1, 1)


def bucket_start(day: date, unit: Unit) -> date:
    """The first day of the week (Monday), month or year that ``day`` falls in."""
    return _start(_keys([day], unit)[0], unit)


def choose_unit(days: Sequence[date], max_points: int) -> Unit | None:
    """None when the points fit as they are; else the smallest bucket that fits."""
    if len(set(days)) <= max_points:
        return None
    for unit in UNITS[:-1]:
        if len(set(_keys(days, unit))) <= max_points:
            return unit
    return UNITS[-1]


def bucketed(
    points: Iterable[tuple[date, float]], unit: Unit, how: Literal["mean", "sum"] = "mean"
) -> list[Point]:
    """One point per bucket, at its first day: the mean (or the sum) of its finite values."""
    kept = [(day, number) for day, value in points if math.isfinite(number := float(value))]
    totals: dict[int, list[float]] = {}
    for key, (_, number) in zip(_keys([day for day, _ in kept], unit), kept, strict=True):
        total = totals.get(key)
        if total is None:
            totals[key] = [number, 1.0]
        else:
            total[0] += number
            total[1] += 1
    return [
        (_start(key, unit), total if how == "sum" else total / count)
        for key, (total, count) in sorted(totals.items())
    ]


def prepare(series: Sequence[Series], max_points: int) -> tuple[list[list[Point]], Unit | None]:
    """Each series' points as drawn (finite, in date order, bucketed when too many)."""
    cleaned = [finite(one.points) for one in series]
    unit = choose_unit([day for points in cleaned for day, _ in points], max(1, max_points))
    if unit is None:
        return cleaned, None
    return [bucketed(points, unit) for points in cleaned], unit
