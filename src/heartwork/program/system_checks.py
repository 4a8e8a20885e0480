"""A system check that refuses to start with broken content (docs/program.md).

The content is loaded once per process (``content.program``); checking it here means
``runserver``, ``migrate`` and ``heartwork serve`` stop with the file, line and reason
instead of answering 500 on the first program page.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register

from heartwork.program.content import ContentInvalid, program


@register()
def content_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    try:
        program()
    except ContentInvalid as exc:
        return [Error(str(error), id="heartwork.E020") for error in exc.errors]
    except FileNotFoundError as exc:
        return [Error(str(exc), id="heartwork.E020")]
    return []
