"""Every write of the daily check-in: one per local day, a second save that day edits it.

The answers are checked by heartwork.checkin.rules (CheckinError names the answer at
fault), stored encrypted, and the one-line note goes to the safety net like every other
text a person writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from heartwork.accounts.models import User
from heartwork.accounts.selectors import zone_of
from heartwork.checkin.models import CheckIn
from heartwork.checkin.rules import Answers, CheckinError, check_day, clean
from heartwork.core.timezones import local_day
from heartwork.partners.selectors import current_partner
from heartwork.safety.services import record_text

__all__ = ["CheckinError", "Saved", "delete_checkin", "save_checkin", "update_checkin"]


@dataclass(frozen=True)
class Saved:
    checkin: CheckIn
    # False when the day already had a check-in and this save changed it.
    created: bool


def _scan(user: User, answers: Answers, now: datetime) -> None:
    if answers.note:
        record_text(user=user, text=answers.note, partner=current_partner(user), now=now)


def _store(checkin: CheckIn, answers: Answers, now: datetime) -> None:
    checkin.set_answers(answers)
    checkin.updated_at = now
    checkin.save(update_fields=["data", "updated_at"])


@sensitive_variables("values", "answers")
def save_checkin(
    *,
    user: User,
    values: Mapping[str, Any],
    day: date | None = None,
    now: datetime | None = None,
) -> Saved:
    """Save the check-in of ``day`` (today, in the person's time zone, by default).

    A day that already has one gets its answers replaced: one check-in per day.
    """
    now = now or timezone.now()
    today = local_day(now, zone_of(user))
    day = check_day(day or today, today)
    answers = clean(values)
    existing = CheckIn.objects.filter(user=user, day=day).select_related("user__data_key").first()
    created = existing is None
    if existing is None:
        checkin = CheckIn(user=user, day=day, created_at=now, updated_at=now)
        checkin.set_answers(answers)
        try:
            with transaction.atomic():
                checkin.save(force_insert=True)
        except IntegrityError:
            # Saved twice at the same moment (two tabs): the second one edits the first.
            checkin = CheckIn.objects.select_related("user__data_key").get(user=user, day=day)
            _store(checkin, answers, now)
            created = False
    else:
        checkin = existing
        _store(checkin, answers, now)
    _scan(user, answers, now)
    return Saved(checkin=checkin, created=created)


@sensitive_variables("changes", "merged", "answers")
def update_checkin(
    *, checkin: CheckIn, changes: Mapping[str, Any], now: datetime | None = None
) -> CheckIn:
    """Change the answers given in ``changes``; the others stay as they were.

    Changing ``moved`` without giving ``movement_minutes`` clears the minutes, so a "no"
    never keeps minutes from an earlier "yes".
    """
    if not changes:
        return checkin
    merged = {**checkin.answers.as_dict(), **changes}
    if "moved" in changes and "movement_minutes" not in changes:
        merged["movement_minutes"] = None
    answers = clean(merged)
    before = checkin.answers.note
    now = now or timezone.now()
    _store(checkin, answers, now)
    if answers.note != before:
        _scan(checkin.user, answers, now)
    return checkin


def delete_checkin(*, checkin: CheckIn) -> None:
    checkin.delete()
