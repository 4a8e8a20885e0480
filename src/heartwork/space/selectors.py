"""Reads of the space tracker. Every function takes the acting user.

``history`` gathers what the summary, the page and both charts need in four queries,
whatever the number of rows: the cool-down, and the times of slips, urges (with their
strength) and social-media checks, counted per local day in one pass. The arithmetic on top
is the pure heartwork.space.progress.

The summary (the home page's card and GET /api/v1/space/summary) counts urges and looks over
the last two weeks only, so it reads only those rows (``recent_days``), and the
days-since-contact chart reads none: with years of daily urges both cost the same as with a
week. Slips and the cool-down are always read in full: the runs need every contact day, and
slips are few.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils import timezone

from heartwork.accounts.models import User
from heartwork.accounts.selectors import zone_of
from heartwork.core.timezones import local_day
from heartwork.space import progress
from heartwork.space.models import Letter, Plan, Slip, SocialCheck, Urge
from heartwork.space.progress import CoolDownState, DayPoint, PlanDates, Runs

# The summary's urges and looks: this week and the one before.
SUMMARY_DAYS = 2 * progress.WEEK


@dataclass(frozen=True)
class History:
    today: date
    zone: ZoneInfo
    plan: Plan | None
    # The local day of every slip, oldest first (one per slip: two slips, two entries).
    slip_days: tuple[date, ...]
    # Per local day: (number of urges, sum of their strengths). Complete from
    # ``counted_from`` on (every day when it is None); earlier days may be missing.
    urges: dict[date, tuple[int, int]]
    social_checks: dict[date, int]
    counted_from: date | None = None

    @property
    def plan_dates(self) -> PlanDates | None:
        if self.plan is None:
            return None
        return PlanDates(self.plan.started_on, self.plan.planned_days, self.plan.last_contact_on)

    @property
    def contacts(self) -> tuple[date, ...]:
        last = self.plan.last_contact_on if self.plan else None
        return progress.contact_days(last, self.slip_days, self.today)

    @property
    def runs(self) -> Runs:
        started = self.plan.started_on if self.plan else None
        return progress.runs(self.contacts, self.today, started)

    @property
    def cool_down(self) -> CoolDownState | None:
        dates = self.plan_dates
        return None if dates is None else progress.cool_down(dates, self.today)

    @property
    def slips_total(self) -> int:
        return len(self.slip_days)

    @property
    def urge_counts(self) -> dict[date, int]:
        return {day: count for day, (count, _) in self.urges.items()}

    def urges_in_week(self, back: int = 0) -> int:
        return progress.in_window(self.urge_counts, self.today, back=back)

    def checks_in_week(self, back: int = 0) -> int:
        return progress.in_window(self.social_checks, self.today, back=back)

    @property
    def strength_last_week(self) -> float | None:
        """The mean strength of the urges of the last seven days; None if there were none."""
        first = self.today.toordinal() - progress.WEEK + 1
        picked = [
            pair
            for day, pair in self.urges.items()
            if first <= day.toordinal() <= self.today.toordinal()
        ]
        count = sum(n for n, _ in picked)
        return round(sum(total for _, total in picked) / count, 1) if count else None

    def days_series(self) -> list[DayPoint]:
        started = self.plan.started_on if self.plan else None
        return progress.series(self.contacts, self.today, started)

    def per_day(self) -> list[tuple[date, int, int]]:
        """(day, urges, social-media checks) for each day from the first one noted to today;
        [] when nothing was noted."""
        if self.counted_from is not None:
            # A history read for the summary has only its last days: never chart those as all.
            raise ValueError("per_day needs the whole history (recent_days=None)")
        start = progress.first_day(self.urges, self.social_checks)
        if start is None:
            return []
        start = min(start, self.today)
        urges = dict(progress.zero_filled(self.urge_counts, start, self.today))
        checks = progress.zero_filled(self.social_checks, start, self.today)
        return [(day, urges[day], count) for day, count in checks]


def today_of(user: User, now: datetime | None = None) -> date:
    return local_day(now or timezone.now(), zone_of(user))


def _urges_per_day(
    user: User, zone: ZoneInfo, since: datetime | None
) -> dict[date, tuple[int, int]]:
    # Counted in Python, one pass over two plain columns: on SQLite a per-row date function
    # in the person's zone (TruncDate) costs more than reading the times.
    rows = Urge.objects.filter(user=user)
    if since is not None:
        rows = rows.filter(at__gte=since)
    return progress.per_local_day(rows.values_list("at", "strength"), zone)


def _checks_per_day(user: User, zone: ZoneInfo, since: datetime | None) -> dict[date, int]:
    rows = SocialCheck.objects.filter(user=user)
    if since is not None:
        rows = rows.filter(at__gte=since)
    counted = progress.per_local_day(((at, 0) for at in rows.values_list("at", flat=True)), zone)
    return {day: count for day, (count, _) in counted.items()}


def _start_of(day: date, zone: ZoneInfo) -> datetime:
    """A moment no later than the start of ``day`` where the person lives. A day early:
    where a clock change skips midnight, that day starts later, and no row of it is missed;
    the extra rows only fill a day before the one asked for."""
    return datetime.combine(day - timedelta(days=1), time.min, tzinfo=zone)


def history(user: User, *, now: datetime | None = None, recent_days: int | None = None) -> History:
    """Everything, or with ``recent_days`` the urges and looks of only that many local days
    up to today (0: none; the cool-down and slips always in full)."""
    zone = zone_of(user)
    today = local_day(now or timezone.now(), zone)
    plan = Plan.objects.filter(user=user).first()
    slip_days = tuple(
        local_day(at, zone)
        for at in Slip.objects.filter(user=user).order_by("at").values_list("at", flat=True)
    )
    if recent_days == 0:
        return History(today, zone, plan, slip_days, {}, {}, counted_from=today + timedelta(days=1))
    counted_from = None if recent_days is None else today - timedelta(days=recent_days - 1)
    since = None if counted_from is None else _start_of(counted_from, zone)
    return History(
        today,
        zone,
        plan,
        slip_days,
        _urges_per_day(user, zone, since),
        _checks_per_day(user, zone, since),
        counted_from=counted_from,
    )


# -- single rows and lists -------------------------------------------------------------


def _key(value: uuid.UUID | str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def plan_of(user: User) -> Plan | None:
    return Plan.objects.filter(user=user).first()


def urges_of(user: User) -> QuerySet[Urge]:
    """Newest first; the owner and data key come along, so decrypting costs no queries."""
    return Urge.objects.filter(user=user).select_related("user__data_key").order_by("-at", "-id")


def urge_of(user: User, urge_id: uuid.UUID | str) -> Urge | None:
    key = _key(urge_id)
    return None if key is None else urges_of(user).filter(pk=key).first()


def slips_of(user: User) -> QuerySet[Slip]:
    return Slip.objects.filter(user=user).select_related("user__data_key").order_by("-at", "-id")


def slip_of(user: User, slip_id: uuid.UUID | str) -> Slip | None:
    key = _key(slip_id)
    return None if key is None else slips_of(user).filter(pk=key).first()


def social_checks_of(user: User) -> QuerySet[SocialCheck]:
    return SocialCheck.objects.filter(user=user).order_by("-at", "-id")


def social_check_of(user: User, check_id: uuid.UUID | str) -> SocialCheck | None:
    key = _key(check_id)
    return None if key is None else social_checks_of(user).filter(pk=key).first()


def letters_of(user: User) -> QuerySet[Letter]:
    return (
        Letter.objects.filter(user=user)
        .select_related("user__data_key")
        .order_by("-created_at", "-id")
    )


def letter_of(user: User, letter_id: uuid.UUID | str) -> Letter | None:
    key = _key(letter_id)
    return None if key is None else letters_of(user).filter(pk=key).first()


# -- the summary -----------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """The numbers of the summary card, the page's top and GET /api/v1/space/summary."""

    today: date
    days_since_contact: int | None
    longest_run_days: int
    days_without_contact: int
    slips_total: int
    urges_last_7_days: int
    urges_previous_7_days: int
    urge_strength_last_7_days: float | None
    social_checks_last_7_days: int
    social_checks_previous_7_days: int
    plan: PlanDates | None
    cool_down: CoolDownState | None

    @property
    def urge_trend(self) -> str:
        """ "fewer", "more" or "same" urges than the seven days before."""
        if self.urges_last_7_days < self.urges_previous_7_days:
            return "fewer"
        if self.urges_last_7_days > self.urges_previous_7_days:
            return "more"
        return "same"

    @property
    def started(self) -> bool:
        """Whether there is anything to show: a cool-down, or anything logged."""
        return self.days_since_contact is not None or bool(
            self.urges_last_7_days or self.urges_previous_7_days or self.social_checks_last_7_days
        )


def summary_of(found: History) -> Summary:
    runs = found.runs
    return Summary(
        today=found.today,
        days_since_contact=runs.days_since_contact,
        longest_run_days=runs.longest_run_days,
        days_without_contact=runs.days_without_contact,
        slips_total=found.slips_total,
        urges_last_7_days=found.urges_in_week(),
        urges_previous_7_days=found.urges_in_week(back=progress.WEEK),
        urge_strength_last_7_days=found.strength_last_week,
        social_checks_last_7_days=found.checks_in_week(),
        social_checks_previous_7_days=found.checks_in_week(back=progress.WEEK),
        plan=found.plan_dates,
        cool_down=found.cool_down,
    )


def summary_card(user: User, *, now: datetime | None = None) -> Summary:
    """The context of the summary card partial (space/card.html, as ``space_card``), and
    GET /api/v1/space/summary: reads only the last two weeks of urges and looks."""
    return summary_of(history(user, now=now, recent_days=SUMMARY_DAYS))
