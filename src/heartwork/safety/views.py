"""The safety check and the safety path, as pages.

The check walks a person through what is due, in a fixed order: their phone, how they
are doing, who this is about (when nobody is named yet), then three screens about that
person. What counts as due comes from the gate (heartwork.safety.gate), plus any screen
never answered, so a lock part-way through still lets the rest be answered.

Every page is never_cache: they show what someone told us about safety, and on a shared
computer Back after logging out must not bring that back from the browser's cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from heartwork.accounts.models import User
from heartwork.partners.models import Partner
from heartwork.partners.selectors import current_partner
from heartwork.partners.services import add_partner
from heartwork.safety import selectors, services
from heartwork.safety import standing as rules
from heartwork.safety.after import take_after_check
from heartwork.safety.crisis import Line, line_view
from heartwork.safety.forms import PartnerForm, ScreenForm
from heartwork.safety.gate import Block, reconnection_block
from heartwork.safety.models import ScreenAnswers
from heartwork.safety.resources import Resource, for_country, lines_for
from heartwork.safety.screens import ORDER, Outcome, Screen, ScreenInputError, load_screens
from heartwork.web.discreet import NEUTRAL_TITLE

PARTNER_STEP = "partner"
STEPS = (*rules.USER_SCREENS, PARTNER_STEP, *rules.PARTNER_SCREENS, rules.QUICK)
# Codes that mean the user is being harmed by someone (the victim path).
HARM_CODES = frozenset(
    {
        "fear",
        "coercive_control",
        "physical_violence",
        "threats",
        "strangulation",
        "weapon",
        "stalking",
        "partner_suicide_threat",
        "danger_now",
    }
)


def _acting(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


# ------------------------------------------------------------------------ the steps due


def due_steps(user: User) -> tuple[str, ...]:
    """What the check still asks, in order: screen ids, and "partner" to name someone."""
    partner = current_partner(user)
    block = reconnection_block(user, partner)
    wanted = set(block.screens if block is not None else ())
    own = selectors.standing_of(user)
    # Never answered, or waiting to follow up a signal from free text: due even under a
    # lock (the gate lists nothing then), since answering afresh is the only way forward.
    wanted |= {screen for screen in rules.USER_SCREENS if screen not in own.marks}
    wanted |= set(own.floors)
    if partner is None:
        wanted |= {PARTNER_STEP, *rules.PARTNER_SCREENS}
    else:
        pair = selectors.standing_of(user, partner)
        wanted |= {screen for screen in rules.PARTNER_SCREENS if screen not in pair.marks}
        wanted |= set(pair.floors)
    return tuple(step for step in STEPS if step in wanted)


def _step_url(step: str) -> str:
    if step == PARTNER_STEP:
        return reverse("safety:check_partner")
    return reverse("safety:screen", kwargs={"screen_id": step})


def _step_title(step: str) -> str:
    if step == PARTNER_STEP:
        return _("Who this is about")
    found = load_screens().get(step)
    return _(found.title) if found is not None else step


def _continue(user: User) -> HttpResponse:
    """On to the next step that is due, or to the safety page when none is."""
    steps = due_steps(user)
    if steps:
        return redirect(_step_url(steps[0]))
    return redirect("safety:home")


# ----------------------------------------------------------------------------- the check


@never_cache
@login_required
def check(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    steps = due_steps(user)
    context = {
        "steps": [{"id": step, "title": _step_title(step)} for step in steps],
        "next_url": _step_url(steps[0]) if steps else None,
        "started": ScreenAnswers.objects.filter(user=user).exists(),
        "lock": reconnection_block(user),
    }
    return render(request, "safety/check.html", context)


@never_cache
@login_required
@sensitive_post_parameters()
def check_partner(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        add_partner(user=user, name=form.cleaned_data["name"])
        return _continue(user)
    return render(request, "safety/partner.html", {"form": form, "partner": current_partner(user)})


def _after_screen(request: HttpRequest, outcome: Outcome) -> None:
    if outcome.unsafe_here:
        messages.warning(
            request,
            _(
                "If someone could see this screen, press Exit at the top of any page, or press "
                "Shift three times: a weather page opens instead. It does not erase your "
                "browser history."
            ),
        )
    if outcome.screen == "mood" and outcome.level != "green":
        messages.info(
            request,
            _(
                "Thank you for telling us. You do not have to carry this alone: the Help page "
                "lists people you can call or text, any time."
            ),
        )
    if outcome.discreet:
        messages.info(
            request,
            _(
                "Discreet mode is on: every page is called only “%(title)s”. You can "
                "change this on your Account page."
            )
            % {"title": _(NEUTRAL_TITLE)},
        )
    elif outcome.screen == "device" and _acting(request).discreet_mode:
        # Accounts start discreet (SAFETY.md principle 5); only the person turns it off.
        messages.info(
            request,
            _(
                "Every page is called only “%(title)s” for now, in case someone else looks. "
                "If nobody else sees this phone, you can turn discreet mode off on your "
                "Account page."
            )
            % {"title": _(NEUTRAL_TITLE)},
        )


@never_cache
@login_required
@sensitive_post_parameters()
def check_screen(request: HttpRequest, screen_id: str) -> HttpResponse:
    user = _acting(request)
    found = load_screens().get(screen_id)
    if found is None:
        raise Http404
    partner = current_partner(user) if found.scope == "partner" else None
    if found.scope == "partner" and partner is None:
        return redirect("safety:check_partner")
    form = ScreenForm(found, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.complete:
        try:
            outcome = services.record_screen(
                user=user, screen_id=found.id, answers=form.answers(), partner=partner
            )
        except ScreenInputError as error:
            # The form checks the same rules first; this is a last guard, never a 500.
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            _after_screen(request, outcome)
            if outcome.level == "crisis":
                return redirect("safety:path")
            if not due_steps(user):
                waiting = take_after_check(request)
                if found.id == rules.QUICK and reconnection_block(user) is None:
                    # Asked on the way to the coach: back to it, nothing else to do.
                    return redirect("coach:page")
                messages.success(request, _("Thank you. The safety check is complete."))
                if waiting and reconnection_block(user) is None:
                    # Signed up from a join link: back to it. With a lock, the safety
                    # page explains why instead, and the link is forgotten.
                    return redirect(waiting)
            return _continue(user)
    return render(request, "safety/screen.html", _screen_context(found, form, partner))


def _screen_context(screen: Screen, form: ScreenForm, partner: Partner | None) -> dict[str, Any]:
    return {
        "screen": screen,
        "title": _(screen.title),
        "intro": _(screen.intro),
        "form": form,
        "partner": partner,
    }


# ------------------------------------------------------------------------ the safety page


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    about_partner: bool
    last: datetime | None
    due: bool


def _last_answered(user: User, partner: Partner | None) -> dict[str, datetime]:
    which = Q(partner__isnull=True, screen__in=rules.USER_SCREENS)
    if partner is not None:
        which |= Q(partner=partner, screen__in=rules.PARTNER_SCREENS)
    rows = (
        ScreenAnswers.objects.filter(user=user)
        .filter(which)
        .values("screen")
        .annotate(last=Max("created_at"))
    )
    return {row["screen"]: row["last"] for row in rows}


# What an amber standing shows next to open coaching (SAFETY.md: content on healthy and
# controlling behaviour, on respecting "no", and support in view). Keyed by the reason.
AMBER_NOTES = {
    "asked_for_space": "space",
    "snooping": "checking",
    "stalking": "checking",
    "low_mood": "mood",
    "self_harm": "mood",
}
UNSURE_CODES = frozenset({*HARM_CODES, "legal_boundary"})


def amber_notes(user: User, partner: Partner | None) -> list[str]:
    """Which notes an amber standing calls for, in a stable order; none above or below amber."""
    own = selectors.standing_of(user)
    pair = selectors.standing_of(user, partner) if partner is not None else rules.Standing()
    if rules.highest((own.level, pair.level)) != "amber":
        return []
    codes = {*own.codes, *pair.codes}
    notes = {AMBER_NOTES[code] for code in codes if code in AMBER_NOTES}
    if codes & UNSURE_CODES - {"stalking"}:
        notes.add("unsure")  # "not sure" about harm or a boundary
    return [note for note in ("unsure", "space", "checking", "mood") if note in notes]


def _status(block: Block | None, partner: Partner | None) -> str:
    if block is None:
        return "open"
    if block.code == "safety_lock":
        return "paused" if block.level == "crisis" else "off"
    return "waiting" if partner is not None else "no_partner"


@never_cache
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    partner = current_partner(user)
    block = reconnection_block(user, partner)
    steps = due_steps(user)
    last = _last_answered(user, partner)
    parts = [
        Part(
            id=screen_id,
            title=_step_title(screen_id),
            about_partner=screen_id in rules.PARTNER_SCREENS,
            last=last.get(screen_id),
            due=screen_id in steps,
        )
        for screen_id in ORDER
        if screen_id != rules.QUICK  # asked on its own, just before coaching
    ]
    context = {
        "partner": partner,
        "status": _status(block, partner),
        "due_titles": [_step_title(step) for step in steps],
        "next_url": _step_url(steps[0]) if steps else None,
        "parts": parts,
        "notes": amber_notes(user, partner),
    }
    return render(request, "safety/overview.html", context)


# -------------------------------------------------------------------------- the safety path


def _lines(found: tuple[Resource, ...]) -> list[Line]:
    return [line_view(resource) for resource in found]


def _one_tap(found: tuple[Resource, ...]) -> list[dict[str, Any]]:
    """The first call channel of each line: big buttons for the most urgent moments."""
    taps = []
    for resource in found:
        number = next((c.value for c in resource.channels if c.type == "call"), None)
        if number is not None:
            # "Emergency services (999)" already says its number.
            name = resource.name if number in resource.name else f"{resource.name}: {number}"
            taps.append({"label": name, "href": line_view(resource).calls[0].href})
    return taps


def _path_context(user: User) -> dict[str, Any]:
    level = selectors.highest_level(user)
    codes = set(selectors.codes_of(user))
    country = for_country(user.country or None)
    harmed = bool(codes & HARM_CODES)
    emergency = lines_for(country, "emergency", limit=1)
    abuse = lines_for(country, "abuse")
    urgent = emergency + tuple(line for line in abuse if line.kind == "abuse")[:1]
    self_harm = level == "crisis" and "self_harm" in codes
    show = {
        "crisis": level == "crisis",
        "high_danger": rules.at_least(level, "high_danger") and harmed,
        "harmed": harmed,
        "boundary": "legal_boundary" in codes,
        "own_behaviour": "user_perpetration" in codes,
    }
    return {
        "show": show,
        "anything": any(show.values()),
        "lock": reconnection_block(user),
        "country": country,
        "crisis_lines": _lines(lines_for(country, "crisis") if self_harm else urgent),
        "self_harm": self_harm,
        "one_tap": _one_tap(urgent),
        "abuse_lines": _lines(abuse),
        "change_lines": _lines(lines_for(country, "perpetrator")),
    }


@never_cache
@login_required
def safety_path(request: HttpRequest) -> HttpResponse:
    return render(request, "safety/path.html", _path_context(_acting(request)))
