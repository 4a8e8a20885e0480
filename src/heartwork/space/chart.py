"""The two charts of the space tracker, built from one History (heartwork.space.selectors).

One builder each for the page (inline SVG with a table beside it) and for
/api/v1/charts/days-since-contact.svg and /api/v1/charts/urges.svg, so both always show
the same thing. Days are the person's local days.
"""

from __future__ import annotations

import math
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from heartwork.accounts.models import User
from heartwork.charts import LineChart, Series, render_line_chart
from heartwork.space.selectors import History, history

DAYS_CHART_ID = "space-days-chart"
URGES_CHART_ID = "space-urges-chart"


def _day(day: date) -> str:
    return date_format(day, "j M Y")


def _top(highest: float, least: int) -> int:
    """A round top for the y axis: at least ``least``, a multiple of 5 (of 10 past 50)."""
    step = 10 if highest > 50 else 5
    return max(least, math.ceil(highest / step) * step)


def days_chart(found: History) -> LineChart:
    points = found.days_series()
    since = [
        (p.day, float(p.days_since_contact)) for p in points if p.days_since_contact is not None
    ]
    total = [(p.day, float(p.days_without_contact)) for p in points]
    parts = [
        _(
            "For each day since you began: the days since your last contact, and every day "
            "without contact added up. A slip starts a new run, but the total keeps every day "
            "you kept."
        )
    ]
    runs = found.runs
    if runs.days_since_contact is not None:
        parts.append(
            ngettext(
                "Today: %(count)d day since your last contact.",
                "Today: %(count)d days since your last contact.",
                runs.days_since_contact,
            )
            % {"count": runs.days_since_contact}
        )
    if points:
        parts.append(
            ngettext(
                "%(count)d day without contact in all.",
                "%(count)d days without contact in all.",
                runs.days_without_contact,
            )
            % {"count": runs.days_without_contact}
        )
    return LineChart(
        title=_("Days since your last contact"),
        desc=" ".join(parts),
        series=[
            Series(_("Days since last contact"), since),
            Series(_("Days without contact in all"), total),
        ],
        y_min=0,
        y_max=_top(max((value for _, value in total), default=0), 10),
        empty=_("Nothing to show yet. Set up your cool-down, and your days show here."),
        x_label=_("Date"),
        format_date=_day,
    )


def urges_chart(found: History) -> LineChart:
    days = found.per_day()
    urges = [(day, float(count)) for day, count, _ in days]
    checks = [(day, float(count)) for day, _, count in days]
    parts = [
        _(
            "How many urges you noted each day, and how many times you looked at their "
            "profile or posts."
        )
    ]
    if days:
        parts.append(
            _("Last 7 days: %(urges)d urges and %(checks)d social media checks.")
            % {"urges": found.urges_in_week(), "checks": found.checks_in_week()}
        )
    highest = max((max(u, c) for _, u, c in days), default=0)
    return LineChart(
        title=_("Urges and social media checks per day"),
        desc=" ".join(parts),
        series=[Series(_("Urges"), urges), Series(_("Social media checks"), checks)],
        y_min=0,
        y_max=_top(highest, 5),
        empty=_("No urges noted yet. Each one you note shows here."),
        x_label=_("Date"),
        format_date=_day,
    )


def days_svg(found: History) -> str:
    return render_line_chart(days_chart(found), chart_id=DAYS_CHART_ID)


def urges_svg(found: History) -> str:
    return render_line_chart(urges_chart(found), chart_id=URGES_CHART_ID)


def days_svg_of(user: User) -> str:
    """The days-since-contact chart of ``user``, as /api/v1/charts/days-since-contact.svg."""
    # It draws contact days only: reading no urge or look keeps it flat in their number.
    return days_svg(history(user, recent_days=0))


def urges_svg_of(user: User) -> str:
    """The urges chart of ``user``, as /api/v1/charts/urges.svg."""
    return urges_svg(history(user))
