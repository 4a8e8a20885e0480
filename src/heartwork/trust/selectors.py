"""Reads of the trust ledger. Every function takes the acting user.

The numbers (balance, ratio, steady weeks, follow-through) are added up in the database,
one query each, whatever the length of the history; the arithmetic on the sums is the
pure heartwork.trust.ledger.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from heartwork.accounts.models import User
from heartwork.accounts.selectors import zone_of
from heartwork.core.timezones import local_day
from heartwork.trust import ledger
from heartwork.trust.models import DEPOSIT, KEPT, NOT_KEPT, OPEN, WITHDRAWAL, Commitment, Entry


def today_for(user: User, now: datetime | None = None) -> date:
    """Today, where the person lives."""
    return local_day(now or timezone.now(), zone_of(user))


def entries_of(user: User) -> QuerySet[Entry]:
    """Newest first; the owner's data key and the commitment come along (no extra queries)."""
    return (
        Entry.objects.filter(user=user)
        .select_related("user__data_key", "commitment__user__data_key")
        .order_by("-day", "-created_at", "-id")
    )


def entry_of(user: User, entry_id: uuid.UUID | str) -> Entry | None:
    try:
        key = uuid.UUID(str(entry_id))
    except ValueError:
        return None
    return entries_of(user).filter(pk=key).first()


def commitments_of(user: User, status: str | None = None) -> QuerySet[Commitment]:
    """Soonest due first."""
    rows = Commitment.objects.filter(user=user).select_related("user__data_key")
    if status is not None:
        rows = rows.filter(status=status)
    return rows.order_by("due", "created_at", "id")


def commitment_of(user: User, commitment_id: uuid.UUID | str) -> Commitment | None:
    try:
        key = uuid.UUID(str(commitment_id))
    except ValueError:
        return None
    return commitments_of(user).filter(pk=key).first()


def day_counts(user: User) -> list[ledger.DayCount]:
    """Deposits and withdrawals per day, oldest first: one grouped query."""
    rows = (
        Entry.objects.filter(user=user)
        .values("day")
        .annotate(
            deposits=Count("id", filter=Q(direction=DEPOSIT)),
            withdrawals=Count("id", filter=Q(direction=WITHDRAWAL)),
        )
        .order_by("day")
    )
    return [ledger.DayCount(row["day"], row["deposits"], row["withdrawals"]) for row in rows]


@dataclass(frozen=True)
class FollowThrough:
    kept: int
    not_kept: int
    open: int

    @property
    def rate(self) -> float | None:
        return ledger.follow_through(self.kept, self.not_kept)


def follow_through(user: User) -> FollowThrough:
    counts = Commitment.objects.filter(user=user).aggregate(
        kept=Count("id", filter=Q(status=KEPT)),
        not_kept=Count("id", filter=Q(status=NOT_KEPT)),
        open=Count("id", filter=Q(status=OPEN)),
    )
    return FollowThrough(kept=counts["kept"], not_kept=counts["not_kept"], open=counts["open"])


@dataclass(frozen=True)
class Overview:
    today: date
    tally: ledger.Tally
    follow: FollowThrough
    weeks: list[ledger.WeekPoint]
    consistency: ledger.Consistency

    @property
    def is_empty(self) -> bool:
        return self.tally.deposits == 0 and self.tally.withdrawals == 0


def overview(user: User, *, now: datetime | None = None) -> Overview:
    """Everything the ledger page and the summary show: two queries in all."""
    counts = day_counts(user)
    today = today_for(user, now)
    return Overview(
        today=today,
        tally=ledger.tally(counts),
        follow=follow_through(user),
        weeks=ledger.weekly(counts),
        consistency=ledger.consistency(counts, today),
    )


@dataclass(frozen=True)
class Summary:
    balance: int
    deposits: int
    withdrawals: int
    ratio: float
    follow_through_rate: float | None


def summary(user: User) -> Summary:
    tally = ledger.tally(day_counts(user))
    return Summary(
        balance=tally.balance,
        deposits=tally.deposits,
        withdrawals=tally.withdrawals,
        ratio=tally.ratio,
        follow_through_rate=follow_through(user).rate,
    )


@dataclass(frozen=True)
class Card:
    """What the home page's small trust card shows (template: trust/card.html)."""

    summary: Summary
    steady: int
    counted: int


def summary_card(user: User, *, now: datetime | None = None) -> Card:
    # The overview's numbers without its weekly points: the card draws no chart.
    counts = day_counts(user)
    tally = ledger.tally(counts)
    consistency = ledger.consistency(counts, today_for(user, now))
    return Card(
        summary=Summary(
            balance=tally.balance,
            deposits=tally.deposits,
            withdrawals=tally.withdrawals,
            ratio=tally.ratio,
            follow_through_rate=follow_through(user).rate,
        ),
        steady=consistency.steady,
        counted=consistency.counted,
    )
