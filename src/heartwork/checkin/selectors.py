"""Reads of the daily check-in. Every function takes the acting user.

A page reads everything it shows with one query over the person's check-ins
(``overview``): the streaks need only the days, the chart and the recent list the
answers, decrypted once per row in memory and never kept. The summary (API and home-page
card) reads the days and the last seven check-ins. Neither grows with the history in
queries, and years of daily rows are decrypted without building a model per row
(heartwork.checkin.models.decrypted).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from heartwork.accounts.models import User
from heartwork.accounts.selectors import zone_of
from heartwork.checkin.models import CheckIn, decrypted
from heartwork.checkin.rules import Answers, mean
from heartwork.checkin.streaks import Streaks, streaks
from heartwork.core.timezones import local_day

RECENT = 14
WEEK = 7


@dataclass(frozen=True)
class Day:
    """One day's check-in as shown: the day and its answers."""

    day: date
    answers: Answers


@dataclass(frozen=True)
class DayPoint:
    day: date
    mood: int
    sleep_hours: float | None


@dataclass(frozen=True)
class Overview:
    today: date
    # Today's answers, if there is a check-in today: the form edits them.
    today_answers: Answers | None
    # Newest first, at most RECENT, none after today.
    recent: tuple[Day, ...]
    streaks: Streaks
    # Oldest first: every check-in's mood and sleep, for the chart.
    points: tuple[DayPoint, ...]


@dataclass(frozen=True)
class Summary:
    today: date
    checked_in_today: bool
    current_streak: int
    best_streak: int
    # Missed days forgiven inside the current run.
    forgiven_days: int
    days_checked_in: int
    last_checkin: date | None
    mood_average_7_days: float | None
    sleep_average_7_days: float | None


def today_of(user: User, now: datetime | None = None) -> date:
    """The person's own calendar day now."""
    return local_day(now or timezone.now(), zone_of(user))


def checkins_of(user: User) -> QuerySet[CheckIn]:
    """Newest first; the owner and data key come along, so decrypting costs no queries."""
    return CheckIn.objects.filter(user=user).select_related("user__data_key").order_by("-day")


def checkin_on(user: User, day: date) -> CheckIn | None:
    return checkins_of(user).filter(day=day).first()


def checkin_days(user: User) -> list[date]:
    """Every day with a check-in, oldest first; nothing is decrypted."""
    return list(CheckIn.objects.filter(user=user).order_by("day").values_list("day", flat=True))


def days_of(user: User, *, since: date | None = None) -> list[Day]:
    """Check-ins (from ``since`` on, when given), newest first, decrypted in one pass."""
    # The request's user is a lazy proxy without its data key; read the owner once.
    owner = User.objects.select_related("data_key").get(pk=user.pk)
    rows = CheckIn.objects.filter(user=owner)
    if since is not None:
        rows = rows.filter(day__gte=since)
    stored = rows.order_by("-day").values_list("id", "day", "data")
    return [Day(day, answers) for day, answers in decrypted(owner, stored)]


def _points(days: list[Day]) -> tuple[DayPoint, ...]:
    return tuple(
        DayPoint(day=one.day, mood=one.answers.mood, sleep_hours=one.answers.sleep_hours)
        for one in reversed(days)
    )


def streaks_of(user: User, now: datetime | None = None) -> Streaks:
    return streaks(checkin_days(user), today_of(user, now))


def overview(user: User, now: datetime | None = None) -> Overview:
    """What the /checkin/ page shows."""
    today = today_of(user, now)
    days = days_of(user)
    return Overview(
        today=today,
        today_answers=next((one.answers for one in days if one.day == today), None),
        recent=tuple(one for one in days if one.day <= today)[:RECENT],
        streaks=streaks([one.day for one in days], today),
        points=_points(days),
    )


def points_of(user: User) -> tuple[DayPoint, ...]:
    """Every check-in's mood and sleep, oldest first (for /api/v1/charts/mood.svg)."""
    return _points(days_of(user))


def summary(user: User, now: datetime | None = None) -> Summary:
    """Streaks and the last seven days in numbers (the API summary and the home card)."""
    today = today_of(user, now)
    days = checkin_days(user)
    found = streaks(days, today)
    since = today - timedelta(days=WEEK - 1)
    week = [one.answers for one in days_of(user, since=since) if one.day <= today]
    sleep = [answers.sleep_hours for answers in week if answers.sleep_hours is not None]
    past = [day for day in days if day <= today]
    return Summary(
        today=today,
        checked_in_today=today in past[-1:],
        current_streak=found.current_days,
        best_streak=found.best_days,
        forgiven_days=found.current.forgiven if found.current else 0,
        days_checked_in=len(past),
        last_checkin=past[-1] if past else None,
        mood_average_7_days=mean([float(answers.mood) for answers in week]),
        sleep_average_7_days=mean(sleep),
    )


def summary_card(user: User, now: datetime | None = None) -> Summary:
    """The context of the home page's small card (checkin/card.html)."""
    return summary(user, now)
