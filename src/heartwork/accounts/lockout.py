"""How django-axes names an account and answers a locked-out client."""

from __future__ import annotations

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from heartwork.accounts.services import normalize_email


def username_from_request(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The account an attempt is for, however it reached us.

    axes' backend passes the name under the user model's USERNAME_FIELD ("email");
    the login form posts it as "username". Missing either would let a lock-out
    be skipped, so both are read.
    """
    given = credentials or {}
    value = given.get("username") or given.get("email") or request.POST.get("username") or ""
    return normalize_email(str(value))


LOCKED_OUT_MESSAGE = _(
    "Too many attempts to sign in. For your safety, please wait 15 minutes and try again."
)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    message = str(LOCKED_OUT_MESSAGE)
    if request.path.startswith("/api/"):
        return JsonResponse({"error": {"code": "locked_out", "message": message}}, status=429)
    html = render_to_string(
        "web/error.html", {"title": _("Please wait"), "message": message}, request=request
    )
    return HttpResponse(html, status=429)


def clear_failures(request: HttpRequest, email: str) -> None:
    """Forget earlier misses after a right password that is not a full log-in.

    A log-in clears them through Django's user_logged_in signal; issuing an API
    token or confirming a password sends no such signal.
    """
    ip_address = getattr(request, "axes_ip_address", None)
    if ip_address:
        AxesProxyHandler.reset_attempts(username=normalize_email(email), ip_address=ip_address)
