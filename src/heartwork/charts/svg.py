"""Line and bar charts as SVG text: no script, no style attribute, no external font.

Colours and dashes are presentation attributes (allowed under the strict CSP, inline or
served on their own); classes let site.css restyle them. Lines differ by dash and dot
shape as well as colour, so nothing relies on colour alone. A chart is an image with a
``<title>`` and a ``<desc>`` (role="img"); its numbers belong in the table beside it
(heartwork.charts.table), which screen readers can walk through.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from heartwork.charts.downsample import Point, day_number, prepare
from heartwork.charts.model import MAX_BARS, BarChart, Guide, LineChart, ValueFormat

WIDTH = 480
PLOT_HEIGHT = 200
LEFT = 48
RIGHT = 16
TOP = 12
BOTTOM = 34
# Dots keep a little room from the plot's sides.
PAD = 10
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
FONT_SIZE = 14
# A rough width of one character at FONT_SIZE: enough to keep labels apart.
CHAR_WIDTH = 8.4
LEGEND_ROW = 24
LEGEND_NAME_CHARS = 36
# Past this many points a line is drawn without a dot at each point.
DOT_LIMIT = 60
MAX_X_LABELS = 5

INK = "#1f2430"
MUTED = "#4a5060"
GRID = "#e4e1da"
FRAME = "#b9b5ab"
# At least 4.5:1 on white, so they also pass as text colours.
COLOURS = ("#2f5d8a", "#9a4a00", "#2e6b45", "#7a3b8f", "#5a5a5a")
DASHES = ("", "8 4", "2 4", "10 3 2 3", "5 2")
# (shape, filled): shapes repeat with another colour and dash past five lines.
DOTS = (("circle", True), ("square", True), ("circle", False), ("square", False))

# Characters XML 1.0 forbids (most control characters, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# -- text ------------------------------------------------------------------------------


def clean(text: str) -> str:
    """Text that can go in an XML document: characters XML cannot hold are dropped."""
    return _NOT_XML.sub("", str(text))


def text_node(text: str) -> str:
    # A bare carriage return would reach the reader as a line feed (XML end-of-line rules).
    return escape(clean(text), {"\r": "&#13;"})


def attr(text: str) -> str:
    """A quoted attribute value, escaped."""
    return quoteattr(clean(text))


def safe_id(prefix: str) -> str:
    """An id usable in XML and HTML, from any prefix the caller gives."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "-", prefix)[:40]
    return cleaned if cleaned[:1].isalpha() else f"chart-{cleaned}"


def shorten(text: str, chars: int) -> str:
    text = " ".join(clean(text).split())
    if chars < 1:
        return ""
    return text if len(text) <= chars else text[: max(0, chars - 1)].rstrip() + "…"


def fmt(value: float) -> str:
    return f"{value:.1f}"


# -- layout ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class YScale:
    box: Box
    low: float
    high: float

    def __call__(self, value: float) -> float:
        value = min(max(value, self.low), self.high)
        return self.box.bottom - (value - self.low) / (self.high - self.low) * self.box.height


def check_range(low: float, high: float) -> None:
    if not (math.isfinite(low) and math.isfinite(high) and high > low):
        raise ValueError(f"the y range must be finite and rising, not {low}..{high}")


def nice_ticks(low: float, high: float, most: int = 5) -> list[float]:
    """Round values from low to high, at most ``most`` of them: 0, 25 … 100; 1, 2 … 5."""
    span = high - low
    magnitude = 10 ** math.floor(math.log10(span))
    step = span
    for factor in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10):
        step = factor * magnitude
        if span / step + 1 <= most:
            break
    first = math.ceil(low / step - 1e-9) * step
    count = math.floor((high - first) / step + 1e-9) + 1
    return [round(first + i * step, 10) for i in range(max(count, 1))]


def place(x: float, width: float, low: float = 2.0, high: float = WIDTH - 2.0) -> str:
    """x and text-anchor attributes for a label of ``width`` centred on ``x``, kept between
    ``low`` and ``high``; at an edge it is anchored there, so a wide font cannot overflow."""
    if x - width / 2 < low:
        return f'x="{fmt(low)}" text-anchor="start"'
    if x + width / 2 > high:
        return f'x="{fmt(high)}" text-anchor="end"'
    return f'x="{fmt(x)}" text-anchor="middle"'


def text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


# -- pieces ----------------------------------------------------------------------------


def _open(chart_id: str, title: str, desc: str, height: float) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {fmt(height)}" '
        f'width="{WIDTH}" height="{fmt(height)}" role="img" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" class="chart" '
        f'font-family="{FONT}" font-size="{FONT_SIZE}" fill="{INK}">',
        f'<title id="{chart_id}-title">{text_node(title)}</title>',
        f'<desc id="{chart_id}-desc">{text_node(desc)}</desc>',
        f'<rect class="chart-background" x="0" y="0" width="{WIDTH}" height="{fmt(height)}" '
        'fill="#ffffff"/>',
    ]


def _legend(names: Sequence[str]) -> tuple[list[str], float]:
    """One entry per line, wrapped into rows; returns the markup and the height it takes."""
    parts = ['<g class="chart-legend">']
    x, row = float(LEFT), 0
    for index, name in enumerate(names):
        label = shorten(name, LEGEND_NAME_CHARS)
        width = 30 + text_width(label) + 14
        if x + width > WIDTH - RIGHT and x > LEFT:
            x, row = float(LEFT), row + 1
        y = TOP + row * LEGEND_ROW + 10
        colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{fmt(x)}" y1="{fmt(y)}" x2="{fmt(x + 24)}" y2="{fmt(y)}" '
            f'stroke="{colour}" stroke-width="3"{dashed}/>'
        )
        parts.append(f'<text x="{fmt(x + 30)}" y="{fmt(y + 5)}">{text_node(label)}</text>')
        x += width
    parts.append("</g>")
    rows = row + 1 if names else 0
    return parts, rows * LEGEND_ROW


def _frame(box: Box, scale: YScale, ticks: Sequence[float], format_value: ValueFormat) -> list[str]:
    parts = ['<g class="chart-grid">']
    for tick in ticks:
        if scale.low <= tick <= scale.high:
            y = scale(tick)
            parts.append(
                f'<line x1="{fmt(box.left)}" y1="{fmt(y)}" x2="{fmt(box.right)}" y2="{fmt(y)}" '
                f'stroke="{GRID}" stroke-width="1"/>'
            )
            parts.append(
                f'<text x="{fmt(box.left - 6)}" y="{fmt(y + 5)}" text-anchor="end" '
                f'fill="{MUTED}">{text_node(format_value(tick))}</text>'
            )
    parts.append("</g>")
    parts.append(
        f'<rect class="chart-plot" x="{fmt(box.left)}" y="{fmt(box.top)}" '
        f'width="{fmt(box.width)}" height="{fmt(box.height)}" fill="none" stroke="{FRAME}"/>'
    )
    return parts


def _guide(box: Box, scale: YScale, guide: Guide | None) -> list[str]:
    if guide is None or not math.isfinite(guide.value):
        return []
    if not scale.low <= guide.value <= scale.high:
        return []
    y = scale(guide.value)
    label = shorten(guide.label, 40)
    below = y - 6 < box.top + FONT_SIZE
    return [
        '<g class="chart-guide">',
        f'<line x1="{fmt(box.left)}" y1="{fmt(y)}" x2="{fmt(box.right)}" y2="{fmt(y)}" '
        f'stroke="{MUTED}" stroke-width="1.5" stroke-dasharray="6 5"/>',
        f'<text x="{fmt(box.right - 4)}" y="{fmt(y + 18 if below else y - 6)}" '
        f'text-anchor="end" fill="{MUTED}">{text_node(label)}</text>',
        "</g>",
    ]


def _empty(box: Box, message: str) -> list[str]:
    lines = textwrap.wrap(clean(message), width=max(10, int(box.width / CHAR_WIDTH) - 4))[:4]
    middle = box.left + box.width / 2
    first = box.top + box.height / 2 - (len(lines) - 1) * 11
    parts = [f'<text class="chart-empty" x="{fmt(middle)}" y="{fmt(first)}" text-anchor="middle">']
    for index, line in enumerate(lines):
        dy = "0" if index == 0 else "22"
        parts.append(f'<tspan x="{fmt(middle)}" dy="{dy}">{text_node(line)}</tspan>')
    parts.append("</text>")
    return parts


def _dot(x: float, y: float, index: int, colour: str) -> str:
    shape, filled = DOTS[index % len(DOTS)]
    fill = colour if filled else "#ffffff"
    if shape == "circle":
        return (
            f'<circle class="chart-dot" cx="{fmt(x)}" cy="{fmt(y)}" r="4.5" fill="{fill}" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
    return (
        f'<rect class="chart-dot" x="{fmt(x - 4)}" y="{fmt(y - 4)}" width="8" height="8" '
        f'fill="{fill}" stroke="{colour}" stroke-width="2"/>'
    )


# -- line charts -----------------------------------------------------------------------


@dataclass(frozen=True)
class XScale:
    box: Box
    first: float
    last: float

    def __call__(self, day: date) -> float:
        inner = self.box.width - 2 * PAD
        if self.last <= self.first:
            return self.box.left + self.box.width / 2
        share = (day_number(day) - self.first) / (self.last - self.first)
        return self.box.left + PAD + min(max(share, 0.0), 1.0) * inner


def _x_labels(box: Box, scale: XScale, days: Sequence[date], chart: LineChart) -> list[str]:
    """Up to five dates under the plot, evenly picked from those drawn, never overlapping.

    The first and the latest date are placed first, so they are the ones always shown.
    """
    unique = [day for _, day in sorted({day_number(day): day for day in days}.items())]
    if len(unique) > MAX_X_LABELS:
        picks = {round(i * (len(unique) - 1) / (MAX_X_LABELS - 1)) for i in range(MAX_X_LABELS)}
        unique = [unique[i] for i in sorted(picks)]
    order = [unique[0], *unique[-1:][: len(unique) - 1], *unique[1:-1]]
    # (left edge, right edge, label, its x and anchor attributes)
    placed: list[tuple[float, float, str, str]] = []
    for day in order:
        label = shorten(chart.format_date(day), 24)
        width = text_width(label)
        left = min(max(scale(day) - width / 2, 2.0), WIDTH - 2.0 - width)
        apart = all(left + width + 8 <= a or b + 8 <= left for a, b, _, _ in placed)
        if apart and all(label != other for _, _, other, _ in placed):
            placed.append((left, left + width, label, place(scale(day), width)))
    texts = [
        f'<text {where} y="{fmt(box.bottom + 22)}" fill="{MUTED}">{text_node(label)}</text>'
        for _, _, label, where in sorted(placed)
    ]
    return ['<g class="chart-x">', *texts, "</g>"]


def _line(points: Sequence[tuple[float, float]], index: int) -> list[str]:
    colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
    parts = [f'<g class="chart-series chart-series-{index % len(COLOURS)}" data-series="{index}">']
    if len(points) > 1:
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        coordinates = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)
        parts.append(
            f'<polyline points="{coordinates}" fill="none" stroke="{colour}" stroke-width="2.5" '
            f'stroke-linejoin="round" stroke-linecap="round"{dashed}/>'
        )
    if len(points) <= DOT_LIMIT:
        parts.extend(_dot(x, y, index, colour) for x, y in points)
    parts.append("</g>")
    return parts


def _marker(box: Box, x: float, y: float, label: str, index: int) -> list[str]:
    colour = COLOURS[index % len(COLOURS)]
    text = shorten(label, 16)
    # Even lines label above their points, odd ones below, so two lines rarely collide.
    above = index % 2 == 0
    text_y = y - 12 if above else y + 24
    if text_y < box.top + FONT_SIZE:
        text_y = y + 24
    if text_y > box.bottom - 4:
        text_y = y - 12
    text_y = min(max(text_y, box.top + FONT_SIZE), box.bottom - 4)
    where = place(x, text_width(text), box.left + 4, box.right - 4)
    return [
        f'<circle class="chart-marker" cx="{fmt(x)}" cy="{fmt(y)}" r="8" fill="none" '
        f'stroke="{colour}" stroke-width="2"/>',
        f'<text class="chart-marker-label" {where} y="{fmt(text_y)}" fill="{colour}" '
        f'font-weight="700">{text_node(text)}</text>',
    ]


def render_line_chart(chart: LineChart, *, chart_id: str = "chart") -> str:
    """The chart as one SVG document (also fine inline in HTML)."""
    check_range(chart.y_min, chart.y_max)
    chart_id = safe_id(chart_id)
    drawn, _ = prepare(chart.series, chart.max_points)
    has_points = any(drawn)
    legend, legend_height = _legend([one.name for one in chart.series] if has_points else [])
    box = Box(LEFT, TOP + legend_height, WIDTH - RIGHT, TOP + legend_height + PLOT_HEIGHT)
    height = box.bottom + BOTTOM
    scale = YScale(box, chart.y_min, chart.y_max)
    ticks = chart.y_ticks or nice_ticks(chart.y_min, chart.y_max)
    parts = _open(chart_id, chart.title, chart.desc, height)
    parts += legend
    parts += _frame(box, scale, ticks, chart.format_value)
    if not has_points:
        parts += _empty(box, chart.empty)
        parts.append("</svg>")
        return "".join(parts)
    days = [day for points in drawn for day, _ in points]
    numbers = [day_number(day) for day in days]
    x_scale = XScale(box, min(numbers), max(numbers))
    parts += _x_labels(box, x_scale, days, chart)
    parts += _guide(box, scale, chart.guide)
    placed = [[(x_scale(day), scale(value)) for day, value in points] for points in drawn]
    for index, points in enumerate(placed):
        parts += _line(points, index)
    if chart.markers is not None:
        parts.append('<g class="chart-markers">')
        for index, points in enumerate(placed):
            if points:
                parts += _marker(box, *points[0], chart.markers.first, index)
            if len(points) > 1:
                parts += _marker(box, *points[-1], chart.markers.last, index)
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


# -- bar charts ------------------------------------------------------------------------


def _bars(box: Box, scale: YScale, chart: BarChart) -> list[str]:
    count = len(chart.bars)
    slot = box.width / count
    width = max(1.0, slot * 0.7)
    base = scale(min(max(0.0, chart.y_min), chart.y_max))
    every = max(1, math.ceil(count * 64 / box.width))
    chars = int(every * slot / CHAR_WIDTH) - 1
    parts = ['<g class="chart-bars">']
    for index, bar in enumerate(chart.bars):
        middle = box.left + slot * index + slot / 2
        if math.isfinite(bar.value):
            top = scale(bar.value)
            parts.append(
                f'<rect class="chart-bar" x="{fmt(middle - width / 2)}" '
                f'y="{fmt(min(top, base))}" width="{fmt(width)}" '
                f'height="{fmt(abs(base - top))}" fill="{COLOURS[0]}"/>'
            )
            if count <= 24:
                value = shorten(chart.format_value(bar.value), 8)
                # Above the bar, or inside its top (in white) when it reaches the top.
                value_y, colour = min(top, base) - 5, INK
                if value_y < box.top + FONT_SIZE:
                    tall = abs(base - top) > FONT_SIZE + 6
                    value_y = box.top + FONT_SIZE + (3 if tall else 0)
                    colour = "#ffffff" if tall else INK
                parts.append(
                    f'<text x="{fmt(middle)}" y="{fmt(value_y)}" text-anchor="middle" '
                    f'fill="{colour}">{text_node(value)}</text>'
                )
        if index % every == 0:
            label = shorten(bar.label, chars)
            if label:
                parts.append(
                    f'<text {place(middle, text_width(label))} y="{fmt(box.bottom + 22)}" '
                    f'fill="{MUTED}">'
                    f"{text_node(label)}</text>"
                )
    parts.append("</g>")
    return parts


def render_bar_chart(chart: BarChart, *, chart_id: str = "chart") -> str:
    """Vertical bars, one per item, from zero (or the bottom of the range) to its value."""
    check_range(chart.y_min, chart.y_max)
    if len(chart.bars) > MAX_BARS:
        raise ValueError(f"at most {MAX_BARS} bars; sum or average them first")
    chart_id = safe_id(chart_id)
    box = Box(LEFT, TOP, WIDTH - RIGHT, TOP + PLOT_HEIGHT)
    height = box.bottom + BOTTOM
    scale = YScale(box, chart.y_min, chart.y_max)
    ticks = chart.y_ticks or nice_ticks(chart.y_min, chart.y_max)
    parts = _open(chart_id, chart.title, chart.desc, height)
    parts += _frame(box, scale, ticks, chart.format_value)
    if not any(math.isfinite(bar.value) for bar in chart.bars):
        parts += _empty(box, chart.empty)
    else:
        parts += _guide(box, scale, chart.guide)
        parts += _bars(box, scale, chart)
    parts.append("</svg>")
    return "".join(parts)


def drawn_points(chart: LineChart) -> list[list[Point]]:
    """The points a line chart draws, per series (for tests and the data table)."""
    return prepare(chart.series, chart.max_points)[0]
