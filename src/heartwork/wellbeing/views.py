"""The well-being checks as pages: both checks with the before/after chart, and one check.

Both read through the same selectors as the API (heartwork.wellbeing.selectors), so the
page and /api/v1/wellbeing always agree on scores and on what is due. Every page is
never_cache: on a shared computer, Back after logging out must not bring scores back.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from heartwork.accounts.models import User
from heartwork.charts import Table, render_line_chart, table_of
from heartwork.wellbeing import selectors, services
from heartwork.wellbeing.chart import CHART_ID, wellbeing_chart
from heartwork.wellbeing.forms import TakeForm
from heartwork.wellbeing.questions import load_checks
from heartwork.wellbeing.selectors import CheckState

# A "How I am doing" score at or below this brings the help lines into view. Not a
# screen and not a safety level (these are not validated questions): only a kind nudge.
LOW_CHECK, LOW_SCORE = "personal", 30
UNIT_NOTES = {
    "week": gettext_lazy("Each row is the average of one week."),
    "month": gettext_lazy("Each row is the average of one month."),
    "year": gettext_lazy("Each row is the average of one year."),
}
# Where a take goes back to: a fixed word, never a URL, so nothing can redirect elsewhere.
# "plan": taken from the personal plan at the start, so the person goes on with it.
RETURNS = {"plan": "onboarding:plan"}


def _acting(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


@dataclass(frozen=True)
class Row:
    state: CheckState

    @property
    def id(self) -> str:
        return self.state.check.id

    @property
    def title(self) -> str:
        return _(self.state.check.title)

    @property
    def rise(self) -> int:
        return max(self.state.change or 0, 0)

    @property
    def fall(self) -> int:
        return max(-(self.state.change or 0), 0)


def due_context(user: User, then: str = "") -> dict[str, object]:
    """For wellbeing/due.html: the checks due now (none: no card), whether this is the
    starting point (a check never taken), and where a take goes back to (RETURNS)."""
    due = selectors.due_checks(user)
    return {
        "due": due,
        "starting": any(not item.taken_before for item in due),
        "then": then if then in RETURNS else "",
        "interval_days": load_checks().interval.days,
    }


def _svg(markup: str) -> SafeString:
    # Every text inside is escaped by heartwork.charts.svg, which writes no script.
    return mark_safe(markup)  # noqa: S308


@never_cache
@login_required
def home(request: HttpRequest) -> HttpResponse:
    states = selectors.history(_acting(request))
    chart = wellbeing_chart(states)
    table: Table = table_of(chart)
    low = any(
        state.check.id == LOW_CHECK and state.now is not None and state.now.score <= LOW_SCORE
        for state in states
    )
    context = {
        "rows": [Row(state) for state in states],
        "chart_svg": _svg(render_line_chart(chart, chart_id=CHART_ID)),
        "table": table,
        "unit_note": str(UNIT_NOTES[table.unit]) if table.unit else None,
        "low": low,
        "interval_days": load_checks().interval.days,
    }
    return render(request, "wellbeing/home.html", context)


@never_cache
@login_required
@sensitive_post_parameters()
def check_page(request: HttpRequest, check_id: str) -> HttpResponse:
    user = _acting(request)
    checks = load_checks()
    check = checks.get(check_id)
    if check is None:
        raise Http404
    then = request.GET.get("then", "")
    back = RETURNS.get(then, "wellbeing:home")
    form = TakeForm(check, checks.scale, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            take = services.record_take(user=user, check_id=check.id, answers=form.answers())
        except services.AnswerError as error:
            # The form checks the same rules first; this is a last guard, never a 500.
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("Saved. Your score for “%(title)s” is %(score)d out of 100.")
                % {"title": _(check.title), "score": take.score},
            )
            return redirect(back)
    context = {
        "check": check,
        "title": _(check.title),
        "intro": _(check.intro),
        "form": form,
        "state": selectors.state_of(user, check.id),
        "low": checks.scale_min,
        "high": checks.scale_max,
        "back": back,
        "then": then if then in RETURNS else "",
    }
    return render(request, "wellbeing/check.html", context)
