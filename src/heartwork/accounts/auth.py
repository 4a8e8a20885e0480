"""API authentication: a bearer token for clients, the session cookie (with CSRF) for the web."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation
from ninja.security import HttpBearer, SessionAuth

from heartwork import languages
from heartwork.accounts.models import User
from heartwork.accounts.selectors import token_for
from heartwork.accounts.services import touch_token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_for(token)
        if found is None:
            return None
        touch_token(found)
        request.user = found.user
        # Kept so "log out" (DELETE /auth/token) can revoke exactly this token.
        request.api_token = found  # type: ignore[attr-defined]
        # Answer in the person's language (the middleware ran before the token was read).
        translation.activate(languages.pick(found.user.language))
        return found.user


class SessionCookie(SessionAuth):
    """The web client's session cookie, with Django's CSRF check for unsafe methods.

    ninja checks CSRF before it looks for a session, so on its own a POST with a
    missing or bad bearer token (and no session) got 403 "CSRF check failed"
    instead of 401. The check now runs only when a session has logged someone in.
    """

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super().__call__(request)


API_AUTH = [BearerToken(), SessionCookie(csrf=True)]


def acting_user(request: HttpRequest) -> User:
    """The authenticated user of an API call (set by one of API_AUTH)."""
    user = getattr(request, "auth", None)
    if not isinstance(user, User):
        raise PermissionError("API view reached without authentication")
    return user
