"""The agreements builder as pages.

/agreements/ shows every section; /agreements/<section>/ holds the person's own draft and,
with an active couple, the proposal form and the history. Drafts are open at every safety
level; actions that reach the partner are refused while the safety lock holds (the pages
then explain why instead of offering the forms). When a proposal meets a newer version,
the section page comes back with both texts, so nothing typed is lost.

Pages save through heartwork.agreements.services, like /api/v1/agreements, and redirect
after a save. Every page is never_cache: it shows what someone wrote.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from heartwork.accounts.models import User
from heartwork.accounts.selectors import zone_of
from heartwork.agreements import selectors, services
from heartwork.agreements.forms import AnswerForm, DraftForm, ProposalForm, ReviewForm
from heartwork.agreements.services import (
    AgreementConflict,
    AgreementInputError,
    AgreementRefused,
)
from heartwork.core.timezones import local_day
from heartwork.couples.models import Couple


def _acting(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _state(user: User, section_id: str) -> selectors.SectionState:
    state = selectors.section_state(user, section_id)
    if state is None:
        raise Http404
    return state


@never_cache
@login_required
def home(request: HttpRequest) -> HttpResponse:
    overview = selectors.overview(_acting(request))
    return render(request, "agreements/home.html", {"overview": overview})


def _section_page(
    request: HttpRequest,
    state: selectors.SectionState,
    *,
    draft_form: DraftForm | None = None,
    proposal_form: ProposalForm | None = None,
    conflict: bool = False,
    status: int = 200,
) -> HttpResponse:
    user = _acting(request)
    overview = selectors.overview(user)
    head = state.head.id if state.head is not None else None
    context: dict[str, Any] = {
        "state": state,
        "overview": overview,
        "draft_form": draft_form
        or DraftForm(initial={"text": state.draft.text if state.draft else ""}),
        "proposal_form": proposal_form
        or ProposalForm(initial={"text": _starting_text(state), "based_on": head}),
        "history": selectors.history(user, state.section.id),
        "conflict": conflict,
    }
    return render(request, "agreements/section.html", context, status=status)


def _starting_text(state: selectors.SectionState) -> str:
    """What the proposal box starts with: the waiting proposal, the agreement, or the
    person's own draft, so a small change stays small."""
    for version in (state.pending, state.current):
        if version is not None:
            return str(version.text)
    return state.draft.text if state.draft is not None else ""


@never_cache
@login_required
def section(request: HttpRequest, section_id: str) -> HttpResponse:
    return _section_page(request, _state(_acting(request), section_id))


@never_cache
@login_required
@require_POST
@sensitive_post_parameters()
def draft(request: HttpRequest, section_id: str) -> HttpResponse:
    """Save or delete the person's own side of a section (open at every level)."""
    user = _acting(request)
    state = _state(user, section_id)
    if request.POST.get("delete"):
        services.delete_draft(user=user, section_id=section_id)
        messages.success(request, _("Draft deleted."))
        return redirect("agreements:section", section_id=section_id)
    form = DraftForm(request.POST)
    if form.is_valid():
        try:
            services.save_draft(user=user, section_id=section_id, text=form.cleaned_data["text"])
        except AgreementInputError as error:
            form.add_error("text" if error.field == "text" else None, error.message)
        else:
            messages.success(request, _("Draft saved. Only you can read it."))
            return redirect("agreements:section", section_id=section_id)
    return _section_page(request, state, draft_form=form, status=422)


def _couple_or_refusal(request: HttpRequest, overview: selectors.Overview) -> Couple | HttpResponse:
    """The active couple, or the way back with a reason when couple actions may not run."""
    if overview.couple is None:
        messages.error(request, _("This needs partner mode. Your own drafts work alone."))
        return redirect("agreements:home")
    if overview.locked:
        messages.error(request, _("Agreements with your partner are switched off for now."))
        return redirect("agreements:home")
    return overview.couple


@never_cache
@login_required
@require_POST
@sensitive_post_parameters()
def propose(request: HttpRequest, section_id: str) -> HttpResponse:
    user = _acting(request)
    state = _state(user, section_id)
    overview = selectors.overview(user)
    couple = _couple_or_refusal(request, overview)
    if isinstance(couple, HttpResponse):
        return couple
    form = ProposalForm(request.POST)
    if not form.is_valid():
        return _section_page(request, state, proposal_form=form, status=422)
    try:
        services.propose(
            user=user,
            couple=couple,
            section_id=section_id,
            text=form.cleaned_data["text"],
            based_on=form.cleaned_data["based_on"],
        )
    except AgreementInputError as error:
        form.add_error("text" if error.field == "text" else None, error.message)
        return _section_page(request, state, proposal_form=form, status=422)
    except AgreementConflict:
        return _conflict_page(request, user, section_id, form.cleaned_data["text"])
    messages.success(request, _("Proposed. Your partner can now accept it or suggest changes."))
    return redirect("agreements:section", section_id=section_id)


def _conflict_page(request: HttpRequest, user: User, section_id: str, text: str) -> HttpResponse:
    """Both texts side by side: the person's words stay in the box, now based on the
    newest version, so sending again is a choice made knowing what changed."""
    state = _state(user, section_id)
    head = state.head.id if state.head is not None else None
    form = ProposalForm(initial={"text": text, "based_on": head})
    return _section_page(request, state, proposal_form=form, conflict=True, status=409)


@never_cache
@login_required
@require_POST
def answer(request: HttpRequest) -> HttpResponse:
    """Accept the partner's proposal, or withdraw one's own: the version travels in the
    form, not the address."""
    user = _acting(request)
    overview = selectors.overview(user)
    couple = _couple_or_refusal(request, overview)
    if isinstance(couple, HttpResponse):
        return couple
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That did not work. Try the button again."))
        return redirect("agreements:home")
    version = selectors.version_of(user, form.cleaned_data["version"])
    if version is None:
        raise Http404
    action = services.accept if form.cleaned_data["action"] == "accept" else services.withdraw
    try:
        action(user=user, couple=couple, version_id=version.id)
    except AgreementConflict:
        messages.error(request, _("This changed in the meantime. Here is the newest version."))
    except AgreementRefused as error:
        messages.error(request, error.message)
    else:
        done = _("Accepted. This is now your agreement.") if action is services.accept else None
        messages.success(request, done or _("Withdrawn. It stays in the history."))
    return redirect("agreements:section", section_id=version.part.section)


@never_cache
@login_required
@require_POST
def review(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    overview = selectors.overview(user)
    couple = _couple_or_refusal(request, overview)
    if isinstance(couple, HttpResponse):
        return couple
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a date like 2025-03-31."))
        return redirect("agreements:home")
    review_on = None if form.cleaned_data["clear"] else form.cleaned_data["review_on"]
    if review_on is None and not form.cleaned_data["clear"]:
        # An empty box is not a request to clear: that has its own button.
        messages.error(request, _("Pick the review day first."))
        return redirect("agreements:home")
    try:
        services.set_review(user=user, couple=couple, review_on=review_on)
    except AgreementInputError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Review day saved.") if review_on else _("Review day cleared."))
    return redirect("agreements:home")


@never_cache
@login_required
def print_page(request: HttpRequest) -> HttpResponse:
    """The agreement as it stands (or, alone, the person's drafts), ready to print."""
    user = _acting(request)
    context = {
        "overview": selectors.overview(user),
        "now_date": local_day(timezone.now(), zone_of(user)),
    }
    return render(request, "agreements/print.html", context)
