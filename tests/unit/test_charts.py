"""heartwork.charts: any data makes a well-formed, accessible SVG of bounded size."""

from __future__ import annotations

import math
import random
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from heartwork.charts import (
    MAX_POINTS,
    Bar,
    BarChart,
    Guide,
    LineChart,
    Markers,
    Series,
    bucketed,
    render_bar_chart,
    render_line_chart,
    table_of,
)
from heartwork.charts.downsample import prepare
from heartwork.charts.svg import clean, safe_id

NS = "{http://www.w3.org/2000/svg}"
TEN_YEARS = 3653

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
moments = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2060, 12, 31))
values = st.floats(allow_nan=True, allow_infinity=True, width=64) | st.integers(-500, 500)
# Any text, control characters and lone surrogates included: XML cannot hold some of them.
texts = st.text(st.characters() | st.characters(categories=["Cc", "Cs"]), max_size=80)
series = st.builds(Series, texts, st.lists(st.tuples(days | moments, values), max_size=120))
ranges = st.tuples(
    st.floats(min_value=-1e6, max_value=1e6), st.floats(min_value=0.01, max_value=1e6)
).map(lambda pair: (pair[0], pair[0] + pair[1]))
guides = st.none() | st.builds(Guide, st.floats(allow_nan=True, allow_infinity=True), texts)
markers = st.none() | st.builds(Markers, texts, texts)


@st.composite
def line_charts(draw: st.DrawFn) -> LineChart:
    low, high = draw(ranges)
    return LineChart(
        title=draw(texts),
        desc=draw(texts),
        series=draw(st.lists(series, max_size=5)),
        y_min=low,
        y_max=high,
        guide=draw(guides),
        markers=draw(markers),
        empty=draw(texts),
        max_points=draw(st.integers(min_value=1, max_value=MAX_POINTS)),
    )


@st.composite
def bar_charts(draw: st.DrawFn) -> BarChart:
    low, high = draw(ranges)
    return BarChart(
        title=draw(texts),
        desc=draw(texts),
        bars=draw(st.lists(st.builds(Bar, texts, values), max_size=60)),
        y_min=low,
        y_max=high,
        guide=draw(guides),
        empty=draw(texts),
    )


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314  (our own output, not untrusted input)
    assert root.tag == f"{NS}svg"
    return root


def plot_box(root: ET.Element) -> tuple[float, float, float, float]:
    (plot,) = [node for node in root.iter(f"{NS}rect") if node.get("class") == "chart-plot"]
    left, top = float(plot.get("x", "")), float(plot.get("y", ""))
    return left, top, left + float(plot.get("width", "")), top + float(plot.get("height", ""))


def drawn_coordinates(root: ET.Element) -> Iterator[tuple[float, float]]:
    """Every data point the picture places: line vertices, dots and before/now rings."""
    for line in root.iter(f"{NS}polyline"):
        for pair in line.get("points", "").split():
            x, y = pair.split(",")
            yield float(x), float(y)
    for node in root.iter():
        kind = node.get("class", "")
        if kind in {"chart-dot", "chart-marker"} and node.tag == f"{NS}circle":
            yield float(node.get("cx", "")), float(node.get("cy", ""))
        elif kind == "chart-dot" and node.tag == f"{NS}rect":
            yield (
                float(node.get("x", "")) + float(node.get("width", "")) / 2,
                float(node.get("y", "")) + float(node.get("height", "")) / 2,
            )


def assert_accessible_image(root: ET.Element, title: str, desc: str) -> None:
    assert root.get("role") == "img"
    ids = {node.get("id") for node in root.iter()}
    labelled = root.get("aria-labelledby", "").split()
    assert labelled and all(name in ids for name in labelled)
    assert root.get("aria-describedby", "") in ids
    (title_node,) = root.findall(f"{NS}title")
    (desc_node,) = root.findall(f"{NS}desc")
    assert title_node.get("id") in labelled
    assert (title_node.text or "") == clean(title)
    assert (desc_node.text or "") == clean(desc)


def assert_nothing_active(svg: str, root: ET.Element) -> None:
    """No script, no inline style, no event handler, nothing loaded from elsewhere."""
    for node in root.iter():
        assert node.tag not in {f"{NS}script", f"{NS}style", f"{NS}foreignObject", f"{NS}image"}
        for name in node.attrib:
            assert not name.lower().startswith("on"), name
            assert name not in {"style", "href", "{http://www.w3.org/1999/xlink}href"}, name
    assert "url(" not in svg and "@import" not in svg


def daily(start: date, count: int, seed: int) -> list[tuple[date, float]]:
    rng = random.Random(seed)
    return [(start + timedelta(days=i), rng.uniform(0, 100)) for i in range(count)]


# -- line charts -------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(chart=line_charts())
def test_any_line_chart_is_a_well_formed_accessible_svg(chart: LineChart) -> None:
    svg = render_line_chart(chart, chart_id="wellbeing")

    svg.encode("utf-8")  # no lone surrogate survives
    root = parse(svg)
    assert_accessible_image(root, chart.title, chart.desc)
    assert_nothing_active(svg, root)


@settings(max_examples=150, deadline=None)
@given(chart=line_charts())
def test_every_point_is_drawn_inside_the_plot_box(chart: LineChart) -> None:
    root = parse(render_line_chart(chart))

    left, top, right, bottom = plot_box(root)
    for x, y in drawn_coordinates(root):
        assert left <= x <= right and top <= y <= bottom, (x, y)


@settings(max_examples=100, deadline=None)
@given(chart=line_charts())
def test_a_chart_with_no_finite_point_shows_its_friendly_message(chart: LineChart) -> None:
    empty = LineChart(
        title=chart.title,
        desc=chart.desc,
        series=[Series(one.name, [(d, math.nan) for d, _ in one.points]) for one in chart.series],
        empty="Nothing here yet, and that is fine.",
    )

    root = parse(render_line_chart(empty))

    message = [node for node in root.iter() if node.get("class") == "chart-empty"]
    assert len(message) == 1
    assert "".join(message[0].itertext()) == "Nothing here yet, and that is fine."
    assert not list(drawn_coordinates(root))


@settings(max_examples=30, deadline=None)
@given(
    start=days,
    count=st.integers(min_value=1, max_value=TEN_YEARS),
    lines=st.integers(min_value=1, max_value=3),
    seed=st.integers(),
)
def test_up_to_ten_years_of_daily_points_make_a_small_svg(
    start: date, count: int, lines: int, seed: int
) -> None:
    chart = LineChart(
        title="Mood",
        desc="Every day",
        series=[Series(f"line {i}", daily(start, count, seed + i)) for i in range(lines)],
        markers=Markers("Before", "Now"),
        guide=Guide(50, "Middle"),
    )

    svg = render_line_chart(chart)

    root = parse(svg)
    assert len(svg.encode()) < 12_000 * lines
    for line in root.iter(f"{NS}polyline"):
        assert len(line.get("points", "").split()) <= MAX_POINTS


def test_html_in_titles_and_names_stays_text() -> None:
    chart = LineChart(
        title='<script>alert("x")</script> & "quotes"',
        desc="a < b > c",
        series=[Series("<b>bold</b>", [(date(2025, 1, 1), 10), (date(2025, 1, 8), 20)])],
    )

    svg = render_line_chart(chart)

    assert "<script>" not in svg and "<b>" not in svg
    root = parse(svg)
    assert root.findtext(f"{NS}title") == '<script>alert("x")</script> & "quotes"'
    assert "<b>bold</b>" in "".join(root.itertext())


def test_a_strange_chart_id_still_makes_valid_ids() -> None:
    chart_id = safe_id('9 "quoted" <id>')

    root = parse(render_line_chart(LineChart(title="t", desc="d", series=[]), chart_id=chart_id))

    assert root.get("aria-labelledby") == f"{chart_id}-title"
    assert chart_id[0].isalpha() and set(chart_id) <= set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
    )


def test_before_and_now_mark_each_lines_first_and_latest_point() -> None:
    chart = LineChart(
        title="Scores",
        desc="Two checks",
        series=[
            Series("Between us", [(date(2025, 1, 1), 40), (date(2025, 2, 1), 60)]),
            Series("Me", [(date(2025, 1, 2), 30)]),
        ],
        markers=Markers("Before", "Now"),
    )

    root = parse(render_line_chart(chart))

    labels = [node.text for node in root.iter() if node.get("class") == "chart-marker-label"]
    assert labels == ["Before", "Now", "Before"]


# -- the data table ----------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(chart=line_charts())
def test_the_table_holds_exactly_the_points_the_chart_draws(chart: LineChart) -> None:
    table = table_of(chart)

    drawn, unit = prepare(chart.series, chart.max_points)
    assert table.unit == unit
    assert table.headers == (clean(chart.x_label), *(clean(one.name) for one in chart.series))
    assert all(len(row) == len(table.headers) for row in table.rows)
    filled = sum(len(cell.split(" / ")) for row in table.rows for cell in row[1:] if cell)
    assert filled == sum(len(points) for points in drawn)


def test_the_table_lists_dates_oldest_first_with_a_blank_where_a_line_has_none() -> None:
    chart = LineChart(
        title="Scores",
        desc="",
        series=[
            Series("Between us", [(date(2025, 2, 1), 61), (date(2025, 1, 1), 42)]),
            Series("Me", [(date(2025, 1, 1), 30.25)]),
        ],
    )

    table = table_of(chart)

    assert table.caption == "Scores"
    assert table.headers == ("Date", "Between us", "Me")
    assert table.rows == (("2025-01-01", "42", "30.2"), ("2025-02-01", "61", ""))
    assert table.unit is None


def test_ten_years_of_days_become_monthly_means_in_chart_and_table() -> None:
    chart = LineChart(
        title="t", desc="d", series=[Series("a", daily(date(2015, 1, 1), TEN_YEARS, 1))]
    )

    table = table_of(chart)

    assert table.unit == "month"
    assert len(table.rows) == 120  # January 2015 to December 2024
    assert table.rows[0][0] == "2015-01-01"


# -- downsampling ------------------------------------------------------------------------


@given(points=st.lists(st.tuples(days, st.floats(-1e9, 1e9)), min_size=1, max_size=200))
def test_a_weekly_mean_lies_between_the_weeks_lowest_and_highest_values(
    points: list[tuple[date, float]],
) -> None:
    for start, mean in bucketed(points, "week"):
        week = [value for day, value in points if start <= day < start + timedelta(days=7)]
        assert start.weekday() == 0
        assert min(week) - 1e-6 <= mean <= max(week) + 1e-6


def test_weekly_sums_add_up_each_week() -> None:
    points = [(date(2025, 3, 3) + timedelta(days=i), 1.0) for i in range(14)]

    assert bucketed(points, "week", how="sum") == [
        (date(2025, 3, 3), 7.0),
        (date(2025, 3, 10), 7.0),
    ]


# -- bar charts --------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(chart=bar_charts())
def test_any_bar_chart_is_a_well_formed_svg_with_bars_inside_the_plot(chart: BarChart) -> None:
    svg = render_bar_chart(chart)

    root = parse(svg)
    assert_accessible_image(root, chart.title, chart.desc)
    assert_nothing_active(svg, root)
    left, top, right, bottom = plot_box(root)
    bars = [node for node in root.iter(f"{NS}rect") if node.get("class") == "chart-bar"]
    assert len(bars) == sum(1 for bar in chart.bars if math.isfinite(bar.value))
    for bar in bars:
        x, y = float(bar.get("x", "")), float(bar.get("y", ""))
        assert left - 0.1 <= x and x + float(bar.get("width", "")) <= right + 0.1
        assert top - 0.1 <= y and y + float(bar.get("height", "")) <= bottom + 0.1


def test_a_bar_chart_table_has_a_row_per_bar() -> None:
    chart = BarChart(
        title="Urges",
        desc="Per week",
        bars=[Bar("Week 1", 4), Bar("Week 2", math.nan)],
        label_header="Week",
        value_header="Urges",
    )

    table = table_of(chart)

    assert table.headers == ("Week", "Urges")
    assert table.rows == (("Week 1", "4"), ("Week 2", ""))


# -- purity ------------------------------------------------------------------------------


def test_the_chart_package_imports_without_loading_django() -> None:
    code = (
        "import sys, heartwork.charts\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={}
    )
    assert result.stdout.strip() == "[]"
