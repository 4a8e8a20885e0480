"""Every write of the well-being checks: a take, checked, scored and stored encrypted.

The checks have no free text (every answer is a number from 1 to 5), so nothing here goes
to the safety scanner, and a score never changes a safety level: these are reflective
questions, not a screen (docs/wellbeing.md). A low "How I am doing" score only brings the
help lines into view on the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from heartwork.accounts.models import User
from heartwork.wellbeing.models import Take
from heartwork.wellbeing.questions import AnswerError, clean_answers, load_checks, score

__all__ = ["AnswerError", "UnknownCheck", "record_take"]


class UnknownCheck(LookupError):
    """No check has this id."""


@sensitive_variables("answers", "clean")
def record_take(
    *, user: User, check_id: str, answers: Mapping[str, Any], now: datetime | None = None
) -> Take:
    """Check and score one set of answers and store it as a new take. AnswerError names
    the question at fault; UnknownCheck means there is no such check."""
    checks = load_checks()
    check = checks.get(check_id)
    if check is None:
        raise UnknownCheck(check_id)
    clean = clean_answers(check, answers, checks.scale)
    take = Take(user=user, check_id=check.id, created_at=now or timezone.now())
    take.set_payload(answers=clean, score=score(clean, checks.scale))
    take.save(force_insert=True)
    return take
