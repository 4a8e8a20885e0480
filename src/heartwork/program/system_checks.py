"""A system check that refuses to start with broken content (docs/program.md).

The content is loaded once per process (``content.program``); checking it here means
``runserver``, ``migrate`` and ``heartwork serve`` stop with the file, line and reason
instead of answering 500 on the first program page.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register

from heartwork import languages
from heartwork.program.content import ContentInvalid, program


@register()
def content_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    try:
        # The English: a translation file that is not right shows in English until it is,
        # and `heartwork content check` (run in CI) names it.
        program(languages.DEFAULT)
    except ContentInvalid as exc:
        return [Error(str(error), id="heartwork.E020") for error in exc.errors]
    except FileNotFoundError as exc:
        return [Error(str(exc), id="heartwork.E020")]
    return []
