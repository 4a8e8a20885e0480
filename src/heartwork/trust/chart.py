"""The trust ledger over time: the balance, and deposits per withdrawal against 5 to 1.

Two charts, because the two numbers live on different scales (a balance can reach the
hundreds; the ratio is read against 5). The page shows them one above the other with
one data table beside them; /api/v1/charts/trust.svg returns both in a single SVG
document with its own title and description. Both come from the same weekly points
(heartwork.trust.ledger.weekly), so the page and the API always agree.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from xml.sax.saxutils import escape

from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from heartwork.accounts.models import User
from heartwork.charts import Guide, LineChart, Series, Table, render_line_chart, table_of
from heartwork.trust import selectors
from heartwork.trust.ledger import GUIDE_RATIO, RATIO_WINDOW_WEEKS, WeekPoint, weekly

CHART_ID = "trust-chart"
BALANCE_ID = "trust-balance"
RATIO_ID = "trust-ratio"
# The ratio is drawn from 0 to RATIO_TOP; a week above it sits at the top edge (the
# table has the true number).
RATIO_TOP = 10.0
STEPS = (1, 2, 5)
_OPENING = re.compile(r'^<svg xmlns="http://www\.w3\.org/2000/svg" viewBox="0 0 ([\d.]+) ([\d.]+)"')


def _week(day: date) -> str:
    return _week_in(day, get_language())


@lru_cache(maxsize=4096)
def _week_in(day: date, language: str | None) -> str:
    # Django's date formatting is slow, and a long history formats the same weeks for the
    # table and the chart: each (week, language) once.
    return date_format(day, "j M Y")


def _ratio_words(value: float) -> str:
    return _("%(ratio)s to 1") % {"ratio": _number(value)}


def _number(value: float) -> str:
    rounded = round(value, 1)
    return f"{rounded:.0f}" if rounded == int(rounded) else f"{rounded:.1f}"


def balance_range(points: Sequence[WeekPoint]) -> tuple[float, float]:
    """A round range that holds every balance and zero, at least 0 to 5."""
    low = min([0, *(point.balance for point in points)])
    high = max([5, *(point.balance for point in points)])
    span = high - low
    step = 1
    for power in range(12):
        found = next((m * 10**power for m in STEPS if span / (m * 10**power) <= 5), None)
        if found is not None:
            step = found
            break
    return math.floor(low / step) * step, max(math.ceil(high / step) * step, low + step)


def _empty() -> str:
    return _("Nothing in your ledger yet. Add a deposit or a withdrawal and it shows here.")


def describe(points: Sequence[WeekPoint]) -> str:
    """Both charts in a few sentences, for the combined SVG's <desc>."""
    parts = [
        _(
            "Week by week: your balance (deposits minus withdrawals), and how many deposits "
            "you made for each withdrawal over the last %(weeks)d weeks, with a guide line "
            "at 5 to 1."
        )
        % {"weeks": RATIO_WINDOW_WEEKS}
    ]
    if not points:
        parts.append(_("Nothing logged yet."))
    else:
        last = points[-1]
        parts.append(
            _("Latest week: balance %(balance)d, %(ratio)s.")
            % {"balance": last.balance, "ratio": _ratio_words(last.window_ratio)}
        )
    return " ".join(parts)


def _describe_balance(points: Sequence[WeekPoint]) -> str:
    text = _("Your balance at the end of each week: deposits minus withdrawals.")
    if not points:
        return f"{text} {_('Nothing logged yet.')}"
    return f"{text} {_('Latest week: %(balance)d.') % {'balance': points[-1].balance}}"


def _describe_ratio(points: Sequence[WeekPoint]) -> str:
    text = _(
        "How many deposits you made for each withdrawal over the last %(weeks)d weeks, "
        "week by week, with a guide line at 5 to 1."
    ) % {"weeks": RATIO_WINDOW_WEEKS}
    if not points:
        return f"{text} {_('Nothing logged yet.')}"
    latest = _("Latest week: %(ratio)s.") % {"ratio": _ratio_words(points[-1].window_ratio)}
    return f"{text} {latest}"


def balance_chart(points: Sequence[WeekPoint]) -> LineChart:
    low, high = balance_range(points)
    return LineChart(
        title=_("Your trust balance over time"),
        desc=_describe_balance(points),
        series=[Series(_("Balance"), [(p.start, p.balance) for p in points])],
        y_min=low,
        y_max=high,
        guide=Guide(0, _("Even")) if low < 0 else None,
        empty=_empty(),
        x_label=_("Week starting"),
        format_date=_week,
    )


def ratio_chart(points: Sequence[WeekPoint]) -> LineChart:
    return LineChart(
        title=_("Deposits for each withdrawal"),
        desc=_describe_ratio(points),
        series=[
            Series(
                _("Deposits per withdrawal (%(weeks)d weeks)") % {"weeks": RATIO_WINDOW_WEEKS},
                [(p.start, p.window_ratio) for p in points],
            )
        ],
        y_min=0,
        y_max=RATIO_TOP,
        y_ticks=(0, 1, GUIDE_RATIO, RATIO_TOP),
        guide=Guide(GUIDE_RATIO, _("5 to 1 guide")),
        empty=_empty(),
        x_label=_("Week starting"),
        format_date=_week,
    )


def table(points: Sequence[WeekPoint]) -> Table:
    """One table for both charts: a row per week drawn, the balance and the ratio."""
    balance, ratio = balance_chart(points), ratio_chart(points)
    both = LineChart(
        title=_("Your trust ledger, week by week"),
        desc="",
        series=[*balance.series, *ratio.series],
        x_label=balance.x_label,
        format_date=_week,
    )
    return table_of(both)


def page_svgs(points: Sequence[WeekPoint]) -> tuple[str, str]:
    """The two charts as separate SVG images, for the page."""
    return (
        render_line_chart(balance_chart(points), chart_id=BALANCE_ID),
        render_line_chart(ratio_chart(points), chart_id=RATIO_ID),
    )


def _nest(svg: str, top: float) -> tuple[str, float, float]:
    """An SVG document placed ``top`` down inside another; returns it, its width and height."""
    found = _OPENING.match(svg)
    if found is None:  # heartwork.charts always starts its documents this way
        raise ValueError("not an SVG document from heartwork.charts")
    width, height = float(found.group(1)), float(found.group(2))
    opening = f'<svg x="0" y="{top:.1f}" viewBox="0 0 {found.group(1)} {found.group(2)}"'
    return opening + svg[found.end() :], width, height


def trust_svg(points: Sequence[WeekPoint]) -> str:
    """Both charts in one SVG document: one image with one title and description."""
    parts, top, width = [], 0.0, 0.0
    for svg in page_svgs(points):
        nested, part_width, height = _nest(svg, top)
        parts.append(nested)
        top += height
        width = max(width, part_width)
    title = _("Your trust balance and ratio over time")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {top:.1f}" '
        f'width="{width:.0f}" height="{top:.1f}" role="img" '
        f'aria-labelledby="{CHART_ID}-title" aria-describedby="{CHART_ID}-desc" class="chart">'
        f'<title id="{CHART_ID}-title">{escape(title)}</title>'
        f'<desc id="{CHART_ID}-desc">{escape(describe(points))}</desc>'
        f"{''.join(parts)}</svg>"
    )


def trust_svg_of(user: User) -> str:
    """/api/v1/charts/trust.svg for this person: one grouped query."""
    return trust_svg(weekly(selectors.day_counts(user)))
