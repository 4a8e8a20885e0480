"""Rituals and time together as pages.

The overview (/rituals/) and the delete pages are open to everyone: they show and remove
the person's own rows. Every page that adds something new is a couple activity, so it
wears ``reconnection_view`` and sends a blocked person to the safety path or check; the
overview then explains why, instead of offering the forms (docs/trackers.md). Those pages
take no id in their address, so the safety tests can visit every one of them.

Pages save through heartwork.rituals.services, like /api/v1/rituals, and redirect after a
save. Every page is never_cache: it shows what someone wrote.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from heartwork.accounts.models import User
from heartwork.rituals import selectors, services
from heartwork.rituals.forms import DoneForm, ReflectionForm, RitualForm, TimeForm
from heartwork.rituals.services import RitualInputError
from heartwork.safety.gate import reconnection_block, reconnection_view

RECENT_TIME = 10
RECENT_REFLECTIONS = 5


def _acting(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _tie(form: Form, error: RitualInputError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _unlock(code: str) -> dict[str, str]:
    if code == "safety_lock":
        return {"url": reverse("safety:path"), "label": _("Support and next steps")}
    return {"url": reverse("safety:check"), "label": _("Answer the safety check")}


# -- the overview (open) -------------------------------------------------------------------


@never_cache
@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    block = reconnection_block(user)
    context: dict[str, Any] = {
        "rows": selectors.ritual_rows(user),
        "totals": selectors.time_totals(user),
        "times": list(selectors.time_of(user)[:RECENT_TIME]),
        "reflections": list(selectors.reflections_of(user)[:RECENT_REFLECTIONS]),
        # Not "block": inside {% block %} that name is the template block itself.
        "gate": block,
        "unlock": _unlock(block.code) if block is not None else None,
    }
    return render(request, "rituals/home.html", context)


# -- adding (a couple activity: behind the safety gate) ------------------------------------


@never_cache
@login_required
@reconnection_view
@sensitive_post_parameters()
def ritual_new(request: HttpRequest) -> HttpResponse:
    form = RitualForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_ritual(user=_acting(request), **form.cleaned_data)
        except RitualInputError as error:
            _tie(form, error)
        else:
            messages.success(request, _("Ritual saved. Small and steady is the point."))
            return redirect("rituals:home")
    return render(request, "rituals/ritual_form.html", {"form": form})


@never_cache
@login_required
@require_POST
@reconnection_view
def done(request: HttpRequest) -> HttpResponse:
    """The "done today" button (and "not done after all"): the ritual's id travels in the
    form, not the address."""
    form = DoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That did not work. Try the button again."))
        return redirect("rituals:home")
    ritual = selectors.ritual_of(_acting(request), form.cleaned_data["ritual"])
    if ritual is None:
        raise Http404
    day = form.cleaned_data["day"]
    try:
        if form.cleaned_data["undo"] and day is not None:
            services.undo_done(ritual=ritual, day=day)
            messages.success(request, _("Taken back out."))
        else:
            services.mark_done(ritual=ritual, day=day)
            messages.success(request, _("Noted. Nice one."))
    except RitualInputError as error:
        messages.error(request, error.message)
    return redirect("rituals:home")


@never_cache
@login_required
@reconnection_view
@sensitive_post_parameters()
def time_new(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    form = TimeForm(selectors.today_for(user), request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.log_time(user=user, **form.cleaned_data)
        except RitualInputError as error:
            _tie(form, error)
        else:
            messages.success(request, _("Time together saved."))
            return redirect("rituals:home")
    return render(request, "rituals/time_form.html", {"form": form})


@never_cache
@login_required
@reconnection_view
@sensitive_post_parameters()
def reflection_new(request: HttpRequest) -> HttpResponse:
    form = ReflectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_reflection(user=_acting(request), text=form.cleaned_data["text"])
        except RitualInputError as error:
            _tie(form, error)
        else:
            messages.success(request, _("Saved. Only you can read this."))
            return redirect("rituals:home")
    return render(request, "rituals/reflection_form.html", {"form": form})


# -- deleting one's own rows (open) --------------------------------------------------------


def _confirm_delete(
    request: HttpRequest, what: str, shown: str, delete: Any, row: Any
) -> HttpResponse:
    if request.method == "POST":
        delete(row)
        messages.success(request, _("Deleted."))
        return redirect("rituals:home")
    return render(request, "rituals/delete.html", {"what": what, "shown": shown})


@never_cache
@login_required
def ritual_delete(request: HttpRequest, ritual_id: uuid.UUID) -> HttpResponse:
    ritual = selectors.ritual_of(_acting(request), ritual_id)
    if ritual is None:
        raise Http404
    return _confirm_delete(
        request,
        _("Delete this ritual and every day it was done?"),
        ritual.name,
        lambda row: services.delete_ritual(ritual=row),
        ritual,
    )


@never_cache
@login_required
def time_delete(request: HttpRequest, time_id: uuid.UUID) -> HttpResponse:
    entry = selectors.time_entry_of(_acting(request), time_id)
    if entry is None:
        raise Http404
    return _confirm_delete(
        request,
        _("Delete this time together?"),
        entry.what or "",
        lambda row: services.delete_time(entry=row),
        entry,
    )


@never_cache
@login_required
def reflection_delete(request: HttpRequest, reflection_id: uuid.UUID) -> HttpResponse:
    reflection = selectors.reflection_of(_acting(request), reflection_id)
    if reflection is None:
        raise Http404
    return _confirm_delete(
        request,
        _("Delete this reflection?"),
        reflection.text,
        lambda row: services.delete_reflection(reflection=row),
        reflection,
    )
