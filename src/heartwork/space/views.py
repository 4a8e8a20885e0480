"""The space tracker as pages: the overview with both charts, the cool-down, urges, slips,
social-media checks, and "I want to text them now" (grounding and the unsent letter).

Thin: forms check shape, services check the rest and write, selectors read. Every page
needs a login and is never cached (it shows what someone wrote). Nothing here is contact
coaching, so nothing here is behind the safety gate; the letter page only offers the
message coach when the coach's own gate lets it run.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from heartwork.accounts.models import User
from heartwork.charts import LineChart, render_line_chart, table_of
from heartwork.safety.gate import reconnection_block
from heartwork.space import selectors, services
from heartwork.space.chart import DAYS_CHART_ID, URGES_CHART_ID, days_chart, urges_chart
from heartwork.space.forms import NO_END, LetterForm, PlanForm, SlipForm, UrgeForm
from heartwork.space.models import HOW_LABELS, Letter, Slip, SocialCheck, Urge
from heartwork.space.services import SpaceInputError

PAGE_SIZE = 20
UNIT_NOTES = {
    "week": gettext_lazy("Each row is the average of one week."),
    "month": gettext_lazy("Each row is the average of one month."),
    "year": gettext_lazy("Each row is the average of one year."),
}


def _acting(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _found(row: Any) -> Any:
    # Someone else's id looks exactly like an id that does not exist.
    if row is None:
        raise Http404
    return row


def _chart(chart: LineChart, chart_id: str) -> dict[str, Any]:
    table = table_of(chart)
    return {
        "id": chart_id,
        # Every text inside is escaped by heartwork.charts.svg, which writes no script.
        "svg": SafeString(mark_safe(render_line_chart(chart, chart_id=chart_id))),  # noqa: S308
        "table": table,
        "unit_note": str(UNIT_NOTES[table.unit]) if table.unit else None,
    }


def _save(form: Form, write: Callable[[], Any]) -> Any:
    """Run a service; a refusal goes on the field it names (or on the form). None if refused."""
    try:
        return write()
    except SpaceInputError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None


def _confirm_delete(
    request: HttpRequest, *, delete: Callable[[], None], question: str, done: str, back: str
) -> HttpResponse:
    if request.method == "POST":
        delete()
        messages.success(request, done)
        return redirect(back)
    return render(request, "space/delete.html", {"question": question, "back": reverse(back)})


# -- the overview and the cool-down ----------------------------------------------------


@never_cache
@login_required
def home(request: HttpRequest) -> HttpResponse:
    found = selectors.history(_acting(request))
    context = {
        "summary": selectors.summary_of(found),
        "charts": [
            {**_chart(days_chart(found), DAYS_CHART_ID), "heading": _("Your days of space")},
            {**_chart(urges_chart(found), URGES_CHART_ID), "heading": _("Urges and checks")},
        ],
    }
    return render(request, "space/home.html", context)


@never_cache
@login_required
def plan(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    current = selectors.plan_of(user)
    if current is not None:
        initial: dict[str, Any] = {
            "started_on": current.started_on,
            "planned_days": NO_END if current.planned_days is None else str(current.planned_days),
            "last_contact_on": current.last_contact_on,
        }
    else:
        initial = {"started_on": selectors.today_of(user)}
    form = PlanForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        current=current.planned_days if current else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = _save(
            form,
            lambda: services.set_plan(
                user=user,
                started_on=data["started_on"],
                planned_days=data["planned_days"],
                last_contact_on=data["last_contact_on"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Your cool-down is saved."))
            return redirect("space:home")
    return render(request, "space/plan.html", {"form": form, "current": current})


# -- urges -----------------------------------------------------------------------------


@never_cache
@login_required
@sensitive_post_parameters()
def urges(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    form = UrgeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = _save(
            form,
            lambda: services.log_urge(
                user=user,
                at=data["at"],
                strength=data["strength"],
                trigger=data["trigger"],
                instead=data["instead"],
            ),
        )
        if saved is not None:
            messages.success(
                request,
                _("Noted. Each note shows you more about what sets the urge off and what helps."),
            )
            return redirect("space:urges")
    page = Paginator(selectors.urges_of(user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "space/urges.html", {"form": form, "page": page})


@never_cache
@login_required
@sensitive_post_parameters()
def urge_edit(request: HttpRequest, urge_id: uuid.UUID) -> HttpResponse:
    urge: Urge = _found(selectors.urge_of(_acting(request), urge_id))
    initial = {
        "at": urge.at,
        "strength": urge.strength,
        "trigger": urge.trigger,
        "instead": urge.instead,
    }
    form = UrgeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = _save(
            form,
            lambda: services.update_urge(
                urge=urge,
                at=data["at"],
                strength=data["strength"],
                trigger=data["trigger"],
                instead=data["instead"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Your changes are saved."))
            return redirect("space:urges")
    return render(
        request,
        "space/edit.html",
        {"form": form, "title": _("Change an urge"), "back": "space:urges"},
    )


@never_cache
@login_required
def urge_delete(request: HttpRequest, urge_id: uuid.UUID) -> HttpResponse:
    urge: Urge = _found(selectors.urge_of(_acting(request), urge_id))
    return _confirm_delete(
        request,
        delete=lambda: services.delete_urge(urge=urge),
        question=_("Delete this urge?"),
        done=_("The urge is deleted."),
        back="space:urges",
    )


# -- slips -----------------------------------------------------------------------------


@never_cache
@login_required
@sensitive_post_parameters()
def slips(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    form = SlipForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = _save(
            form,
            lambda: services.log_slip(
                user=user, at=data["at"], how=data["how"], learned=data["learned"]
            ),
        )
        if saved is not None:
            messages.success(
                request,
                _(
                    "Noted. Your days without contact are all still counted. What you learned "
                    "will help next time."
                ),
            )
            return redirect("space:slips")
    page = Paginator(selectors.slips_of(user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "space/slips.html", {"form": form, "page": page, "how_labels": HOW_LABELS}
    )


@never_cache
@login_required
@sensitive_post_parameters()
def slip_edit(request: HttpRequest, slip_id: uuid.UUID) -> HttpResponse:
    slip: Slip = _found(selectors.slip_of(_acting(request), slip_id))
    initial = {"at": slip.at, "how": slip.how, "learned": slip.learned}
    form = SlipForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = _save(
            form,
            lambda: services.update_slip(
                slip=slip, at=data["at"], how=data["how"], learned=data["learned"]
            ),
        )
        if saved is not None:
            messages.success(request, _("Your changes are saved."))
            return redirect("space:slips")
    return render(
        request,
        "space/edit.html",
        {"form": form, "title": _("Change a slip"), "back": "space:slips"},
    )


@never_cache
@login_required
def slip_delete(request: HttpRequest, slip_id: uuid.UUID) -> HttpResponse:
    slip: Slip = _found(selectors.slip_of(_acting(request), slip_id))
    return _confirm_delete(
        request,
        delete=lambda: services.delete_slip(slip=slip),
        question=_("Delete this slip?"),
        done=_("The slip is deleted."),
        back="space:slips",
    )


# -- social-media checks ---------------------------------------------------------------


@never_cache
@login_required
def social_checks(request: HttpRequest) -> HttpResponse:
    """One tap counts one look at their profile or posts; the page lists the recent ones."""
    user = _acting(request)
    if request.method == "POST":
        services.log_social_check(user=user)
        week = selectors.summary_card(user).social_checks_last_7_days
        messages.success(
            request,
            ngettext(
                "Counted: %(count)d look in the last 7 days. Noticing it is the first step.",
                "Counted: %(count)d looks in the last 7 days. Noticing it is the first step.",
                week,
            )
            % {"count": week},
        )
        return redirect("space:social_checks")
    page = Paginator(selectors.social_checks_of(user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "space/social_checks.html", {"page": page})


@never_cache
@login_required
def social_check_delete(request: HttpRequest, check_id: uuid.UUID) -> HttpResponse:
    check: SocialCheck = _found(selectors.social_check_of(_acting(request), check_id))
    return _confirm_delete(
        request,
        delete=lambda: services.delete_social_check(check=check),
        question=_("Take this look off the count?"),
        done=_("It is off the count."),
        back="space:social_checks",
    )


# -- "I want to text them now" and the unsent letters ----------------------------------


@never_cache
@login_required
@sensitive_post_parameters()
def now(request: HttpRequest) -> HttpResponse:
    """The two-minute grounding exercise, then the letter box. Nothing is ever sent."""
    user = _acting(request)
    form = LetterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        letter = _save(form, lambda: services.write_letter(user=user, body=body))
        if letter is not None:
            messages.success(request, _("Kept here. This letter is never sent."))
            return redirect("space:letter", letter_id=letter.id)
    return render(request, "space/now.html", {"form": form})


@never_cache
@login_required
def letters(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.letters_of(_acting(request)), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "space/letters.html", {"page": page})


@never_cache
@login_required
def letter(request: HttpRequest, letter_id: uuid.UUID) -> HttpResponse:
    user = _acting(request)
    found: Letter = _found(selectors.letter_of(user, letter_id))
    # The coach's own gate decides whether the coach is offered at all.
    return render(
        request, "space/letter.html", {"letter": found, "coach_block": reconnection_block(user)}
    )


@never_cache
@login_required
@sensitive_post_parameters()
def letter_edit(request: HttpRequest, letter_id: uuid.UUID) -> HttpResponse:
    found: Letter = _found(selectors.letter_of(_acting(request), letter_id))
    form = LetterForm(
        request.POST if request.method == "POST" else None, initial={"body": found.body}
    )
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        if _save(form, lambda: services.update_letter(letter=found, body=body)) is not None:
            messages.success(request, _("Your changes are saved."))
            return redirect("space:letter", letter_id=found.id)
    return render(
        request,
        "space/edit.html",
        {"form": form, "title": _("Change your letter"), "back": "space:letters"},
    )


@never_cache
@login_required
def letter_delete(request: HttpRequest, letter_id: uuid.UUID) -> HttpResponse:
    found: Letter = _found(selectors.letter_of(_acting(request), letter_id))
    return _confirm_delete(
        request,
        delete=lambda: services.delete_letter(letter=found),
        question=_("Delete this letter?"),
        done=_("The letter is deleted."),
        back="space:letters",
    )
