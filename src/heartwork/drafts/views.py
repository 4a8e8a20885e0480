"""The coach page, its live analysis panel, and saved drafts.

Analysing stores nothing: a draft reaches the database only through "Save draft".
Every page is never_cache: it shows what someone wrote, and on a shared computer Back
after logging out must not bring it back from the browser's cache.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from heartwork import coach
from heartwork.accounts.models import User
from heartwork.core.ratelimit import rate_limit
from heartwork.drafts import selectors, services
from heartwork.drafts.forms import CoachForm
from heartwork.drafts.highlight import highlight, label_name, severity_class
from heartwork.drafts.models import KIND_LABELS, Draft
from heartwork.safety.gate import reconnection_view

PAGE_SIZE = 20
SHOWN_FINDINGS = 3

VERDICTS = {
    "ready": (
        gettext_lazy("Ready to send"),
        gettext_lazy("Nothing here works against you. Send it when it feels right."),
    ),
    "revise": (
        gettext_lazy("Worth another look"),
        gettext_lazy("Some words may land differently than you mean. The notes below say why."),
    ),
    "hold": (
        gettext_lazy("Hold it for now"),
        gettext_lazy("Let this one wait. Read it again after a night's sleep."),
    ),
}


def _acting(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _own_draft(request: HttpRequest, draft_id: uuid.UUID | str) -> Draft:
    # Someone else's id looks exactly like an id that does not exist.
    draft = selectors.draft_of(_acting(request), draft_id)
    if draft is None:
        raise Http404
    return draft


def panel_context(analysis: coach.Analysis, text: str) -> dict[str, Any]:
    """What the panel template shows for one analysis of ``text``."""
    title, sentence = VERDICTS.get(analysis.verdict, VERDICTS["revise"])
    findings = [
        {
            "finding": finding,
            "name": label_name(finding.label),
            "severity": severity_class(finding.severity),
        }
        for finding in analysis.findings
    ]
    return {
        "analysis": analysis,
        "verdict_title": title,
        "verdict_sentence": analysis.summary or sentence,
        "kind_label": KIND_LABELS.get(analysis.kind, analysis.kind),
        "highlighted": highlight(text, analysis.findings),
        "top_findings": findings[:SHOWN_FINDINGS],
        "more_findings": findings[SHOWN_FINDINGS:],
        "strengths": analysis.strengths,
        "suggestions": analysis.suggestions,
        "safety": analysis.safety,
    }


@sensitive_variables("text")
def _analyse(form: CoachForm) -> dict[str, Any]:
    """The panel's context for a bound form: an analysis, or why there is none."""
    if not form.is_valid():
        if form.has_error("text", "required"):
            return {}  # nothing written yet, or all of it deleted: no need to say so
        return {"problem": form.first_error()}
    text: str = form.cleaned_data["text"]
    try:
        analysis = coach.analyze(
            text, kind=form.cleaned_data["kind"], sent_at=form.cleaned_data["sent_at"]
        )
    except coach.CoachInputError as exc:
        return {"problem": str(exc)}
    return panel_context(analysis, text)


@sensitive_variables("text")
def _save(request: HttpRequest, form: CoachForm) -> HttpResponse | None:
    """Save the draft; None when the form cannot be saved (its errors are on it)."""
    if not form.is_valid():
        return None
    text: str = form.cleaned_data["text"]
    kind: str = form.cleaned_data["kind"]
    if kind not in coach.KINDS:
        # "Not sure": keep the kind the coach read it as.
        try:
            kind = coach.analyze(text, kind=kind).kind
        except coach.CoachInputError as exc:
            form.add_error("text", str(exc))
            return None
    draft_id = form.cleaned_data["draft"]
    if draft_id is not None:
        draft = services.update_draft(draft=_own_draft(request, draft_id), kind=kind, text=text)
    else:
        draft = services.save_draft(user=_acting(request), kind=kind, text=text)
    messages.success(request, _("Draft saved. Only you can read it."))
    return redirect("coach:draft", draft_id=draft.id)


@never_cache
@login_required
@reconnection_view
@sensitive_post_parameters()
@rate_limit("coach", per="user")
def coach_page(request: HttpRequest) -> HttpResponse:
    """The form and its analysis. Works without JavaScript: the buttons post here."""
    panel: dict[str, Any] = {}
    if request.method == "POST":
        form = CoachForm(request.POST)
        if request.POST.get("action") == "save":
            saved = _save(request, form)
            if saved is not None:
                return saved
        else:
            panel = _analyse(form)
    elif "draft" in request.GET:
        draft = _own_draft(request, request.GET["draft"])
        form = CoachForm({"text": draft.text, "kind": draft.kind, "draft": str(draft.id)})
        panel = _analyse(form)
    else:
        form = CoachForm()
    return render(request, "coach/page.html", {"form": form, **panel})


@never_cache
@require_POST
@reconnection_view  # lets a logged-out request through to the redirect below
@sensitive_post_parameters()
@rate_limit("coach", per="user")
def analyze_panel(request: HttpRequest) -> HttpResponse:
    """Just the panel, for htmx to swap in as the person types. Stores nothing."""
    if not request.user.is_authenticated:
        # Logged out meanwhile (another tab, an expired session): send the whole page to
        # the log-in form, rather than swapping the log-in page into the panel.
        login = redirect_to_login(reverse("coach:page"))
        if request.headers.get("HX-Request") == "true":
            return HttpResponseClientRedirect(login["Location"])
        return login
    return render(request, "coach/panel.html", _analyse(CoachForm(request.POST)))


@never_cache
@login_required
def draft_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.drafts_of(_acting(request)), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "coach/draft_list.html", {"page": page})


@never_cache
@login_required
def draft_detail(request: HttpRequest, draft_id: uuid.UUID) -> HttpResponse:
    draft = _own_draft(request, draft_id)
    return render(
        request,
        "coach/draft_detail.html",
        {"draft": draft, "kind_label": KIND_LABELS.get(draft.kind, draft.kind)},
    )


@never_cache
@login_required
def draft_delete(request: HttpRequest, draft_id: uuid.UUID) -> HttpResponse:
    draft = _own_draft(request, draft_id)
    if request.method == "POST":
        services.delete_draft(draft=draft)
        messages.success(request, _("The draft is deleted."))
        return redirect("coach:drafts")
    return render(request, "coach/draft_delete.html", {"draft": draft})
