"""Request-level guards that apply before any view runs."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heartwork.core.errors import code_for


def too_large_response(request: HttpRequest) -> HttpResponse:
    limit_kb = settings.MAX_REQUEST_BYTES // 1024
    message = _("The request is too large. The limit is %(limit)s KB.") % {"limit": limit_kb}
    if request.path.startswith("/api/"):
        return JsonResponse({"error": {"code": "too_large", "message": message}}, status=413)
    html = render_to_string("web/error.html", {"title": _("Too large"), "message": message})
    return HttpResponse(html, status=413)


class RequestSizeLimitMiddleware:
    """Refuse bodies over the limit up front, with 413 rather than Django's generic 400.

    Bodies without a Content-Length (chunked) are still capped by
    DATA_UPLOAD_MAX_MEMORY_SIZE when a view reads them.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return too_large_response(request)
        return self.get_response(request)


class ApiJsonErrorsMiddleware:
    """Under /api/, every error is JSON, including Django's own 404, 405 and CSRF pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            code = code_for(response.status_code)
            message = str(_API_MESSAGES.get(response.status_code, _("The request failed.")))
            replacement = JsonResponse(
                {"error": {"code": code, "message": message}}, status=response.status_code
            )
            if response.has_header("Allow"):
                replacement["Allow"] = response["Allow"]
            return replacement
        return response


_API_MESSAGES = {
    400: gettext_lazy("The request could not be read."),
    403: gettext_lazy("This request was refused."),
    404: gettext_lazy("Nothing here."),
    405: gettext_lazy("This method is not allowed here."),
    500: gettext_lazy("Something went wrong on our side."),
}


class UserTimeZoneMiddleware:
    """Show times in the person's own time zone (accounts.selectors.zone_of) for the request.

    Stored times stay UTC; only what templates and forms display changes. Runs after
    authentication; an API request authenticated by token activates it in its view.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from heartwork.accounts.models import User
        from heartwork.accounts.selectors import zone_of

        user = getattr(request, "user", None)
        if isinstance(user, User):
            timezone.activate(zone_of(user))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
