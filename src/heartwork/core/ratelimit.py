"""Fixed-window rate limits on the doors people knock on: log-in, sign-up, tokens, the coach.

Each limit ("scope") allows a number of requests per window, per client: the address
the request came from, or the logged-in account. Over the limit, the API answers 429
``{"error": {"code": "rate_limited", ...}}`` and pages answer a 429 page, both with
``Retry-After`` (docs/security.md).

The counters live in the database (core.RateCounter), not in Django's cache: the
cache is per process, and two web processes must share one count or each would
allow the full limit. ``UPDATE ... SET count = count + 1`` is atomic on SQLite and
PostgreSQL, where a cache's get-then-set is not. A counter's key is a keyed hash,
so the table never holds an address or an account id.

The coach is the exception (MEMORY_SCOPES): its limit guards the CPU, not a password,
and analysing promises to write nothing to the database, not even when someone typed.
It counts in Django's cache, per process: with two processes, up to twice the limit.

The parsing half of this module imports nothing from Django: settings.py uses it.
"""

from __future__ import annotations

import functools
import ipaddress
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, TypeVar, cast

UNITS = {"s": 1, "m": 60, "h": 60 * 60, "d": 24 * 60 * 60}
_RATE = re.compile(r"^([0-9]+)/([0-9]*)([smhd])$")

# What each scope allows unless a HEARTWORK_RATE_LIMIT_* setting says otherwise.
# login: password attempts from one address (django-axes also locks a name+address pair
# after five misses); signup: new accounts from one address; token: new API tokens;
# coach: analyses per account, generous enough for htmx analysing as someone types.
DEFAULT_RATES = {
    "login": "30/10m",
    "signup": "10/h",
    "token": "20/h",
    "coach": "120/m",
}


# Scopes counted in the process's cache instead of the database (see above).
MEMORY_SCOPES = frozenset({"coach"})


@dataclass(frozen=True)
class Rate:
    limit: int
    seconds: int


def parse_rate(name: str, value: str) -> Rate | None:
    """``30/10m`` is 30 requests per 10 minutes; ``off`` (or ``0``) turns the limit off."""
    text = value.strip().lower()
    if text in {"off", "0"}:
        return None
    match = _RATE.match(text)
    if match is None:
        raise ValueError(
            f"{name} must look like 30/10m (count/window, with s, m, h or d) or off, not {value!r}"
        )
    limit, multiple, unit = int(match[1]), int(match[2] or 1), match[3]
    if limit < 1 or multiple < 1:
        raise ValueError(f"{name} needs a count and a window of at least 1, not {value!r}")
    return Rate(limit=limit, seconds=multiple * UNITS[unit])


# ---------------------------------------------------------------------------
# The Django half: counting, and the decorator views use.

View = TypeVar("View", bound=Callable[..., Any])
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def client_ip(request: Any) -> str:
    """The address the request came from: django-axes uses it too (AXES_CLIENT_IP_CALLABLE).

    REMOTE_ADDR, unless HEARTWORK_TRUSTED_PROXIES says how many reverse proxies stand in
    front: each appends the address it was reached from to X-Forwarded-For, so the client
    is that many entries from the right. Anything further left was written by the client
    and proves nothing. A request with fewer entries did not come through the proxies.
    """
    from django.conf import settings

    remote = str(request.META.get("REMOTE_ADDR") or "")
    proxies: int = settings.TRUSTED_PROXIES
    if proxies:
        header = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
        hops: list[str] = [part.strip() for part in header.split(",") if part.strip()]
        if len(hops) >= proxies and _is_address(hops[-proxies]):
            return hops[-proxies]
    return remote


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def client_address(request: Any) -> str:
    """The address a limit counts against: client_ip, and an IPv6 client by its /64,
    since one home or server is usually given a whole /64 and could otherwise take a
    fresh address for every request."""
    raw = client_ip(request)
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw or "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _acting_id(request: Any) -> str | None:
    # API views see the token's user in request.auth; pages see it in request.user.
    for user in (getattr(request, "auth", None), getattr(request, "user", None)):
        pk = getattr(user, "pk", None)
        if getattr(user, "is_authenticated", False) and pk is not None:
            return str(pk)
    return None


def _counter_key(scope: str, client: str, window: int) -> str:
    from django.utils.crypto import salted_hmac

    value = f"{scope}|{client}|{window}"
    return salted_hmac("heartwork.ratelimit", value, algorithm="sha256").hexdigest()


def _bump(key: str, *, expires_at: datetime, now: datetime) -> int:
    """Add one to the counter ``key`` and return its new value."""
    from django.db import IntegrityError, transaction
    from django.db.models import F

    from heartwork.core.models import RateCounter

    counters = RateCounter.objects
    with transaction.atomic():
        if counters.filter(key=key).update(count=F("count") + 1):
            return counters.filter(key=key).values_list("count", flat=True).get()
        try:
            with transaction.atomic():
                counters.create(key=key, count=1, expires_at=expires_at)
        except IntegrityError:
            # Another process opened this window a moment ago: count on its row.
            counters.filter(key=key).update(count=F("count") + 1)
            return counters.filter(key=key).values_list("count", flat=True).get()
        # A new window is rare enough to sweep the finished ones here, with no job.
        counters.filter(expires_at__lte=now).delete()
        return 1


def _bump_in_memory(key: str, *, seconds: int) -> int:
    from django.core.cache import cache

    cache.add(key, 0, timeout=seconds + 1)
    try:
        return int(cache.incr(key))
    except ValueError:  # the entry expired between add() and incr()
        cache.add(key, 1, timeout=seconds + 1)
        return 1


def hit(scope: str, client: str) -> int:
    """Count one request; return 0 when it is allowed, else the seconds until it would be."""
    from django.conf import settings
    from django.utils import timezone

    rate: Rate | None = settings.RATE_LIMITS.get(scope)
    if rate is None:
        return 0
    now = timezone.now()
    window = int(now.timestamp()) // rate.seconds
    ends = datetime.fromtimestamp((window + 1) * rate.seconds, tz=UTC)
    key = _counter_key(scope, client, window)
    if scope in MEMORY_SCOPES:
        count = _bump_in_memory(f"heartwork.ratelimit.{key}", seconds=rate.seconds)
    else:
        count = _bump(key, expires_at=ends, now=now)
    if count <= rate.limit:
        return 0
    return max(1, math.ceil((ends - now) / timedelta(seconds=1)))


def _wait_words(seconds: int) -> str:
    from django.utils.translation import ngettext

    if seconds < 120:
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


def too_many_response(request: Any, wait: int) -> Any:
    """429 with Retry-After: JSON under /api/, our error page everywhere else."""
    from django.http import HttpResponse, JsonResponse
    from django.template.loader import render_to_string
    from django.utils.translation import gettext as _

    message = _("Too many requests in a short time. Please wait %(wait)s, then try again.") % {
        "wait": _wait_words(wait)
    }
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"error": {"code": "rate_limited", "message": message}}, status=429)
    else:
        html = render_to_string(
            "web/error.html", {"title": _("Please slow down"), "message": message}, request=request
        )
        response = HttpResponse(html, status=429)
    response["Retry-After"] = str(wait)
    return response


def rate_limit(
    scope: str, *, per: Literal["ip", "user"] = "ip", methods: frozenset[str] = UNSAFE
) -> Callable[[View], View]:
    """Limit a page or API view: ``per="ip"`` counts by address, ``per="user"`` by account.

    Only ``methods`` count (by default the ones that change something), so showing a
    form is free and sending it is not. A "user" limit reached without a log-in counts
    by address instead. On an API view, put it under the router decorator: ninja has
    authenticated the caller by then.
    """

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def limited(request: Any, *args: Any, **kwargs: Any) -> Any:
            if request.method in methods:
                client = (_acting_id(request) if per == "user" else None) or client_address(request)
                wait = hit(scope, f"{per}:{client}")
                if wait:
                    return too_many_response(request, wait)
            return view(request, *args, **kwargs)

        return cast(View, limited)

    return decorate
