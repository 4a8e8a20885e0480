"""The before/after chart of both checks, built from a person's history.

One builder for the page (inline SVG with a table beside it) and for
/api/v1/charts/wellbeing.svg, so both always show the same thing. Dates are shown in the
site's time zone (settings.TIME_ZONE): accounts have no time zone of their own yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from heartwork.charts import Guide, LineChart, Markers, Series
from heartwork.wellbeing.selectors import CheckState

CHART_ID = "wellbeing-chart"


def _day(day: date) -> str:
    return date_format(day, "j M Y")


def _describe(states: Sequence[CheckState]) -> str:
    """The chart in one or two sentences, for the SVG's <desc>."""
    parts = [_("Scores from 0 to 100 for each check, by date. Higher means things feel better.")]
    for state in states:
        title = _(state.check.title)
        before, now = state.before, state.now
        if before is None or now is None:
            parts.append(_("%(title)s: not taken yet.") % {"title": title})
        elif len(state.takes) == 1:
            parts.append(
                _("%(title)s: one score so far, %(score)d.") % {"title": title, "score": now.score}
            )
        else:
            parts.append(
                _("%(title)s: %(before)d when you started, %(now)d now.")
                % {"title": title, "before": before.score, "now": now.score}
            )
    return " ".join(parts)


def wellbeing_chart(states: Sequence[CheckState]) -> LineChart:
    return LineChart(
        title=_("Your check scores over time"),
        desc=_describe(states),
        series=[
            Series(
                _(state.check.title),
                [(timezone.localtime(take.at), take.score) for take in state.takes],
            )
            for state in states
        ],
        y_min=0,
        y_max=100,
        guide=Guide(50, _("Middle")),
        markers=Markers(_("Before"), _("Now")),
        empty=_("No scores yet. Take a check and your first score shows here."),
        x_label=_("Date"),
        format_date=_day,
    )
