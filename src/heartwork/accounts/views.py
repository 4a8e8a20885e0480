"""Sign up, log in and out, passwords, confirm password (sudo), API tokens, discreet mode."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.contrib import messages
from django.contrib.auth import authenticate, login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from heartwork.accounts import selectors, services, sudo
from heartwork.accounts.forms import (
    ChangePasswordForm,
    ConfirmPasswordForm,
    DiscreetModeForm,
    LanguageForm,
    LoginForm,
    NewTokenForm,
    SignupForm,
    TimeZoneForm,
)
from heartwork.accounts.language import activate_for, browser_language
from heartwork.accounts.lockout import clear_failures
from heartwork.accounts.models import User
from heartwork.core.ratelimit import rate_limit
from heartwork.safety.after import remember_after_check
from heartwork.web.discreet import NEUTRAL_TITLE


def _acting(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


@sensitive_post_parameters()
@rate_limit("signup")
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:home")
    form = SignupForm(request.POST or None, initial={"language": browser_language(request)})
    # Where to go once the safety check is done: a partner's join link sends people here.
    next_url = _safe_next(request, "")
    if request.method == "POST" and form.is_valid():
        try:
            user = services.create_account(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                language=form.cleaned_data["language"] or browser_language(request),
            )
        except services.EmailTaken:
            form.add_error("email", _("An account with this email already exists."))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            activate_for(user)  # the welcome message in the language just chosen
            sudo.grant(request)
            messages.success(request, _("Welcome. Your account is ready."))
            # Onboarding starts with the safety check (SAFETY.md: before any coaching);
            # the page they came for waits until it is done.
            remember_after_check(request, next_url)
            return redirect("safety:check")
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


@method_decorator(rate_limit("login"), name="dispatch")
class HeartworkLoginView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        # login() inside rotates the session key, so a planted session id is useless.
        response = super().form_valid(form)
        sudo.grant(self.request)  # the password was just typed
        return response


class HeartworkLogoutView(LogoutView):
    http_method_names: ClassVar[list[str]] = ["post", "options"]  # type: ignore[misc]


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    return render(
        request,
        "accounts/account.html",
        {
            "tokens": selectors.tokens_of(user),
            "token_form": NewTokenForm(),
            "time_zone_form": TimeZoneForm(initial={"time_zone": user.time_zone}),
            "language_form": LanguageForm(initial={"language": user.language}),
        },
    )


@login_required
@require_POST
def discreet_mode(request: HttpRequest) -> HttpResponse:
    """Turn discreet mode on or off. No password needed: it only makes pages quieter."""
    user = _acting(request)
    form = DiscreetModeForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    on: bool = form.cleaned_data["discreet_mode"]
    services.set_discreet_mode(user=user, on=on)
    if on:
        title = _(NEUTRAL_TITLE)
        messages.success(request, _("Discreet mode is on. Pages are now only called “%s”.") % title)
    else:
        messages.success(request, _("Discreet mode is off."))
    return redirect("accounts:account")


@login_required
@require_POST
def time_zone(request: HttpRequest) -> HttpResponse:
    """Set where the person's days start and end. No password needed: it only changes how
    times are shown and counted."""
    user = _acting(request)
    form = TimeZoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a time zone from the list."))
        return redirect("accounts:account")
    services.set_time_zone(user=user, name=form.cleaned_data["time_zone"])
    messages.success(request, _("Your time zone is saved."))
    return redirect("accounts:account")


@login_required
@sensitive_post_parameters()
def password_change(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    form = ChangePasswordForm(user, request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.change_password(user=user, new_password=form.cleaned_data["new_password1"])
        # Keeps this session; every other session and every API token stops working.
        update_session_auth_hash(request, user)
        clear_failures(request, user.email)
        sudo.grant(request)
        messages.success(request, _("Your password is changed. Other devices are logged out."))
        return redirect("accounts:account")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
@sensitive_post_parameters()
@rate_limit("login")
def confirm(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    next_url = _safe_next(request, reverse("accounts:account"))
    form = ConfirmPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # A locked-out pair is refused inside authenticate() (django-axes), before the
        # password is checked, and the middleware answers with the lock-out page.
        checked = authenticate(request, username=user.email, password=form.cleaned_data["password"])
        if checked is not None and checked.pk == user.pk:
            clear_failures(request, user.email)
            sudo.grant(request)
            return HttpResponseRedirect(next_url)
        form.add_error("password", _("That password is not right."))
    return render(request, "accounts/confirm.html", {"form": form, "next": next_url})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
@sudo.sudo_required
@rate_limit("token", per="user")
def token_create(request: HttpRequest) -> HttpResponse:
    user = _acting(request)
    if request.method == "GET":
        # Where the confirm page sends you back to: the form is on the account page.
        messages.success(request, _("Thank you. You can make the token now."))
        return redirect("accounts:account")
    form = NewTokenForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "accounts/account.html",
            {"tokens": selectors.tokens_of(user), "token_form": form},
            status=400,
        )
    token, raw = services.issue_token(user=user, label=form.cleaned_data["label"])
    # Shown once, on this response only; it is never stored or shown again, and
    # never_cache keeps it out of the browser's cache and back/forward history.
    return render(request, "accounts/token_created.html", {"token": token, "raw": raw})


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: uuid.UUID) -> HttpResponse:
    # Someone else's token, or one already gone, is not found: the same answer for both,
    # so the address says nothing about whose tokens exist (docs/security.md).
    if not services.revoke_token(user=_acting(request), token_id=token_id):
        raise Http404
    messages.success(request, _("The token no longer works."))
    return redirect("accounts:account")
