"""System checks that stop start-up when encryption could not work."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured

from heartwork.core.keys import keyring


@register()
def master_key_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    try:
        keyring()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="heartwork.E001")]
    return []
