"""The JSON API: one NinjaAPI, each app's router, and one error shape for everything.

Every error is ``{"error": {"code": "...", "message": "..."}}`` with a 4xx
status; validation errors add ``"field"`` naming the input at fault.
"""

import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from heartwork import __version__
from heartwork.accounts.api import router as auth_router
from heartwork.core.errors import ApiError, code_for
from heartwork.core.middleware import too_large_response
from heartwork.drafts.api import router as coach_router
from heartwork.journal.api import router as journal_router
from heartwork.partners.api import router as partners_router
from heartwork.program.api import router as program_router
from heartwork.safety.api import router as safety_router

logger = logging.getLogger("heartwork.api")

api = NinjaAPI(
    title="Heartwork API",
    version=__version__,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,
)
api.add_router("/v1/auth", auth_router)
api.add_router("/v1/account", "heartwork.privacy.api.router")
api.add_router("/v1/journal", journal_router)
api.add_router("/v1/coach", coach_router)
api.add_router("/v1/safety", safety_router)
api.add_router("/v1/partners", partners_router)
api.add_router("/v1/program", program_router)
api.add_router("/v1/wellbeing", "heartwork.wellbeing.api.router")
api.add_router("/v1/checkin", "heartwork.checkin.api.router")
api.add_router("/v1/space", "heartwork.space.api.router")
api.add_router("/v1/trust", "heartwork.trust.api.router")
api.add_router("/v1/rituals", "heartwork.rituals.api.router")
api.add_router("/v1/reminders", "heartwork.reminders.api.router")
api.add_router("/v1/partner", "heartwork.couples.api.router")
api.add_router("/v1/agreements", "heartwork.agreements.api.router")
api.add_router("/v1/charts", "heartwork.charts_api.router")
api.add_router("/v1/onboarding", "heartwork.program.onboarding_api.router")


def error_response(
    request: HttpRequest, status: int, code: str, message: str, field: str | None = None
) -> HttpResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    if field:
        body["field"] = field
    return api.create_response(request, {"error": body}, status=status)


def _field_name(location: tuple[Any, ...] | list[Any]) -> str | None:
    """The input at fault; None for the request body as a whole (or when ninja names none)."""
    # ninja reports ("body", "payload", "title"); people want "title".
    parts = [str(part) for part in location]
    if parts[:1] == ["body"] and len(parts) <= 2:
        return None
    if parts[:2] == ["body", "payload"]:
        parts = parts[2:]
    elif parts and parts[0] in {"body", "query", "path"}:
        parts = parts[1:]
    return ".".join(parts) or None


@api.exception_handler(ValidationError)
def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    field = _field_name(first.get("loc", ()))
    if field is None:
        # Missing, or not a JSON object ([], "text", 5, null). Naming a field here
        # would say "body", which clients read as the journal entry's body field.
        return error_response(
            request, 400, "bad_request", _("The request body must be a JSON object.")
        )
    kind = first.get("type", "")
    if kind == "extra_forbidden":
        message = f"{field}: " + _("this field is not allowed")
    elif kind == "missing":
        message = f"{field}: " + _("this field is required")
    else:
        message = f"{field}: {first.get('msg', 'invalid value')}"
    return error_response(request, 422, "invalid", message, field)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return error_response(request, exc.status, exc.code, exc.message, exc.field)


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(
        request, 401, "unauthorized", _("Log in first: send a valid bearer token.")
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(request, exc.status_code, code_for(exc.status_code), str(exc))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, "not_found", _("Nothing here."))


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return too_large_response(request)


@api.exception_handler(MultiPartParserError)
def _unreadable_form(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    # Says it is a form but cannot be read as one (a multipart body without a boundary).
    # Django answers these 400 on its own; without this the catch-all below made them 500.
    return error_response(request, 400, "bad_request", _("The request body could not be read."))


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    # The traceback goes to the log, never the client; it holds no locals.
    logger.error("unhandled API error", exc_info=(type(exc), exc, exc.__traceback__))
    return error_response(request, 500, "server_error", _("Something went wrong on our side."))
