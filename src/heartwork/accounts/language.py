"""The language a person reads Heartwork in.

A logged-in person's saved ``User.language`` wins (UserLanguageMiddleware, on every request;
an API call by bearer token in accounts.auth). A visitor gets their browser's language when
Heartwork speaks it, or what they picked with the small switch on the public pages (a cookie).
docs/settings.md, "Language".
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from heartwork import languages
from heartwork.accounts import services
from heartwork.accounts.models import User


def activate_for(user: User) -> None:
    """Speak ``user``'s language for the rest of this request."""
    translation.activate(languages.pick(user.language))


def browser_language(request: HttpRequest) -> str:
    """The language a visitor's browser (or their earlier pick) asks for, if we speak it."""
    return languages.pick(translation.get_language_from_request(request))


class UserLanguageMiddleware:
    """After authentication: a logged-in person's own language for the whole request.

    Django's LocaleMiddleware, earlier in the list, has already picked the visitor's language
    (their cookie, else the browser's); this replaces it for someone logged in. The language
    active before is put back afterwards, so nothing after the response inherits it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        before = translation.get_language()
        user = getattr(request, "user", None)
        if isinstance(user, User):
            activate_for(user)
            request.LANGUAGE_CODE = translation.get_language()
        try:
            response = self.get_response(request)
            # A bearer token's user is only known inside the view: say what was spoken.
            spoken = translation.get_language() or before
            if spoken:
                response.headers["Content-Language"] = spoken
            return response
        finally:
            if before:
                translation.activate(before)
            else:
                translation.deactivate()


def _back_to(request: HttpRequest) -> str:
    target = request.POST.get("back") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("accounts:account") if request.user.is_authenticated else reverse("web:home")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switch: saved on the account of someone logged in, and in a cookie (so
    the log-in page and a visitor's pages follow it). A plain form: no JavaScript needed."""
    code = request.POST.get("language", "")
    back = HttpResponseRedirect(_back_to(request))
    if code not in languages.CODES:
        messages.error(request, _("Please choose a language from the list."))
        return back
    if isinstance(request.user, User):
        services.set_language(user=request.user, code=code)
    translation.activate(code)
    if isinstance(request.user, User):
        messages.success(request, _("Your language is saved."))
    back.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return back
