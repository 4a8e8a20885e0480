"""The growth summary: what a person did across Heartwork, as short facts to be proud of.

An exercise marked ``summary: growth`` in the content (``moving_on.growth_summary``,
``dont_go_back.look_back``) shows it on its page and in the API. Each fact is read through
the owning app's public selectors (the program itself, space, check-in, journal, trust,
rituals, well-being), so this module writes nothing and no app is changed for it.

The rules (docs/program.md, "A growth summary"):

- Only what the person did: never anything about the partner's behaviour.
- Only facts with something to say: a count of zero, or a check taken once, is left out,
  so a new person gets an empty summary, never an error or a row of zeros.
- Never shaming: counts of steps taken, not of slips or broken promises; a lower
  well-being score says plainly that it is no failure.
- A fixed number of queries, whatever the length of the history: every count is made in
  the database or from one read of a few plain columns (tests/program/test_growth.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from heartwork.accounts.models import User
from heartwork.checkin import selectors as checkin
from heartwork.journal import selectors as journal
from heartwork.program import selectors as answers
from heartwork.program.content import program
from heartwork.program.models import StageMark
from heartwork.program.schema import ONBOARDING
from heartwork.rituals import selectors as rituals
from heartwork.space import selectors as space
from heartwork.trust import selectors as trust
from heartwork.wellbeing import selectors as wellbeing

MINUTES_PER_HOUR = 60
# Below this, time together reads in minutes ("95 minutes"); from it on, in hours.
HOURS_FROM_MINUTES = 120


@dataclass(frozen=True)
class Item:
    """One fact: a stable id, its number, and a plain sentence to show."""

    id: str
    value: int
    text: str


@dataclass(frozen=True)
class Growth:
    """Every fact with something to say, in a fixed order; empty for someone new."""

    items: tuple[Item, ...]

    def __bool__(self) -> bool:
        return bool(self.items)

    def item(self, item_id: str) -> Item | None:
        return next((found for found in self.items if found.id == item_id), None)


def growth_of(user: User, now: datetime | None = None) -> Growth:
    """What ``user`` did in the app, up to ``now`` (the clock, by default)."""
    now = now or timezone.now()
    found = [
        *_program(user),
        *_space(user, now),
        *_checkin(user, now),
        *_journal(user),
        *_trust(user, now),
        *_rituals(user),
        *_wellbeing(user, now),
    ]
    return Growth(tuple(found))


# -- each app ----------------------------------------------------------------------------


def _program(user: User) -> list[Item]:
    """Exercises answered (each once, however often) and stages done: two queries."""
    content = program()
    pairs = (
        answers.answers_of(user)
        .exclude(stage=ONBOARDING)
        .order_by()
        .values_list("stage", "exercise")
        .distinct()
    )
    exercises = sum(1 for stage_id, ex_id in pairs if content.exercise(stage_id, ex_id))
    done = StageMark.objects.filter(user=user, done_at__isnull=False).count()
    found = []
    if exercises:
        text = ngettext(
            "You worked through one exercise in the program.",
            "You worked through %(count)d exercises in the program.",
            exercises,
        ) % {"count": exercises}
        found.append(Item("program_exercises", exercises, text))
    if done:
        text = ngettext(
            "You finished one stage of the program.",
            "You finished %(count)d stages of the program.",
            done,
        ) % {"count": done}
        found.append(Item("program_stages", done, text))
    return found


def _space(user: User, now: datetime) -> list[Item]:
    """Days without contact (with the longest run) and urges noted: four queries."""
    history = space.history(user, now=now)
    summary = space.summary_of(history)
    days, longest = summary.days_without_contact, summary.longest_run_days
    urges = sum(count for count, _strength in history.urges.values())
    found = []
    if days:
        if 1 < longest < days:
            text = ngettext(
                "You went %(days)d day without contacting them, %(run)d in a row at the longest.",
                "You went %(days)d days without contacting them, %(run)d in a row at the longest.",
                days,
            ) % {"days": days, "run": longest}
        elif longest == days:
            text = ngettext(
                "You went one day without contacting them.",
                "You went %(days)d days in a row without contacting them.",
                days,
            ) % {"days": days}
        else:
            text = ngettext(
                "You went %(days)d day without contacting them.",
                "You went %(days)d days without contacting them.",
                days,
            ) % {"days": days}
        found.append(Item("space_days", days, text))
    if urges:
        text = ngettext(
            "You rode out an urge to get in touch, and wrote it down.",
            "You rode out %(count)d urges to get in touch, and wrote each one down.",
            urges,
        ) % {"count": urges}
        found.append(Item("space_urges", urges, text))
    return found


def _checkin(user: User, now: datetime) -> list[Item]:
    """Days checked in, and the longest run: two queries."""
    today = checkin.today_of(user, now)
    days = sum(1 for day in checkin.checkin_days(user) if day <= today)
    if not days:
        return []
    text = ngettext(
        "You checked in with yourself on one day.",
        "You checked in with yourself on %(count)d days.",
        days,
    ) % {"count": days}
    # A run forgives a missed day now and then (docs/trackers.md), so it is told apart.
    best = checkin.streaks_of(user, now).best_days
    if best > 1:
        text += " " + ngettext(
            "Your longest run was %(days)d day.", "Your longest run was %(days)d days.", best
        ) % {"days": best}
    return [Item("checkin_days", days, text)]


def _journal(user: User) -> list[Item]:
    """Entries written: one query."""
    count = journal.entries_of(user).count()
    if not count:
        return []
    text = ngettext(
        "You wrote in your journal once.",
        "You wrote in your journal %(count)d times.",
        count,
    ) % {"count": count}
    return [Item("journal_entries", count, text)]


def _trust(user: User, now: datetime) -> list[Item]:
    """Deposits, steady weeks lately and promises kept: two queries. Withdrawals and
    promises not kept are the ledger's business, not a summary of growth."""
    found_ledger = trust.overview(user, now=now)
    deposits = found_ledger.tally.deposits
    steady = found_ledger.consistency.steady
    kept = found_ledger.follow.kept
    found = []
    if deposits:
        text = ngettext(
            "You noted one thing you did to rebuild trust.",
            "You noted %(count)d things you did to rebuild trust.",
            deposits,
        ) % {"count": deposits}
        found.append(Item("trust_deposits", deposits, text))
    if steady:
        text = ngettext(
            "You had one steady week in your trust ledger lately.",
            "You had %(count)d steady weeks in your trust ledger lately.",
            steady,
        ) % {"count": steady}
        found.append(Item("trust_steady_weeks", steady, text))
    if kept:
        text = ngettext(
            "You kept a small promise you made.",
            "You kept %(count)d small promises you made.",
            kept,
        ) % {"count": kept}
        found.append(Item("trust_kept", kept, text))
    return found


def _rituals(user: User) -> list[Item]:
    """Times a ritual was done, and time together: two queries."""
    times_done = rituals.rituals_of(user).annotate(times=Count("done")).values_list("times")
    done = sum(times for (times,) in times_done)
    sums = rituals.time_of(user).order_by().aggregate(minutes=Sum("minutes"), times=Count("id"))
    found = []
    if done:
        text = ngettext(
            "You made time for a small ritual once.",
            "You made time for your small rituals %(count)d times.",
            done,
        ) % {"count": done}
        found.append(Item("rituals_done", done, text))
    minutes, times = sums["minutes"] or 0, sums["times"] or 0
    if minutes:
        length = _length(minutes)
        text = ngettext(
            "You set aside time together once, for %(length)s.",
            "You set aside time together %(count)d times, %(length)s in all.",
            times,
        ) % {"count": times, "length": length}
        found.append(Item("rituals_time", minutes, text))
    return found


def _length(minutes: int) -> str:
    if minutes < HOURS_FROM_MINUTES:
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}
    hours = round(minutes / MINUTES_PER_HOUR)
    return ngettext("about %(count)d hour", "about %(count)d hours", hours) % {"count": hours}


def _wellbeing(user: User, now: datetime) -> list[Item]:
    """Each check taken at least twice: its first score and its latest. One query."""
    found = []
    for state in wellbeing.history(user, now=now):
        before, latest = state.before, state.now
        if before is None or latest is None or len(state.takes) < 2:
            continue
        text = _("%(title)s: %(before)d when you started, %(now)d now.") % {
            "title": state.check.title,
            "before": before.score,
            "now": latest.score,
        }
        if latest.score < before.score:
            text += " " + _("A lower score is no failure: it shows how things feel right now.")
        found.append(Item(f"wellbeing_{state.check.id}", latest.score, text))
    return found
