"""Reads of the well-being checks: each check's takes, before and now, and when it is due.

Every function takes the acting user, so nobody reads another person's takes. "Before" is
a check's first take and "now" its latest; with a single take they are the same one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max, QuerySet
from django.utils import timezone

from heartwork.accounts.models import User
from heartwork.wellbeing.models import Take
from heartwork.wellbeing.questions import Check, is_due, load_checks, next_due


@dataclass(frozen=True)
class Score:
    at: datetime
    score: int


@dataclass(frozen=True)
class CheckState:
    check: Check
    # Oldest first.
    takes: tuple[Score, ...]
    due: bool
    # None until the first take (the check is due now).
    next_due: datetime | None

    @property
    def before(self) -> Score | None:
        return self.takes[0] if self.takes else None

    @property
    def now(self) -> Score | None:
        return self.takes[-1] if self.takes else None

    @property
    def change(self) -> int | None:
        """Now minus before, in points; None until there are two takes."""
        if len(self.takes) < 2:
            return None
        return self.takes[-1].score - self.takes[0].score


def takes_of(user: User, check_id: str | None = None) -> QuerySet[Take]:
    """Oldest first; the owner and data key come along, so decrypting costs no queries."""
    rows = Take.objects.filter(user=user).select_related("user__data_key")
    if check_id is not None:
        rows = rows.filter(check_id=check_id)
    return rows.order_by("created_at", "id")


def history(user: User, *, now: datetime | None = None) -> list[CheckState]:
    """Every check, in the order of data/checks.toml, with this person's takes."""
    checks = load_checks()
    now = now or timezone.now()
    scores: dict[str, list[Score]] = {check_id: [] for check_id in checks.ids}
    for take in takes_of(user):
        if take.check_id in scores:  # a check since removed from the data keeps its rows
            scores[take.check_id].append(Score(at=take.created_at, score=take.score))
    states = []
    for check in checks.checks:
        takes = tuple(scores[check.id])
        last = takes[-1].at if takes else None
        states.append(
            CheckState(
                check=check,
                takes=takes,
                due=is_due(last, now, checks.interval),
                next_due=next_due(last, checks.interval),
            )
        )
    return states


def state_of(user: User, check_id: str, *, now: datetime | None = None) -> CheckState | None:
    return next((state for state in history(user, now=now) if state.check.id == check_id), None)


@dataclass(frozen=True)
class Due:
    check: Check
    # False the first time: then the take is the starting point ("before").
    taken_before: bool


def due_checks(user: User, *, now: datetime | None = None) -> list[Due]:
    """The checks due now, in the order of data/checks.toml: never taken, or last taken an
    interval ago. One query on the dates kept in the clear: nothing is decrypted, so the
    plan and the program map can ask on every visit."""
    checks = load_checks()
    now = now or timezone.now()
    last = dict(
        Take.objects.filter(user=user)
        .order_by()
        .values("check_id")
        .annotate(last=Max("created_at"))
        .values_list("check_id", "last")
    )
    return [
        Due(check=check, taken_before=check.id in last)
        for check in checks.checks
        if is_due(last.get(check.id), now, checks.interval)
    ]
