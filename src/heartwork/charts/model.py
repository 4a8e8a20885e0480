"""What a chart is made of: plain, frozen data, built by the caller and read by the renderer.

Every text here arrives already translated: this package imports no Django, so the caller
(a view, an API operation) picks the words and the date format.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

# Past this many distinct x values a line chart is drawn from means per week, then per
# month, then per year: enough detail for a phone screen, and a bounded SVG for any history.
MAX_POINTS = 400
# A bar chart is for counts or a handful of categories; aggregate first (downsample.bucketed).
MAX_BARS = 400

Unit = Literal["week", "month", "year"]
DateFormat = Callable[[date], str]
ValueFormat = Callable[[float], str]


def iso_date(day: date) -> str:
    return day.isoformat()[:10]


def plain_number(value: float) -> str:
    """At most one decimal, none when the value is whole: 42, 42.5, 3 (blank if not finite)."""
    if not math.isfinite(value):
        return ""
    rounded = round(value, 1)
    return f"{rounded:.0f}" if rounded == int(rounded) else f"{rounded:.1f}"


@dataclass(frozen=True)
class Series:
    """One line: its name (shown in the legend and the table) and its (date, value) points.

    A ``datetime`` is a ``date`` too; pass times already in the reader's time zone. Values
    that are not finite are left out; values outside the chart's range are drawn at its edge.
    """

    name: str
    points: Sequence[tuple[date, float]]


@dataclass(frozen=True)
class Guide:
    """A dashed horizontal line across the plot, such as the middle of a scale."""

    value: float
    label: str


@dataclass(frozen=True)
class Markers:
    """Labels for each line's first and latest point, such as "Before" and "Now"."""

    first: str
    last: str


@dataclass(frozen=True)
class LineChart:
    title: str
    desc: str
    series: Sequence[Series]
    y_min: float = 0
    y_max: float = 100
    # None: about five round steps between y_min and y_max.
    y_ticks: Sequence[float] | None = None
    guide: Guide | None = None
    markers: Markers | None = None
    # Shown inside the chart when no series has a point.
    empty: str = "Nothing to show yet."
    # The header of the data table's first column.
    x_label: str = "Date"
    format_date: DateFormat = iso_date
    format_value: ValueFormat = plain_number
    max_points: int = MAX_POINTS


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


@dataclass(frozen=True)
class BarChart:
    title: str
    desc: str
    bars: Sequence[Bar]
    y_min: float = 0
    y_max: float = 100
    y_ticks: Sequence[float] | None = None
    guide: Guide | None = None
    empty: str = "Nothing to show yet."
    label_header: str = "Item"
    value_header: str = "Value"
    format_value: ValueFormat = plain_number


@dataclass(frozen=True)
class Table:
    """The chart's data as rows, for an HTML table beside it (and for screen readers).

    ``unit`` says what one row stands for when a line chart was drawn from means: None for
    the points as given, else "week", "month" or "year" (each row's first column is the
    bucket's first day).
    """

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)
    unit: Unit | None = None
