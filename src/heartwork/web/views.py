"""Pages that belong to no domain: home, health, and the error pages."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from heartwork.accounts.models import User
from heartwork.checkin import selectors as checkin
from heartwork.core.errors import code_for
from heartwork.journal.selectors import entries_of
from heartwork.program.selectors import situation_of
from heartwork.rituals import selectors as rituals
from heartwork.safety.gate import reconnection_block
from heartwork.space import selectors as space
from heartwork.trust import selectors as trust


@never_cache  # the dashboard lists recent entries: keep them out of the browser cache
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "web/welcome.html")
    recent = list(entries_of(request.user)[:3])
    # A card invites the safety check, or points to the safety page when coaching is off.
    block = reconnection_block(request.user) if isinstance(request.user, User) else None
    # Someone new starts with where things stand; after that, the plan is one tap away.
    started = isinstance(request.user, User) and situation_of(request.user) is not None
    context: dict[str, object] = {"recent": recent, "safety_block": block, "started": started}
    if isinstance(request.user, User):
        context |= _tracker_cards(request.user)
    return render(request, "web/home.html", context)


def _tracker_cards(user: User) -> dict[str, object]:
    """The trackers at a glance: days since contact and urges, the check-in streak, the
    trust balance and ratio, rituals (each app's own card, heartwork.<app>.selectors)."""
    return {
        "space_card": space.summary_card(user),
        "checkin_card": checkin.summary_card(user),
        "trust_card": trust.summary_card(user),
        "rituals_card": rituals.summary_card(user),
    }


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "error"}, status=503)
    return JsonResponse({"status": "ok"})


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"error": {"code": code_for(status), "message": message}}, status=status
        )
    return render(request, "web/error.html", {"title": title, "message": message}, status=status)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, _("Not found"), _("There is nothing at this address."))


def server_error(request: HttpRequest) -> HttpResponse:
    title = _("Something went wrong")
    message = _(
        "Something went wrong on our side. What you saved earlier is safe. If you were "
        "saving something just now, go back and try again: it may not have been saved."
    )
    if request.path.startswith("/api/"):
        return JsonResponse({"error": {"code": "server_error", "message": message}}, status=500)
    # Rendered without the request: the error may be that the database is down, and
    # the session, the user and the messages in the page context all read from it.
    html = render_to_string("web/error.html", {"title": title, "message": message})
    return HttpResponse(html, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(
        request,
        403,
        _("Please try again"),
        _("This form was open too long or came from elsewhere. Go back, reload and send it again."),
    )
