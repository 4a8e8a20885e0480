"""Charts as server-rendered SVG: pure Python, no Django import, no JavaScript.

Build a ``LineChart`` or a ``BarChart`` (heartwork.charts.model), render it with
``render_line_chart`` / ``render_bar_chart``, and put ``table_of(chart)`` beside it as
an HTML table: the SVG is one image with a title and a description, the table holds the
numbers for screen readers. Long histories are drawn from weekly, monthly or yearly means
(heartwork.charts.downsample), so the SVG stays small whatever the number of points.
See docs/wellbeing.md ("The chart module").
"""

from heartwork.charts.downsample import bucketed
from heartwork.charts.model import (
    MAX_BARS,
    MAX_POINTS,
    Bar,
    BarChart,
    Guide,
    LineChart,
    Markers,
    Series,
    Table,
    iso_date,
    plain_number,
)
from heartwork.charts.svg import render_bar_chart, render_line_chart
from heartwork.charts.table import table_of

__all__ = [
    "MAX_BARS",
    "MAX_POINTS",
    "Bar",
    "BarChart",
    "Guide",
    "LineChart",
    "Markers",
    "Series",
    "Table",
    "bucketed",
    "iso_date",
    "plain_number",
    "render_bar_chart",
    "render_line_chart",
    "table_of",
]
