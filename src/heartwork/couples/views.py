"""The partner pages: pairing (/partner/), joining by link, unpairing, shared exercises and
the partner's side of the trust ledger.

Thin: parse, check membership, call one service, render. Every page is never_cache (it
may show what someone wrote). Shared pages reach items only through the acting user's
active couple, so anyone else gets a 404; when the acting user's own safety gate is
closed, they show why instead of the shared content.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from heartwork.accounts.models import User
from heartwork.accounts.sudo import sudo_required
from heartwork.couples import selectors, services
from heartwork.couples.exercises import shared_exercise
from heartwork.couples.forms import AcceptForm, AnswerForm, ConfirmForm
from heartwork.couples.models import Couple
from heartwork.couples.services import Blocked, PartnerError
from heartwork.partners.selectors import current_partner
from heartwork.safety.gate import Block, reconnection_block, reconnection_view
from heartwork.trust.kinds import kind_words
from heartwork.trust.models import DEPOSIT


def _acting(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _couple(user: User) -> Couple:
    couple = selectors.active_couple_of(user)
    if couple is None:
        raise Http404
    return couple


def _locked(request: HttpRequest, block: Block) -> HttpResponse:
    return render(request, "couples/locked.html", {"gate": block})


def _home_context(user: User, accept_form: AcceptForm | None = None) -> dict[str, Any]:
    couple = selectors.active_couple_of(user)
    return {
        "couple": couple,
        "other": couple.other(user) if couple else None,
        "invite": None if couple else selectors.open_invite_of(user),
        "has_partner": current_partner(user) is not None,
        "gate": reconnection_block(user),
        "accept_form": accept_form or AcceptForm(),
    }


@never_cache
@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "couples/home.html", _home_context(_acting(request)))


@never_cache
@login_required
@reconnection_view
@require_POST
def invite_create(request: HttpRequest) -> HttpResponse:
    try:
        invite, code = services.create_invite(user=_acting(request))
    except PartnerError as exc:
        messages.error(request, exc.message)
        return redirect("couples:home")
    except Blocked:  # the gate closed between the check above and now
        return redirect("safety:path")
    link = request.build_absolute_uri(reverse("couples:join", args=[code]))
    # Shown once, on this response only: only a digest of the code is stored.
    return render(
        request, "couples/invite_created.html", {"invite": invite, "code": code, "link": link}
    )


@login_required
@require_POST
def invite_revoke(request: HttpRequest, invite_id: uuid.UUID) -> HttpResponse:
    invite = selectors.invite_of(_acting(request), invite_id)
    if invite is None:
        raise Http404
    services.revoke_invite(invite=invite)
    messages.success(request, _("The invite no longer works."))
    return redirect("couples:home")


def _accept(
    request: HttpRequest, form: AcceptForm, template: str, extra: dict[str, Any]
) -> HttpResponse:
    """Accept the code in ``form``; on failure the page again, with the reason on the field."""
    user = _acting(request)
    if form.is_valid():
        try:
            services.accept_invite(user=user, code=form.cleaned_data["code"])
        except PartnerError as exc:
            form.add_error("code", exc.message)
        except Blocked as exc:
            return _locked(request, exc.block)
        else:
            messages.success(request, _("You are paired. Private things stay private."))
            return redirect("couples:home")
    return render(request, template, {**extra, "accept_form": form}, status=400)


@never_cache
@login_required
@sensitive_post_parameters()
@require_POST
def accept(request: HttpRequest) -> HttpResponse:
    context = _home_context(_acting(request))
    return _accept(request, AcceptForm(request.POST), "couples/home.html", context)


@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, code: str) -> HttpResponse:
    """The invite link: log in or sign up first, then accept with one deliberate click."""
    if not request.user.is_authenticated:
        return render(request, "couples/join.html", {"next": request.path})
    if request.method == "POST":
        return _accept(request, AcceptForm({"code": code}), "couples/join.html", {})
    couple = selectors.active_couple_of(_acting(request))
    return render(request, "couples/join.html", {"paired": couple is not None})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
@sudo_required
def unpair(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    couple = selectors.active_couple_of(user)
    if couple is None:
        return redirect("couples:home")
    if request.method == "POST":
        services.unpair(user=user)
        messages.success(request, _("You are no longer paired."))
        return redirect("couples:home")
    return render(request, "couples/unpair.html", {"other": couple.other(user)})


# -- shared exercises ----------------------------------------------------------------------


@never_cache
@login_required
def shared(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    couple = selectors.active_couple_of(user)
    if couple is None:
        return redirect("couples:home")
    block = reconnection_block(user)
    if block is not None:
        return _locked(request, block)
    states = selectors.exercise_states(user, couple)
    return render(request, "couples/shared.html", {"states": states, "other": couple.other(user)})


@never_cache
@login_required
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def exercise(request: HttpRequest, exercise_id: str) -> HttpResponse:
    user = _acting(request)
    couple = _couple(user)
    state = selectors.exercise_state(user, couple, exercise_id)
    found = shared_exercise(exercise_id)
    if state is None or found is None:
        raise Http404
    block = reconnection_block(user)
    if block is not None:
        return _locked(request, block)
    # After a reveal the form starts the next round, empty; before it, it edits mine.
    initial = state.mine if state.mine and not state.revealed else None
    form = AnswerForm(found, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_exercise(
                user=user, couple=couple, exercise_id=found.id, answers=form.cleaned_data
            )
        except PartnerError as exc:
            form.add_error(None, exc.message)
        except Blocked as exc:
            return _locked(request, exc.block)
        else:
            messages.success(request, _("Saved. Only you can read it for now."))
            return redirect("couples:exercise", exercise_id=found.id)
    status = 400 if request.method == "POST" else 200
    rows = [
        (q, (state.mine or {}).get(q.id, ""), (state.theirs or {}).get(q.id, ""))
        for q in found.questions
    ]
    context = {"state": state, "form": form, "rows": rows, "other": couple.other(user)}
    return render(request, "couples/exercise.html", context, status=status)


# -- the trust ledger, seen by the partner ------------------------------------------------------


def _with_words(rows: list[selectors.DepositRow]) -> list[dict[str, Any]]:
    return [{"row": row, "words": kind_words(DEPOSIT, row.entry.kind)} for row in rows]


@never_cache
@login_required
def ledger(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    couple = selectors.active_couple_of(user)
    if couple is None:
        return redirect("couples:home")
    block = reconnection_block(user)
    if block is not None:
        return _locked(request, block)
    context = {
        "other": couple.other(user),
        "theirs": _with_words(selectors.deposits_to_confirm(user, couple)),
        "mine": _with_words(selectors.my_confirmed_deposits(user, couple)),
    }
    return render(request, "couples/ledger.html", context)


@never_cache
@login_required
@sensitive_post_parameters()
@require_POST
def confirm(request: HttpRequest, entry_id: uuid.UUID) -> HttpResponse:
    user = _acting(request)
    couple = _couple(user)
    entry = selectors.partner_deposit(user, couple, entry_id)
    if entry is None:
        raise Http404
    form = ConfirmForm(request.POST)
    if form.is_valid():
        try:
            services.confirm_deposit(
                user=user,
                couple=couple,
                entry=entry,
                verdict=form.cleaned_data["verdict"],
                note=form.cleaned_data["note"],
            )
        except PartnerError as exc:
            messages.error(request, exc.message)
        except Blocked as exc:
            return _locked(request, exc.block)
        else:
            messages.success(request, _("Thank you. Your partner will see what you said."))
    else:
        messages.error(request, _("Choose whether you noticed it, and keep the note short."))
    return redirect("couples:ledger")
