"""The safety lock: the one place that decides whether coaching towards a partner may run.

Every reconnection feature (message coaching, reach-out steps, conversation and
closeness exercises, partner invitations) asks ``reconnection_block`` before it runs,
on the web, in the API and in the CLI. Views say they are such a feature with
``reconnection_view`` / ``reconnection_api``, which also lets the gating test find
every one of them (tests/safety/test_gating_routes.py).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, Literal, TypeVar

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from heartwork.accounts.models import User
from heartwork.core.errors import ApiError
from heartwork.partners.models import Partner
from heartwork.partners.selectors import current_partner
from heartwork.safety import standing as rules
from heartwork.safety.selectors import standing_of

BlockCode = Literal["safety_lock", "safety_check_required"]
# Screens asked again every RECHECK_AFTER; the device screen is asked once.
RECHECKED_USER_SCREENS = ("mood",)
FIRST_TIME_ONLY = ("device",)

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Block:
    code: BlockCode
    message: str
    level: str
    # Screens to answer before coaching can run; empty for a lock.
    screens: tuple[str, ...] = ()


def _lock_message(level: str) -> str:
    if level == "crisis":
        return _(
            "Coaching is paused while things are this hard. Please talk to someone now: "
            "the help page lists people you can call or text, any time."
        )
    return _(
        "Help with contacting this person is switched off, because of what you told us about "
        "safety or a boundary between you. It will not switch back on with a tap. The safety "
        "page has support and next steps for you."
    )


def reconnection_block(user: User, partner: Partner | None = None) -> Block | None:
    """Why coaching towards ``partner`` (default: the current one) may not run; None if it may."""
    partner = partner if partner is not None else current_partner(user)
    own = standing_of(user)
    pair = standing_of(user, partner) if partner is not None else rules.Standing()
    level = rules.highest((own.level, pair.level))
    if rules.at_least(level, "red"):
        return Block("safety_lock", _lock_message(level), level)
    now = timezone.now()
    screens = (
        tuple(screen for screen in FIRST_TIME_ONLY if screen not in own.marks)
        + rules.due(own, RECHECKED_USER_SCREENS, now)
        + rules.due(pair, rules.PARTNER_SCREENS, now)
        # A signal found before a partner was named waits on the user's own standing.
        + tuple(screen for screen in rules.PARTNER_SCREENS if screen in own.floors)
    )
    if partner is not None and not screens and rules.quick_due(pair, now):
        message = _(
            "Before the coach helps with a message: two quick questions about anything that "
            "has changed since you last answered."
        )
        return Block("safety_check_required", message, level, (rules.QUICK,))
    if partner is None or screens:
        message = _(
            "Before the coach helps with a message, please answer the short safety check "
            "(about two minutes). It keeps this app from helping where it could hurt."
        )
        return Block("safety_check_required", message, level, tuple(dict.fromkeys(screens)))
    return None


def require_reconnection(user: User, partner: Partner | None = None) -> None:
    """For the API: a 403 with the block's code when coaching may not run."""
    block = reconnection_block(user, partner)
    if block is not None:
        raise ApiError(403, block.code, block.message)


def reconnection_view(view: F) -> F:
    """Mark a web view as a reconnection feature and send blocked users to the safety path.

    Use it inside ``login_required``: it needs a logged-in user.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if isinstance(user, User):
            block = reconnection_block(user)
            if block is not None:
                target = "safety:path" if block.code == "safety_lock" else "safety:check"
                if request.headers.get("HX-Request") == "true":
                    # htmx would swap the whole page into a panel: redirect the page.
                    return HttpResponse(status=204, headers={"HX-Redirect": reverse(target)})
                return redirect(target)
        response: HttpResponse = view(request, *args, **kwargs)
        return response

    wrapped.reconnection = True  # type: ignore[attr-defined]
    return wrapped  # type: ignore[return-value]


def reconnection_api(view: F) -> F:
    """Mark an API operation as a reconnection feature and refuse it with 403 when blocked.

    Put it below the router decorator, so ninja registers the checked function.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        user = getattr(request, "auth", None)
        if isinstance(user, User):
            require_reconnection(user)
        return view(request, *args, **kwargs)

    # ninja reads the parameters' types from the signature, resolving string annotations
    # in the function's own module: resolve them there now, not in this one.
    wrapped.__signature__ = inspect.signature(view, eval_str=True)  # type: ignore[attr-defined]
    wrapped.reconnection = True  # type: ignore[attr-defined]
    return wrapped  # type: ignore[return-value]


def is_reconnection(view: Callable[..., Any]) -> bool:
    return bool(getattr(view, "reconnection", False))
