"""Every write to the safety net happens here: screens answered, free text scanned.

Levels only go up, except when a screen is answered afresh (heartwork.safety.standing).
Rows are locked while they change, so two saves at once cannot lose a raise.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from heartwork.accounts.models import User
from heartwork.accounts.services import set_discreet_mode
from heartwork.partners.models import Partner
from heartwork.safety import standing as rules
from heartwork.safety.models import SafetyStanding, ScreenAnswers
from heartwork.safety.scanner import ScanResult, scan
from heartwork.safety.screens import Outcome, ScreenInputError, evaluate, screen


def _locked_row(user: User, partner: Partner | None) -> SafetyStanding:
    row = (
        SafetyStanding.objects.select_for_update()
        .select_related("user__data_key")
        .filter(user=user, partner=partner)
        .first()
    )
    if row is None:
        row = SafetyStanding(user=user, partner=partner)
        row.standing = rules.Standing()
    return row


def _save(row: SafetyStanding, standing: rules.Standing) -> None:
    row.standing = standing
    row.save()


@sensitive_variables("answers")
def record_screen(
    *,
    user: User,
    screen_id: str,
    answers: Mapping[str, object],
    partner: Partner | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Store one completed screen and set its level. ScreenInputError for bad answers."""
    now = now or timezone.now()
    found = screen(screen_id)
    outcome = evaluate(found, answers)
    if found.scope == "partner" and partner is None:
        raise ScreenInputError("partner_id", "this screen is about one partner: say which")
    target = partner if found.scope == "partner" else None
    with transaction.atomic():
        row = _locked_row(user, target)
        standing = row.standing
        if found.id == rules.QUICK:
            # The quick check only notes when it was asked; what it finds raises the full
            # screen it belongs to, until that screen is answered afresh.
            for reask, level, code in outcome.reask:
                standing = rules.after_scan(
                    standing, screen=reask, level=level, codes=[code], now=now
                )
            standing = rules.after_screen(
                standing, screen=found.id, level="green", codes=[], now=now
            )
        else:
            standing = rules.after_screen(
                standing, screen=found.id, level=outcome.level, codes=outcome.codes, now=now
            )
        _save(row, standing)
        if target is not None:
            # A signal found in free text before any partner was named waits on the
            # user's own standing; answering the screen for the partner settles it.
            own = _locked_row(user, None)
            if own.pk is not None and found.id in own.standing.floors:
                _save(own, rules.clear_floor(own.standing, found.id))
        answers_row = ScreenAnswers(user=user, partner=target, screen=found.id, created_at=now)
        answers_row.result = json.dumps(
            {"answers": dict(answers), "level": outcome.level, "codes": list(outcome.codes)}
        )
        answers_row.save(force_insert=True)
    if outcome.discreet and not user.discreet_mode:
        set_discreet_mode(user=user, on=True)
    return outcome


@sensitive_variables("text")
def record_text(
    *, user: User, text: str, partner: Partner | None = None, now: datetime | None = None
) -> ScanResult:
    """Scan a text the user saved, and raise levels with what it finds. Never lowers.

    Signals about the user go on the user's own standing; signals about a relationship
    go on the pair's, or on the user's own when no partner is named yet.
    """
    result = scan(text)
    if result.level == "green":
        return result
    now = now or timezone.now()
    with transaction.atomic():
        for screen_id in rules.screens_for_signals(result.codes) or (rules.DEFAULT_SIGNAL_SCREEN,):
            target = partner if screen_id in rules.PARTNER_SCREENS else None
            row = _locked_row(user, target)
            codes = [c for c in result.codes if rules.screens_for_signals([c]) == (screen_id,)]
            _save(
                row,
                rules.after_scan(
                    row.standing, screen=screen_id, level=result.level, codes=codes, now=now
                ),
            )
    return result


def record_boundary(
    *,
    user: User,
    partner: Partner | None,
    code: str,
    level: str = "red",
    now: datetime | None = None,
) -> None:
    """Raise levels with a boundary the user told us about in a structured answer.

    For answers outside the safety check that say the same as one of its items (a program
    exercise: "they blocked me"): it works like a signal found in free text, so it only
    raises, and only answering that screen afresh clears it (heartwork.safety.standing).
    """
    now = now or timezone.now()
    screen_id = rules.screens_for_signals([code])[0]
    target = partner if screen_id in rules.PARTNER_SCREENS else None
    with transaction.atomic():
        row = _locked_row(user, target)
        _save(
            row,
            rules.after_scan(row.standing, screen=screen_id, level=level, codes=[code], now=now),
        )
