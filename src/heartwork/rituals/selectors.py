"""Reads of rituals and time together. Every function takes the acting user; the counts
are made in the database (one or two queries per page, whatever the history)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.utils import timezone

from heartwork.accounts.models import User
from heartwork.accounts.selectors import zone_of
from heartwork.core.timezones import local_day
from heartwork.rituals import rhythm
from heartwork.rituals.models import Reflection, Ritual, RitualDone, TimeTogether

RECENT_DAYS = 28


def today_for(user: User, now: datetime | None = None) -> date:
    """Today, where the person lives."""
    return local_day(now or timezone.now(), zone_of(user))


def _uuid(value: uuid.UUID | str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def rituals_of(user: User) -> QuerySet[Ritual]:
    """Oldest first, each with the first and last day it was done (``first_done``,
    ``last_done``)."""
    return (
        Ritual.objects.filter(user=user)
        .select_related("user__data_key")
        .annotate(first_done=Min("done__day"), last_done=Max("done__day"))
        .order_by("created_at", "id")
    )


def ritual_of(user: User, ritual_id: uuid.UUID | str) -> Ritual | None:
    key = _uuid(ritual_id)
    return None if key is None else rituals_of(user).filter(pk=key).first()


def done_days(ritual: Ritual) -> QuerySet[RitualDone]:
    return RitualDone.objects.filter(ritual=ritual).order_by("-day")


@dataclass(frozen=True)
class RitualRow:
    ritual: Ritual
    record: rhythm.Record


def ritual_rows(user: User, *, now: datetime | None = None) -> list[RitualRow]:
    """Every ritual with how it held over the last four weeks: two queries."""
    today = today_for(user, now)
    zone = zone_of(user)
    rituals = list(rituals_of(user))
    since = min(rhythm.window_start(cadence, today) for cadence in rhythm.CADENCES)
    recent: dict[uuid.UUID, list[date]] = defaultdict(list)
    rows = RitualDone.objects.filter(user=user, day__gte=since, day__lte=today)
    for ritual_id, day in rows.values_list("ritual_id", "day"):
        recent[ritual_id].append(day)
    found = []
    for ritual in rituals:
        ends = (getattr(ritual, "first_done", None), getattr(ritual, "last_done", None))
        days = [*recent[ritual.id], *(day for day in ends if day is not None)]
        started = local_day(ritual.created_at, zone)
        found.append(RitualRow(ritual, rhythm.record(ritual.cadence, days, today, started)))  # type: ignore[arg-type]
    return found


def time_of(user: User) -> QuerySet[TimeTogether]:
    """Newest day first."""
    return TimeTogether.objects.filter(user=user).select_related("user__data_key")


def time_entry_of(user: User, time_id: uuid.UUID | str) -> TimeTogether | None:
    key = _uuid(time_id)
    return None if key is None else time_of(user).filter(pk=key).first()


@dataclass(frozen=True)
class TimeTotals:
    minutes_this_week: int
    minutes_last_28_days: int
    times_last_28_days: int


def time_totals(user: User, *, now: datetime | None = None) -> TimeTotals:
    """Minutes together this week (from Monday) and over the last 28 days: one query."""
    today = today_for(user, now)
    monday = rhythm.period_start("weekly", today)
    recent = today - timedelta(days=RECENT_DAYS - 1)
    sums = TimeTogether.objects.filter(user=user, day__lte=today).aggregate(
        week=Sum("minutes", filter=Q(day__gte=monday)),
        month=Sum("minutes", filter=Q(day__gte=recent)),
        times=Count("id", filter=Q(day__gte=recent)),
    )
    return TimeTotals(
        minutes_this_week=sums["week"] or 0,
        minutes_last_28_days=sums["month"] or 0,
        times_last_28_days=sums["times"] or 0,
    )


def reflections_of(user: User) -> QuerySet[Reflection]:
    """Newest first."""
    return Reflection.objects.filter(user=user).select_related("user__data_key")


def reflection_of(user: User, reflection_id: uuid.UUID | str) -> Reflection | None:
    key = _uuid(reflection_id)
    return None if key is None else reflections_of(user).filter(pk=key).first()


@dataclass(frozen=True)
class Summary:
    rituals: int
    done_now: int
    minutes_this_week: int
    minutes_last_28_days: int
    reflections: int


def summary(user: User, *, now: datetime | None = None) -> Summary:
    rows = ritual_rows(user, now=now)
    totals = time_totals(user, now=now)
    return Summary(
        rituals=len(rows),
        done_now=sum(1 for row in rows if row.record.done_now),
        minutes_this_week=totals.minutes_this_week,
        minutes_last_28_days=totals.minutes_last_28_days,
        reflections=reflections_of(user).count(),
    )


def summary_card(user: User, *, now: datetime | None = None) -> Summary:
    """What the home page's small card shows (template: rituals/card.html)."""
    return summary(user, now=now)
