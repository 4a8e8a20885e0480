"""The help page, and the crisis card shown on every page while a person is in crisis.

The card (safety/crisis_card.html, shown by web/base.html) needs two deliberate steps to
close, and closing it only hides it for this session: the level stays until a later
re-check (SAFETY.md, never 7). The session remembers *which* crisis was closed (when it
began), so a new one shows the card again. The context processor that tells every page
about all this is heartwork.safety.context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal
from urllib.parse import quote, urlsplit

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from heartwork.accounts import services as accounts
from heartwork.accounts.models import User
from heartwork.safety.models import SafetyStanding
from heartwork.safety.resources import (
    Channel,
    CountryResources,
    Kind,
    Resource,
    for_country,
    lines_for,
    load_table,
)
from heartwork.safety.selectors import highest_level

CLOSED_KEY = "heartwork_crisis_closed"
"""Session key: when the crisis whose card was closed began (an ISO date and time)."""

_NOT_DIALLED = re.compile(r"[^0-9+*#]")


# ------------------------------------------------------------------------ lines as shown


@dataclass(frozen=True)
class Link:
    """One way to get in touch, ready for a template: a tel:, sms: or https link."""

    type: str  # "call", "text" or "chat"
    href: str
    label: str
    note: str | None = None


@dataclass(frozen=True)
class Line:
    name: str
    kind: Kind
    description: str
    hours: str
    audience: str
    audience_label: str
    region: str | None
    languages: str
    verified_on: date
    source_url: str
    links: tuple[Link, ...]

    @property
    def for_everyone(self) -> bool:
        return self.audience == "all"

    @property
    def calls(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.type == "call")

    @property
    def calls_and_texts(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.type in {"call", "text"})


@dataclass(frozen=True)
class Section:
    kind: Kind
    title: str
    intro: str
    lines: tuple[Line, ...]


def _link(channel: Channel) -> Link:
    value, note = channel.value, channel.note
    if channel.type == "chat":
        site = urlsplit(value).netloc.removeprefix("www.")
        return Link("chat", value, _("Chat online (%(site)s)") % {"site": site}, note)
    # A dialled number keeps digits, + * and #; # must be escaped inside a URI.
    number = _NOT_DIALLED.sub("", value).replace("#", "%23")
    if channel.type == "call":
        return Link("call", f"tel:{number}", _("Call %(number)s") % {"number": value}, note)
    if channel.message is None:
        return Link("text", f"sms:{number}", _("Text %(number)s") % {"number": value}, note)
    label = _("Text %(word)s to %(number)s") % {"word": channel.message, "number": value}
    return Link("text", f"sms:{number}?body={quote(channel.message)}", label, note)


def _audience_label(audience: str) -> str:
    labels = {
        "all": _("For everyone"),
        "women": _("For women"),
        "men": _("For men"),
        "lgbtq": _("For LGBTQ+ people"),
    }
    return labels[audience]


def _languages(codes: tuple[str, ...]) -> str:
    names = []
    for code in codes:
        try:
            names.append(str(get_language_info(code)["name_translated"]))
        except KeyError:  # a language Django has no name for: show its code
            names.append(code)
    return ", ".join(names)


def line_view(resource: Resource) -> Line:
    return Line(
        name=resource.name,
        kind=resource.kind,
        description=resource.description,
        hours=resource.hours,
        audience=resource.audience,
        audience_label=_audience_label(resource.audience),
        region=resource.region,
        languages=_languages(resource.languages),
        verified_on=resource.verified_on,
        source_url=resource.source_url,
        links=tuple(_link(channel) for channel in resource.channels),
    )


def _lines_of_kind(resources: CountryResources, kind: Kind) -> tuple[Line, ...]:
    """The lines of one kind, lines for everyone first. Never only lines for one group:
    when every line for everyone is missing (or overdue), the directory comes first."""
    chosen = [line for line in lines_for(resources, kind, limit=None) if line.kind == kind]
    if chosen and not any(line.audience == "all" for line in chosen):
        chosen.insert(0, resources.directory.as_resource())
    return tuple(line_view(line) for line in chosen)


def help_sections(resources: CountryResources) -> tuple[Section, ...]:
    """What the help page lists for a country, most urgent first; empty for the fallback."""
    if resources.is_fallback:
        return ()
    texts: tuple[tuple[Kind, str, str], ...] = (
        (
            "emergency",
            _("In danger right now"),
            _(
                "Call the emergency number if you or someone else is hurt or in danger, "
                "or if you might act on thoughts of ending your life."
            ),
        ),
        (
            "crisis",
            _("If you are struggling or thinking about suicide"),
            _("Trained people listen without judging, whatever you are going through."),
        ),
        (
            "abuse",
            _("If someone is hurting, scaring or controlling you"),
            _(
                "Confidential support, advice and help with a safety plan. A line for "
                "everyone comes first; lines set up for one group are marked."
            ),
        ),
        (
            "perpetrator",
            _("If you are worried about how you treat someone"),
            _(
                "Confidential help for people who want to stop hurting, scaring or "
                "controlling a partner or someone in their family."
            ),
        ),
    )
    sections = (
        Section(kind, title, intro, _lines_of_kind(resources, kind)) for kind, title, intro in texts
    )
    return tuple(section for section in sections if section.lines)


Reason = Literal["self_harm", "danger"]


@dataclass(frozen=True)
class CrisisLines:
    """What the crisis card and banner show: the emergency number, then lines to talk to.

    ``reason`` says which crisis it is: thoughts of suicide ("self_harm": crisis lines)
    or danger from someone else right now ("danger": abuse lines).
    """

    reason: Reason
    country: str | None  # None when we have no lines for the person's country
    emergency: tuple[Line, ...]
    talk: tuple[Line, ...]
    directory_name: str
    directory_url: str

    @property
    def is_danger(self) -> bool:
        return self.reason == "danger"


def crisis_lines(country: str, reason: Reason = "self_harm") -> CrisisLines:
    resources = for_country(country or None)
    kind: Kind = "crisis" if reason == "self_harm" else "abuse"
    chosen = lines_for(resources, kind, limit=None)
    # Lines for everyone come first; the card keeps the first two of them.
    talk = [line_view(line) for line in chosen if line.kind == kind and line.country]
    return CrisisLines(
        reason=reason,
        country=None if resources.is_fallback else resources.name,
        emergency=tuple(line_view(line) for line in chosen if line.kind == "emergency"),
        talk=tuple(talk[:2]),
        directory_name=resources.directory.name,
        directory_url=resources.directory.url,
    )


# ---------------------------------------------------------------------------- the card


@dataclass(frozen=True)
class Crisis:
    since: str  # when it began, ISO 8601: a new crisis has a new start
    reason: Reason


def current_crisis(user: User) -> Crisis | None:
    """The user's crisis, from their crisis marks and floors; None when there is none.

    It began at the latest crisis mark: one answered again within the hold keeps its
    start (heartwork.safety.standing), a new one gets a new start. It is about thoughts
    of suicide when any crisis mark says self-harm, else about danger from someone else.
    """
    marks = [
        mark
        for row in SafetyStanding.objects.filter(user=user).select_related("user__data_key")
        for mark in (*row.standing.marks.values(), *row.standing.floors.values())
        if mark.level == "crisis"
    ]
    if not marks:
        return None
    about_self = any("self_harm" in mark.codes for mark in marks)
    return Crisis(
        since=max(mark.at for mark in marks).isoformat(),
        reason="self_harm" if about_self else "danger",
    )


@dataclass(frozen=True)
class CardState:
    crisis: Crisis | None
    closed: bool  # closed in this session, for this crisis


def card_state(request: HttpRequest) -> CardState:
    """Whether the logged-in user, if any, is in crisis and closed its card here."""
    user = getattr(request, "user", None)
    if not isinstance(user, User) or highest_level(user) != "crisis":
        return CardState(None, closed=False)
    crisis = current_crisis(user)
    session = getattr(request, "session", None)
    closed = crisis is not None and session is not None and session.get(CLOSED_KEY) == crisis.since
    return CardState(crisis, closed)


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("web:home")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def close_card(request: HttpRequest) -> HttpResponse:
    """Step 1 (or a plain visit) asks to confirm; only step 2 closes the card, for this
    session. Nothing here changes a level."""
    next_url = _safe_next(request)
    state = card_state(request)
    if state.crisis is None or state.closed:
        return redirect(next_url)
    if request.method != "POST" or request.POST.get("step") != "2":
        # The card would cover this page's own button: the banner stays instead.
        context = {"next": next_url, "safety_card": False}
        return render(request, "safety/crisis_close.html", context)
    request.session[CLOSED_KEY] = state.crisis.since
    messages.info(
        request,
        _(
            "The card is closed. Help stays at the top of every page, and you can come "
            "back to it any time."
        ),
    )
    return redirect(next_url)


# ------------------------------------------------------------------------ the help page


class CountryForm(forms.Form):
    country = forms.CharField(
        label=gettext_lazy("Your country"),
        required=False,
        help_text=gettext_lazy("Choose “Other country” to see lines that work from anywhere."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].widget = forms.Select(choices=country_choices())

    def clean_country(self) -> str:
        code = str(self.cleaned_data["country"]).strip().upper()
        if code and not re.fullmatch(r"[A-Z]{2}", code):
            raise forms.ValidationError(
                _(
                    "A country is two letters, such as GB or US. To see the international "
                    "list, choose “Other country”."
                )
            )
        return code


def country_choices() -> list[tuple[str, str]]:
    countries = sorted(load_table().countries.values(), key=lambda country: country.name)
    return [("", _("Other country"))] + [(c.code or "", c.name) for c in countries]


def _shown_country(request: HttpRequest) -> tuple[str, bool]:
    """The code whose lines to show, and whether a ?country= asked for one we lack."""
    if "country" in request.GET:
        asked = request.GET["country"].strip()[:8]
        return asked, bool(asked) and for_country(asked).is_fallback
    user = request.user
    return (user.country if isinstance(user, User) else ""), False


def _save_country(request: HttpRequest, form: CountryForm) -> HttpResponse | None:
    """Save the country from a valid form; None when it is refused (the error is on it)."""
    assert isinstance(request.user, User)
    try:
        code = accounts.set_country(user=request.user, country=form.cleaned_data["country"])
    except accounts.CountryNotListed:
        form.add_error(
            "country",
            _(
                "We have no checked help lines for that country yet, so it cannot be saved. "
                "Choose “Other country” to see the international list."
            ),
        )
        return None
    if code:
        name = for_country(code).name
        text = _("Saved. This page now shows lines for %(country)s.") % {"country": name}
        messages.success(request, text)
    else:
        messages.success(request, _("Saved. This page now shows the international list."))
    return redirect("help")


@never_cache
@require_http_methods(["GET", "POST"])
def help_page(request: HttpRequest) -> HttpResponse:
    """Help lines for the person's country (or ?country=, not saved), for anyone."""
    user = request.user
    form = None
    if isinstance(user, User):
        form = CountryForm(
            request.POST if request.method == "POST" else None, initial={"country": user.country}
        )
    if request.method == "POST":
        if form is None:
            return redirect_to_login(reverse("help"))
        if form.is_valid():
            saved = _save_country(request, form)
            if saved is not None:
                return saved
    code, unknown = _shown_country(request)
    resources = for_country(code or None)
    context = {
        "resources": resources,
        "sections": help_sections(resources),
        "unknown_country": unknown,
        "choices": country_choices(),
        "shown_code": resources.code or "",
        "form": form,
        # This page is all help: it leads with the crisis lines instead of the card.
        "safety_card": False,
    }
    return render(request, "safety/help.html", context)
