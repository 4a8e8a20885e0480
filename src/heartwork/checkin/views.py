"""/checkin/: today's check-in, the runs, the mood and sleep chart, and the last two weeks.

Thin: the form checks the answers, services.save_checkin writes, selectors.overview reads
everything shown with one query. never_cache: on a shared computer, Back after logging
out must not bring someone's mood back.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from heartwork.accounts.models import User
from heartwork.checkin import selectors, services
from heartwork.checkin.chart import mood_chart
from heartwork.checkin.forms import CheckinForm, initial_of
from heartwork.checkin.words import STREAK_RULE, mood_word

UNIT_NOTES = {
    "week": gettext_lazy("Each row is the average of one week."),
    "month": gettext_lazy("Each row is the average of one month."),
    "year": gettext_lazy("Each row is the average of one year."),
}


def _acting(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _svg(markup: str) -> SafeString:
    # Every text inside is escaped by heartwork.charts.svg, which writes no script.
    return mark_safe(markup)  # noqa: S308


@never_cache
@login_required
@sensitive_post_parameters()
def page(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    now = timezone.now()
    form = CheckinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_checkin(user=user, values=form.values(), now=now)
        except services.CheckinError as error:
            # The form checks the same rules first; this is a last guard, never a 500.
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            if saved.created:
                messages.success(request, _("Saved. Thank you for checking in today."))
            else:
                messages.success(request, _("Today's check-in is updated."))
            return redirect("checkin:page")
    view = selectors.overview(user, now)
    if request.method != "POST":
        form = CheckinForm(initial=initial_of(view.today_answers))
    chart = mood_chart(view.points)
    context = {
        "form": form,
        "view": view,
        "recent": [(one.day, one.answers, mood_word(one.answers.mood)) for one in view.recent],
        "streak_rule": STREAK_RULE,
        "chart_svg": _svg(chart.svg),
        "table": chart.table,
        "unit_note": str(UNIT_NOTES[chart.table.unit]) if chart.table.unit else None,
    }
    return render(request, "checkin/page.html", context)
