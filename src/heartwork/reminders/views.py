"""The reminders page (/reminders/): what is waiting in the app, the check-in and ritual
reminders, quiet hours, email and the private calendar feed; and the feed itself.

Pages save through heartwork.reminders.services, like /api/v1/reminders, and redirect after
a save. The one exception is a new calendar address: it is shown once, in the answer to the
POST, so the secret never sits in a session, a message store or the browser history.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from heartwork import languages
from heartwork.accounts.models import User
from heartwork.reminders import ics, mail, selectors, services
from heartwork.reminders.api import feed_url
from heartwork.reminders.forms import PreferencesForm, RitualTimeForm, TimeForm
from heartwork.reminders.services import ReminderInputError
from heartwork.rituals.selectors import ritual_of, rituals_of
from heartwork.web.discreet import neutral_subject, site_name

# Where each kind of reminder takes the person, and what it says there (inside the app only).
KIND_PAGES = {
    "checkin": "checkin:page",
    "cooldown_end": "space:home",
    "agreement_review": "agreements:home",
    "ritual": "rituals:home",
}


def _acting(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _label(kind: str) -> str:
    labels = {
        "checkin": _("Time for your daily check-in."),
        "cooldown_end": _("The cool-down you planned has reached its end."),
        "agreement_review": _("An agreement is due for its review."),
        "ritual": _("Time for one of your rituals."),
    }
    return labels.get(kind, _("A reminder."))


def _ritual_rows(user: User, bound: RitualTimeForm | None = None) -> list[dict[str, Any]]:
    set_up = {r.ref: r for r in selectors.reminders_of(user).filter(kind="ritual")}
    rows = []
    for ritual in rituals_of(user):
        reminder = set_up.get(str(ritual.id))
        initial = {"at": reminder.at, "weekday": reminder.weekday} if reminder else {}
        form = RitualTimeForm(initial=initial, prefix=str(ritual.id), cadence=ritual.cadence)
        if bound is not None and bound.prefix == str(ritual.id):
            form = bound  # the one just sent, with its errors
        rows.append({"ritual": ritual, "reminder": reminder, "form": form})
    return rows


def _page(
    request: HttpRequest, *, ritual_form: RitualTimeForm | None = None, **extra: Any
) -> HttpResponse:
    user = _acting(request)
    prefs = selectors.prefs_of(user)
    checkin = selectors.reminder_of(user, "checkin", services.CHECKIN_REF)
    context: dict[str, Any] = {
        "inbox": [
            {"delivery": d, "label": _label(d.reminder.kind), "page": KIND_PAGES[d.reminder.kind]}
            for d in selectors.inbox(user)[:50]
        ],
        "checkin": checkin,
        "checkin_form": TimeForm(initial={"at": checkin.at} if checkin else {}),
        "rituals": _ritual_rows(user, ritual_form),
        "prefs_form": PreferencesForm(
            email_available=mail.enabled(),
            initial={
                "quiet_start": prefs.quiet_start,
                "quiet_end": prefs.quiet_end,
                "email": prefs.email,
            },
        ),
        "email_available": mail.enabled(),
        "feed_on": bool(prefs.feed_digest),
        "zone": user.time_zone or "UTC",
        **extra,
    }
    return render(request, "reminders/home.html", context)


@never_cache
@login_required
def home(request: HttpRequest) -> HttpResponse:
    return _page(request)


@never_cache
@login_required
@require_POST
def read(request: HttpRequest, delivery_id: uuid.UUID) -> HttpResponse:
    user = _acting(request)
    delivery = selectors.delivery_of(user, delivery_id)
    if delivery is None:
        raise Http404
    services.mark_read(user=user, delivery_id=delivery.id)
    return redirect("reminders:home")


@never_cache
@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    services.mark_read(user=_acting(request))
    return redirect("reminders:home")


@never_cache
@login_required
@require_POST
def checkin(request: HttpRequest) -> HttpResponse:
    form = TimeForm(request.POST)
    if not form.is_valid():
        return _page(request, checkin_form=form)
    at = None if "off" in request.POST else form.cleaned_data["at"]
    services.set_checkin_time(user=_acting(request), at=at)
    messages.success(request, _("Saved."))
    return redirect("reminders:home")


@never_cache
@login_required
@require_POST
def ritual(request: HttpRequest, ritual_id: uuid.UUID) -> HttpResponse:
    user = _acting(request)
    found = ritual_of(user, ritual_id)
    if found is None:
        raise Http404
    form = RitualTimeForm(request.POST, prefix=str(found.id), cadence=found.cadence)
    if form.is_valid():
        at = None if "off" in request.POST else form.cleaned_data["at"]
        try:
            services.set_ritual_time(
                user=user, ritual=found, at=at, weekday=form.cleaned_data.get("weekday")
            )
        except ReminderInputError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        except services.ReminderHeld:
            messages.error(request, _("Ritual reminders are switched off for now, for safety."))
            return redirect("reminders:home")
        else:
            messages.success(request, _("Saved."))
            return redirect("reminders:home")
    return _page(request, ritual_form=form)


@never_cache
@login_required
@require_POST
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST, email_available=mail.enabled())
    if not form.is_valid():
        return _page(request, prefs_form=form)
    services.set_preferences(user=_acting(request), **form.cleaned_data)
    messages.success(request, _("Saved."))
    return redirect("reminders:home")


@never_cache
@login_required
@require_POST
def feed_new(request: HttpRequest) -> HttpResponse:
    token = services.new_feed_token(user=_acting(request))
    return _page(request, feed_url=feed_url(token), feed_on=True)


@never_cache
@login_required
@require_POST
def feed_revoke(request: HttpRequest) -> HttpResponse:
    services.revoke_feed(user=_acting(request))
    messages.success(request, _("The calendar address no longer works."))
    return redirect("reminders:home")


@never_cache
@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar feed: no log-in (calendar apps cannot log in); the secret in the address
    stands for the person. A wrong or revoked token looks like a page that does not exist."""
    user = selectors.feed_owner(token)
    if user is None:
        raise Http404
    now = timezone.now()
    events = [
        ics.Event(uid=f"{o.reminder.id}-{o.at:%Y%m%dT%H%M%SZ}@reminders", start=o.at)
        for o in selectors.upcoming(user, now=now)
    ]
    # No one is logged in here: the feed's owner's language names the calendar and events.
    with translation.override(languages.pick(user.language)):
        body = ics.calendar(
            name=site_name(user),
            title=neutral_subject("reminder"),
            link=mail.app_link(),
            events=events,
            now=now,
        )
    response = HttpResponse(body, content_type=ics.CONTENT_TYPE)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
