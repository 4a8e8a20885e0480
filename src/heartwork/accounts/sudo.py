"""Sudo mode: dangerous actions need a password typed in the last few minutes.

Someone who finds a phone unlocked with Heartwork open should not be able to
export, delete or hand out access without knowing the password.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

SUDO_SECONDS = 10 * 60
_SESSION_KEY = "heartwork_sudo_until"


def grant(request: HttpRequest) -> None:
    request.session[_SESSION_KEY] = time.time() + SUDO_SECONDS


def is_active(request: HttpRequest) -> bool:
    until = request.session.get(_SESSION_KEY)
    return isinstance(until, int | float) and until > time.time()


def sudo_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send the user to confirm their password first, then back to where they were."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_active(request):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('accounts:confirm')}?{query}")
        return view(request, *args, **kwargs)

    return wrapper
