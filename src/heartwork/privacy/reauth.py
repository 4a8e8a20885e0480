"""Re-authentication for export and delete: the password, typed again, checked through
django-axes so that guessing it here counts towards the same lock-out as the log-in page."""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.http import HttpRequest

from heartwork.accounts.lockout import clear_failures
from heartwork.accounts.models import User


class LockedOut(Exception):
    """Too many wrong passwords lately: django-axes refuses to check this one."""


def password_ok(request: HttpRequest, user: User, password: str) -> bool:
    checked = authenticate(request, username=user.email, password=password)
    if getattr(request, "axes_locked_out", False):
        raise LockedOut
    if checked is None or checked.pk != user.pk:
        return False
    clear_failures(request, user.email)
    return True
