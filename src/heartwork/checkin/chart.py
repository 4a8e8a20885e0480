"""The mood and sleep chart, built from a person's check-ins.

Mood (1 to 5) and sleep (hours) have different scales, so they are two small charts one
above the other in one SVG image, with one title and one description; the data table
beside it holds both in one row per day. One builder serves the /checkin/ page and
/api/v1/charts/mood.svg, so both always show the same thing. Past MAX_POINTS days both
lines are drawn from weekly (then monthly, yearly) means, cut the same way for both.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heartwork.accounts.models import User
from heartwork.charts import MAX_POINTS, LineChart, Series, Table, bucketed, render_line_chart
from heartwork.charts import table_of as chart_table
from heartwork.charts.downsample import choose_unit
from heartwork.charts.model import Unit
from heartwork.charts.svg import FONT, FONT_SIZE, INK, WIDTH, safe_id, text_node
from heartwork.checkin.rules import MOOD_MAX, MOOD_MIN
from heartwork.checkin.selectors import DayPoint, points_of
from heartwork.checkin.words import mood_word

CHART_ID = "mood-chart"
SLEEP_TOP = 12.0
_HEIGHT = re.compile(r'^<svg [^>]*?height="([0-9.]+)"')

Point = tuple[date, float]
UNIT_SENTENCES = {
    "week": gettext_lazy("Each point is the average of one week."),
    "month": gettext_lazy("Each point is the average of one month."),
    "year": gettext_lazy("Each point is the average of one year."),
}


@dataclass(frozen=True)
class MoodChart:
    svg: str
    table: Table


def _day(day: date) -> str:
    return date_format(day, "j M Y")


def _describe(points: Sequence[DayPoint], unit: Unit | None) -> str:
    first, last = points[0], points[-1]
    parts = [
        _(
            "Two charts: your mood from 1 (very low) to 5 (very good), and your hours of "
            "sleep, on the days you checked in from %(first)s to %(last)s."
        )
        % {"first": _day(first.day), "last": _day(last.day)}
    ]
    if unit is not None:
        parts.append(str(UNIT_SENTENCES[unit]))
    latest = _("Latest, on %(day)s: mood %(mood)d (%(word)s).") % {
        "day": _day(last.day),
        "mood": last.mood,
        "word": mood_word(last.mood),
    }
    parts.append(latest)
    if last.sleep_hours is not None:
        parts.append(_("Sleep: %(hours)s hours.") % {"hours": f"{last.sleep_hours:g}"})
    return " ".join(parts)


def _series(points: Sequence[DayPoint]) -> tuple[list[Point], list[Point], Unit | None]:
    """Mood and sleep points, both cut into the same weeks (or months) when too many."""
    mood = [(point.day, float(point.mood)) for point in points]
    sleep = [(point.day, point.sleep_hours) for point in points if point.sleep_hours is not None]
    unit = choose_unit([point[0] for point in mood], MAX_POINTS)
    if unit is None:
        return mood, sleep, None
    return bucketed(mood, unit), bucketed(sleep, unit), unit


def _stack(chart_id: str, title: str, desc: str, panels: Sequence[str]) -> str:
    """Several rendered charts one above the other, as one image with one title."""
    inner: list[str] = []
    top = 0.0
    for panel in panels:
        found = _HEIGHT.match(panel)
        if found is None:  # pragma: no cover - heartwork.charts always writes a height
            raise ValueError("a chart without a height")
        inner.append(panel.replace("<svg ", f'<svg x="0" y="{top:.1f}" ', 1))
        top += float(found.group(1))
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {top:.1f}" '
            f'width="{WIDTH}" height="{top:.1f}" role="img" aria-labelledby="{chart_id}-title" '
            f'aria-describedby="{chart_id}-desc" class="chart chart-stack" '
            f'font-family="{FONT}" font-size="{FONT_SIZE}" fill="{INK}">',
            f'<title id="{chart_id}-title">{text_node(title)}</title>',
            f'<desc id="{chart_id}-desc">{text_node(desc)}</desc>',
            *inner,
            "</svg>",
        ]
    )


def mood_chart(points: Sequence[DayPoint], *, chart_id: str = CHART_ID) -> MoodChart:
    """The chart (SVG text) and its data table; an empty chart with a kind line for none."""
    chart_id = safe_id(chart_id)
    title = _("Your mood and sleep")
    if not points:
        empty = LineChart(
            title=title,
            desc=_("No check-ins yet, so there is nothing to draw."),
            series=[],
            y_min=MOOD_MIN,
            y_max=MOOD_MAX,
            empty=_("No check-ins yet. Your first one shows up here."),
        )
        return MoodChart(
            svg=render_line_chart(empty, chart_id=chart_id),
            table=Table(caption=title, headers=()),
        )
    mood, sleep, unit = _series(points)
    mood_name, sleep_name = _("Mood (1 to 5)"), _("Sleep (hours)")
    panels = [
        LineChart(
            title=_("Mood"),
            desc=_("Mood from 1 (very low) to 5 (very good)."),
            series=[Series(mood_name, mood)],
            y_min=MOOD_MIN,
            y_max=MOOD_MAX,
            y_ticks=list(range(MOOD_MIN, MOOD_MAX + 1)),
            x_label=_("Date"),
            format_date=_day,
        ),
        LineChart(
            title=_("Sleep"),
            desc=_("Hours of sleep."),
            series=[Series(sleep_name, sleep)],
            y_min=0,
            y_max=SLEEP_TOP if all(point[1] <= SLEEP_TOP for point in sleep) else 24,
            empty=_("No hours of sleep given yet."),
            x_label=_("Date"),
            format_date=_day,
        ),
    ]
    svg = _stack(
        chart_id,
        title,
        _describe(points, unit),
        [
            render_line_chart(panel, chart_id=f"{chart_id}-{index}")
            for index, panel in enumerate(panels)
        ],
    )
    both = LineChart(
        title=title,
        desc="",
        series=[Series(mood_name, mood), Series(sleep_name, sleep)],
        x_label=_("Date"),
        format_date=_day,
    )
    return MoodChart(svg=svg, table=dataclasses.replace(chart_table(both), unit=unit))


def mood_svg_of(user: User) -> str:
    """/api/v1/charts/mood.svg: the same chart as on the /checkin/ page."""
    return mood_chart(points_of(user)).svg
