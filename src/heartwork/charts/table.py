"""A chart's data as table rows: exactly what the chart draws, in words and numbers.

A screen reader skips the picture (it is one image with a title and a description) and
reads this table instead, so both come from the same points: after downsampling, a row
is a week, a month or a year, and the table says which (``Table.unit``).
"""

from __future__ import annotations

from datetime import date
from math import isfinite

from heartwork.charts.downsample import day_number, prepare
from heartwork.charts.model import BarChart, LineChart, Table
from heartwork.charts.svg import clean


def line_table(chart: LineChart) -> Table:
    """One row per date drawn (oldest first), one column per series; blank where none."""
    drawn, unit = prepare(chart.series, chart.max_points)
    rows: dict[float, tuple[date, list[list[float]]]] = {}
    for index, points in enumerate(drawn):
        for day, value in points:
            cells = rows.setdefault(day_number(day), (day, [[] for _ in drawn]))[1]
            cells[index].append(value)
    return Table(
        caption=clean(chart.title),
        headers=(clean(chart.x_label), *(clean(one.name) for one in chart.series)),
        rows=tuple(
            (
                clean(chart.format_date(day)),
                *(" / ".join(clean(chart.format_value(v)) for v in values) for values in cells),
            )
            for _, (day, cells) in sorted(rows.items())
        ),
        unit=unit,
    )


def bar_table(chart: BarChart) -> Table:
    return Table(
        caption=clean(chart.title),
        headers=(clean(chart.label_header), clean(chart.value_header)),
        rows=tuple(
            (clean(bar.label), clean(chart.format_value(bar.value)) if isfinite(bar.value) else "")
            for bar in chart.bars
        ),
    )


def table_of(chart: LineChart | BarChart) -> Table:
    return line_table(chart) if isinstance(chart, LineChart) else bar_table(chart)
