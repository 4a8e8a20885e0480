"""Log-ins, log-outs and failed log-ins, from Django's auth signals.

A failed log-in is kept as the kind and the time only: the email typed may belong to
nobody, or be someone's mistyped password, so it is never stored or looked up.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from heartwork.audit.services import record


@receiver(user_logged_in, dispatch_uid="heartwork.audit.login")
def _logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    record(kind="login", user_id=user.pk, request=request)


@receiver(user_logged_out, dispatch_uid="heartwork.audit.logout")
def _logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    # user is None when the session had already expired: still worth a line.
    record(kind="logout", user_id=getattr(user, "pk", None), request=request)


@receiver(user_login_failed, dispatch_uid="heartwork.audit.login_failed")
def _login_failed(
    sender: Any, credentials: Any, request: HttpRequest | None = None, **kwargs: Any
) -> None:
    record(kind="login_failed", user_id=None, request=request)
