"""Where to go once the safety check is done.

Someone who signs up from a partner's join link must answer the safety check first
(SAFETY.md: nothing that reaches a partner before it). The link they came with waits in
their session and is offered when the last screen is answered, so they need not find
the invitation again.
"""

from __future__ import annotations

from django.http import HttpRequest

SESSION_KEY = "heartwork.after_safety_check"


def remember_after_check(request: HttpRequest, url: str) -> None:
    """Keep ``url`` (already checked to be local) for after the check; "" forgets it."""
    if url:
        request.session[SESSION_KEY] = url
    else:
        request.session.pop(SESSION_KEY, None)


def take_after_check(request: HttpRequest) -> str | None:
    """The waiting URL, once: a later visit to the safety pages goes where it always did."""
    url = request.session.pop(SESSION_KEY, None)
    return url if isinstance(url, str) and url.startswith("/") else None
