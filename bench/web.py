"""How fast the pages and charts render for someone with two years of daily data.

Run with ``make bench-web`` (or ``.venv/bin/python bench/web.py --help``). Not a test: it
prints numbers. It sets up Django on a throwaway SQLite database in a temporary data
directory (or, with ``--database-url``, a throwaway database created on that PostgreSQL
server and dropped afterwards), seeds three people through the apps' own services, and
times every tracker page and chart with Django's test client, in process, logged in:

- **two years**: 730 days of daily use, every tracker at once (check-ins, urges, social
  media checks, a few slips and letters, a cool-down plan, trust entries and commitments,
  rituals and their log, time together, a journal entry most days, the well-being checks
  every 28 days, program answers), written by a seeded random generator, so every run
  seeds the same data (the dates move with today);
- **one week**: the same life, seven days of it: the baseline the two-year person is
  compared with, in the same run;
- **new**: an account with nothing in it but the safety check.

Every write goes through the services with an explicit ``now``, so the text is encrypted
and read by the safety scanner as in real use. The only thing written by hand is a journal
entry's two timestamps, because ``journal.services.create_entry`` takes no ``now``.

The issue's target: a page with two years of daily data renders in under 100 ms (p95).
See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import base64
import cProfile
import gc
import json
import os
import platform
import pstats
import random
import secrets
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from django.test import Client

    from heartwork.accounts.models import User
    from heartwork.rituals.models import Ritual
    from heartwork.trust.models import Commitment

TARGET_P95_MS = 100.0
SEED = 20_261_205
TWO_YEARS = 730
ONE_WEEK = 7
ZONE = "Europe/Berlin"  # with summer time, so day boundaries move twice a year
PARTNER = "Robin"

PAGES = (
    "/",
    "/checkin/",
    "/space/",
    "/trust/",
    "/rituals/",
    "/wellbeing/",
    "/program/",
    "/journal/",
    "/api/v1/charts/mood.svg",
    "/api/v1/charts/days-since-contact.svg",
    "/api/v1/charts/urges.svg",
    "/api/v1/charts/trust.svg",
    "/api/v1/charts/wellbeing.svg",
)

# -- what people write: short texts written for this file ----------------------------------

CHECKIN_NOTES = (
    "Slow start, better by lunch.",
    "Walked to work and it helped.",
    "Tired but calm.",
    "Cooked a real dinner for once.",
    "Long day at work, early night.",
    "Called my sister, we laughed a lot.",
    "Missed them this morning, it passed.",
    "Good run along the canal.",
    "Felt flat most of the day.",
    "Finished the book I started last month.",
    "Rain all day, stayed in and read.",
    "Coffee with an old friend from school.",
    "Had a headache, took it easy.",
    "A small win at work.",
    "Cleaned the flat, felt lighter.",
    "Could not focus, went for a walk.",
    "Slept badly, the week caught up with me.",
    "A quiet and ordinary day, which was nice.",
    "Tried the yoga video again.",
    "Busy weekend with the family.",
    "Heard our song in a shop and left quickly.",
    "Planted herbs on the balcony.",
    "Wrote in the journal before bed.",
    "Felt hopeful for no clear reason.",
)
URGE_TRIGGERS = (
    "A photo came up in my memories.",
    "Saw someone with the same coat.",
    "Sunday evening on my own.",
    "Walked past our old cafe.",
    "A friend mentioned them.",
    "Their birthday is next week.",
    "Could not sleep and the flat was quiet.",
    "Good news at work and I wanted to tell them.",
    "Found one of their books on my shelf.",
    "A song on the radio.",
    "After a glass of wine.",
    "Saw their name in a group chat.",
    "Our anniversary.",
    "Bored on the bus home.",
    "Cooked the dish we always made together.",
    "Felt lonely after the party.",
    "A post about a trip we planned.",
    "Rainy evening, nothing to do.",
)
URGE_INSTEAD = (
    "Texted my friend instead.",
    "Went for a walk round the block.",
    "Wrote it in the unsent letter.",
    "Made tea and waited ten minutes.",
    "Did the breathing exercise.",
    "Put the phone in the other room.",
    "Called my brother.",
    "Watched an episode of a comedy.",
    "Wrote three things I am grateful for.",
    "Went to bed early.",
    "Tidied the kitchen.",
    "Listened to a podcast on the sofa.",
    "Read my list of reasons for the space.",
    "Played a game on the console.",
    "",
)
SLIP_LEARNED = (
    "I messaged late at night. Late nights are my weak spot, so the phone charges in the "
    "kitchen now.",
    "I liked an old photo by accident while scrolling. I muted their account after.",
    "We talked at a friend's party. It was short and polite, and I felt shaky for a day.",
    "I replied to a message about the flat and then kept writing. Next time I keep to the "
    "practical part.",
    "I called on their birthday. It did not go well and I know why.",
    "I asked a friend how they are. The answer did not help me.",
)
TRUST_NOTES = (
    "Said I would be home by six and I was.",
    "Owned the mistake about the bills before it came up.",
    "Kept my voice down when we disagreed about money.",
    "Put my phone away for the whole dinner.",
    "Answered the question about the weekend honestly.",
    "Finished the job I promised to do in the garden.",
    "Stayed in the talk even when it got uncomfortable.",
    "Remembered the appointment without a reminder.",
    "Snapped about the dishes, then said sorry.",
    "Came home late without a message.",
    "Blamed work instead of saying I forgot.",
    "Went quiet for a day instead of talking.",
)
COMMITMENTS = (
    "I will call when I am running late.",
    "I will cook on Tuesdays and Thursdays.",
    "I will put my phone away at dinner.",
    "I will ask before making weekend plans for both of us.",
    "I will take a ten-minute break when an argument gets loud.",
    "I will pay my half of the bills on the first of the month.",
    "I will go to the counselling session this week.",
    "I will tell the truth about how I spend my evenings.",
    "I will fix the bathroom tap this weekend.",
    "I will say what I need instead of sulking.",
)
RITUALS = (
    ("Morning coffee together without phones", "daily"),
    ("Ten-minute talk about our days", "daily"),
    ("Sunday walk in the park", "weekly"),
)
TIME_TOGETHER = (
    "Cooked pasta and talked.",
    "A walk by the river.",
    "Board games at the kitchen table.",
    "Breakfast on the balcony.",
    "Watched the sunset from the hill.",
    "Visited the market and bought flowers.",
    "Read next to each other on the sofa.",
    "Fixed the bike together.",
    "A long drive with the radio off.",
    "Picnic in the garden.",
    "",
)
REFLECTIONS = (
    "We made each other laugh, even on bad days.",
    "They were curious about everything and it made me curious too.",
    "We could sit in silence and it felt easy.",
    "We both loved building things: shelves, plans, a home.",
    "They noticed small things about me that nobody else did.",
)
JOURNAL_TITLES = (
    "A better day",
    "Thinking about the weekend",
    "What I noticed today",
    "Small steps",
    "Work and everything else",
    "A hard evening",
    "Grateful for",
    "Old photos",
    "What I want next",
    "Talking to my friend",
    "Sleep and mood",
    "A walk in the rain",
    "Lessons",
    "Why I keep the space",
    "Today",
)
JOURNAL_SENTENCES = (
    "I woke up early and could not get back to sleep.",
    "The walk this morning cleared my head.",
    "Work was busy, which kept my mind off things.",
    "I keep coming back to the same question about what went wrong.",
    "My friend listened without judging, and that helped more than advice would have.",
    "I noticed I checked my phone less today.",
    "Some days the quiet in the flat feels heavy.",
    "I tried a new recipe and it turned out fine.",
    "I am learning that missing someone is not the same as wanting the old life back.",
    "I want to be calmer when I feel criticised.",
    "The urge came and went, and I did not act on it.",
    "I wrote a list of the things I want for myself this year.",
    "I was proud of how I handled the talk at work.",
    "It still stings when I think about the last months.",
    "I made plans for the weekend so it would not feel empty.",
    "Therapy today was tiring but useful.",
    "I saw how often I went quiet instead of saying what I needed.",
    "The weather turned and the evenings are lighter now.",
    "I slept eight hours and felt the difference.",
    "Tomorrow I want to go to the gym before work.",
    "I think I am ready to let the shared photos go.",
    "A good conversation with my mum about starting over.",
    "I read back some old entries and saw how far I have come.",
    "I felt jealous when I heard they were travelling, then it faded.",
    "Small routines are holding my days together.",
    "I said no to something I did not want to do, and nothing bad happened.",
    "I got a message from a colleague that made me smile.",
    "Some of the blame was mine, and I can say that now without falling apart.",
)
LETTERS = (
    "I wanted to tell you about the new job. I know I cannot, so I am writing it here. "
    "I think you would have been pleased for me.",
    "It has been a month. Some days I am fine, some days I miss the small things, like "
    "the way you hummed while cooking.",
    "I am sorry for the way I spoke to you in the last weeks. I am working on it, for me "
    "as much as for anyone.",
    "I walked past the cafe today. It has new chairs. I did not go in.",
    "I do not need an answer to this. I only needed to write it down.",
)
PROGRAM_TEXTS = (
    "Evenings alone are the hardest part.",
    "I stopped asking how their day was.",
    "They pulled away when I got loud.",
    "We both stopped making plans.",
    "I want to listen before I answer.",
    "Keep my word on small things.",
    "I called a friend and the urge passed.",
    "Going for a run helped more than I expected.",
    "I would like to feel steady on my own first.",
    "Waiting it out worked this time.",
    "I noticed I was tired, not angry.",
    "Book the course I keep putting off.",
)
SITUATION = {
    "standing": "apart",
    "who_ended": "them",
    "since_when": "this_month",
    "last_contact": "this_week",
    "betrayal": "none",
    "asked_for_space": "not_asked",
}
# (stage, exercise, answered every this many days, on which day of the cycle)
PROGRAM_EXERCISES = (
    ("space", "urge_log", 10, 3),
    ("space", "week_check", 7, 6),
    ("work_on_myself", "weekly_actions", 7, 2),
    ("want_them_back", "motive_check", 91, 12),
    ("what_went_wrong", "three_columns", 365, 20),
    ("work_on_myself", "growth_goals", 365, 40),
)


# -- setting Django up ---------------------------------------------------------------------


def configure(data_dir: str, database_url: str | None = None) -> None:
    """Point the settings at a throwaway place and start Django; run this before any
    import of the apps. Production mode (not debug): pages render as they do when served."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "heartwork.settings"
    os.environ["HEARTWORK_DATA_DIR"] = data_dir
    os.environ["HEARTWORK_DEBUG"] = "false"
    os.environ["HEARTWORK_ALLOWED_HOSTS"] = "testserver"
    # Made fresh for each run and thrown away with the database.
    os.environ["HEARTWORK_SECRET_KEY"] = secrets.token_urlsafe(48)
    os.environ["HEARTWORK_MASTER_KEY"] = (
        "1:" + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
    )
    for name in ("HEARTWORK_SECRET_KEY_FILE", "HEARTWORK_MASTER_KEY_FILE", "DATABASE_URL"):
        os.environ.pop(name, None)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()


@contextmanager
def throwaway_database() -> Iterator[str]:
    """Migrate an empty database and yield its description. SQLite: the file in the data
    directory. PostgreSQL: a new database on the same server, dropped at the end."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0, interactive=False)
        yield f"SQLite {sqlite3.sqlite_version} (a file in a temporary directory)"
        return
    connection.settings_dict["TEST"]["NAME"] = f"heartwork_bench_{os.getpid()}"
    creation = connection.creation
    original = connection.settings_dict["NAME"]
    name = creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
        yield f"PostgreSQL {version} (database {name}, dropped afterwards)"
    finally:
        creation.destroy_test_db(original, verbosity=0)


# -- seeding -------------------------------------------------------------------------------


@dataclass
class Seeded:
    """What was written for one person, by kind, and how long it took."""

    label: str
    days: int
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, kind: str, count: int = 1) -> None:
        self.rows[kind] = self.rows.get(kind, 0) + count


@dataclass
class _State:
    """What carries over from one seeded day to the next."""

    mood: int = 2
    commitments: list[Commitment] = field(default_factory=list)
    rituals: list[Ritual] = field(default_factory=list)


class Day:
    """One local day of the seeded person: moments on it, never later than ``end``."""

    def __init__(self, day: date, zone: ZoneInfo, end: datetime) -> None:
        self.day, self.zone, self.end = day, zone, end

    def at(self, hour: int, minute: int = 0) -> datetime:
        moment = datetime.combine(self.day, clock_time(hour, minute), tzinfo=self.zone)
        return min(moment, self.end)

    @property
    def evening(self) -> datetime:
        return self.at(21, 30)


def _safety_check(user: User) -> None:
    """Name a partner and answer the safety check with nothing to report (today, so the
    safety gate is open now): the pages then show what they show to most people."""
    from heartwork.partners.services import add_partner
    from heartwork.safety.screens import screen
    from heartwork.safety.services import record_screen

    partner = add_partner(user=user, name=PARTNER)
    for screen_id in ("device", "mood", "contact", "harm", "mirror"):
        found = screen(screen_id)
        record_screen(
            user=user,
            screen_id=screen_id,
            answers={item.id: "no" for item in found.items},
            partner=partner if found.scope == "partner" else None,
        )


def _program_answers(
    rng: random.Random, stage_id: str, exercise_id: str, day: date
) -> dict[str, Any]:
    """An answer to every question of an exercise (follow-ups not asked are dropped by the
    service), never one that reports a boundary (that would lock the safety gate)."""
    from heartwork.program.content import program
    from heartwork.program.services import BOUNDARY_ANSWERS

    exercise = program().exercise(stage_id, exercise_id)
    assert exercise is not None, f"{stage_id}.{exercise_id}"
    answers: dict[str, Any] = {}
    for q in exercise.questions:
        risky = BOUNDARY_ANSWERS.get((stage_id, exercise_id, q.id), {})
        options = [option.id for option in q.options if option.id not in risky]
        if q.type == "text":
            texts = rng.sample(PROGRAM_TEXTS, rng.randint(1, 3))
            answers[q.id] = texts if exercise.type == "columns" else texts[0]
        elif q.type == "scale":
            answers[q.id] = rng.randint(2, 4)
        elif q.type == "number":
            low = q.min if q.min is not None else 0
            answers[q.id] = rng.randint(low, min(low + 30, q.max if q.max is not None else 30))
        elif q.type == "date":
            answers[q.id] = day.isoformat()
        elif q.type == "yes_no":
            answers[q.id] = rng.choice(("yes", "no"))
        elif q.type == "multi":
            answers[q.id] = rng.sample(options, min(2, len(options)))
        else:
            answers[q.id] = rng.choice(options)
    return answers


def _journal_body(rng: random.Random) -> str:
    sentences = rng.sample(JOURNAL_SENTENCES, rng.randint(2, 6))
    if rng.random() < 0.3:
        cut = rng.randint(1, len(sentences) - 1)
        return " ".join(sentences[:cut]) + "\n\n" + " ".join(sentences[cut:])
    return " ".join(sentences)


def _seed_day(
    user: User, rng: random.Random, d: Day, index: int, total: int, seeded: Seeded, state: _State
) -> None:
    """One day of use. ``index`` counts from 0 (the oldest day); things calm down with
    time: fewer urges and social media checks in the second year."""
    from heartwork.checkin.services import save_checkin
    from heartwork.journal.models import Entry as JournalEntry
    from heartwork.journal.services import create_entry
    from heartwork.program.services import answer_exercise
    from heartwork.rituals.services import add_reflection, log_time, mark_done
    from heartwork.space.services import log_slip, log_social_check, log_urge, write_letter
    from heartwork.trust.services import add_commitment, add_entry, resolve_commitment
    from heartwork.wellbeing.questions import load_checks
    from heartwork.wellbeing.services import record_take

    calm = index / max(total - 1, 1)  # 0 on the first day, 1 today

    # The daily check-in (most days: missed days test the forgiving streaks).
    if rng.random() < 0.92:
        state.mood = min(5, max(1, state.mood + rng.choice((-1, 0, 0, 0, 1))))
        moved = rng.random() < 0.6
        values: dict[str, Any] = {
            "mood": state.mood,
            "sleep_hours": rng.choice((5, 5.5, 6, 6.5, 7, 7, 7.5, 7.5, 8, 8.5, 9)),
            "moved": moved,
            "movement_minutes": rng.choice((15, 20, 30, 45, 60)) if moved else None,
            "talked_to_support": rng.random() < 0.5,
        }
        if rng.random() < 0.7:
            values["note"] = rng.choice(CHECKIN_NOTES)
        save_checkin(user=user, values=values, now=d.evening)
        seeded.add("check-ins")

    # Urges and social media checks: several a day at first, fewer later.
    urges = rng.choices((0, 1, 2, 3, 4), weights=(1 + 4 * calm, 4, 3 - 2 * calm, 2 - calm, 1))
    for _ in range(urges[0]):
        log_urge(
            user=user,
            strength=max(1, min(10, round(rng.gauss(6 - 3 * calm, 2)))),
            trigger=rng.choice(URGE_TRIGGERS),
            instead=rng.choice(URGE_INSTEAD),
            at=d.at(rng.randint(7, 20), rng.randint(0, 59)),
            now=d.evening,
        )
        seeded.add("urges")
    for _ in range(rng.choices((0, 1, 2, 3), weights=(2 + 6 * calm, 3, 2 - calm, 1 - calm))[0]):
        log_social_check(user=user, at=d.at(rng.randint(7, 20), rng.randint(0, 59)), now=d.evening)
        seeded.add("social media checks")
    if index % 73 == 40:
        log_slip(
            user=user,
            how=rng.choice(("message", "call", "in_person", "social_media")),
            learned=rng.choice(SLIP_LEARNED),
            at=d.at(22, 15),
            now=d.at(23, 0),
        )
        seeded.add("slips")
    if index % 45 == 10:
        write_letter(user=user, body=rng.choice(LETTERS), now=d.evening)
        seeded.add("letters")

    # The trust ledger: an entry most days, a commitment every two weeks, resolved when due.
    if rng.random() < 0.7:
        withdrawal = rng.random() < 0.15
        direction = "withdrawal" if withdrawal else "deposit"
        kinds = (
            ("broke_promise", "old_behaviour", "made_excuses")
            if withdrawal
            else ("kept_word", "took_responsibility", "stayed_calm", "was_present")
        )
        note = rng.choice(TRUST_NOTES) if rng.random() < 0.4 else None
        if rng.random() < 0.05:
            kind, note = "own_words", rng.choice(TRUST_NOTES)
        else:
            kind = rng.choice(kinds)
        add_entry(user=user, direction=direction, kind=kind, note=note, now=d.evening)
        seeded.add("trust entries")
    if index % 14 == 1:
        state.commitments.append(
            add_commitment(
                user=user, text=rng.choice(COMMITMENTS), due=d.day + timedelta(days=7), now=d.at(9)
            )
        )
        seeded.add("commitments")
    for commitment in [c for c in state.commitments if c.due <= d.day]:
        status = "kept" if rng.random() < 0.8 else "not_kept"
        resolve_commitment(commitment=commitment, status=status, now=d.evening)
        state.commitments.remove(commitment)

    # Rituals, time together and "what drew us together".
    for ritual in state.rituals:
        weekly = ritual.cadence == "weekly"
        if (d.day.weekday() == 6 or not weekly) and rng.random() < 0.75:
            mark_done(ritual=ritual, now=d.evening)
            seeded.add("rituals done")
    if rng.random() < 0.35:
        log_time(
            user=user,
            minutes=rng.choice((20, 30, 45, 60, 90, 120, 180)),
            what=rng.choice(TIME_TOGETHER),
            now=d.evening,
        )
        seeded.add("time together")
    if index % 60 == 30:
        add_reflection(user=user, text=rng.choice(REFLECTIONS), now=d.evening)
        seeded.add("reflections")

    # A journal entry most days, dated that evening (create_entry takes no ``now``: only
    # the two timestamps are set afterwards; the text went through the service).
    if rng.random() < 0.8:
        entry = create_entry(
            user=user,
            title=rng.choice(JOURNAL_TITLES),
            body=_journal_body(rng),
            stage=rng.choice(("", "", "space", "work_on_myself", "what_went_wrong")),
        )
        written = d.at(22, rng.randint(0, 59))
        JournalEntry.objects.filter(pk=entry.pk).update(created_at=written, updated_at=written)
        seeded.add("journal entries")

    # The well-being checks every 28 days, program answers on their own rhythms.
    if index % 28 == 0:
        checks = load_checks()
        for check in checks.checks:
            answers = {
                item.id: rng.randint(checks.scale_min, checks.scale_max) for item in check.items
            }
            record_take(user=user, check_id=check.id, answers=answers, now=d.evening)
            seeded.add("well-being takes")
    for stage_id, exercise_id, every, on in PROGRAM_EXERCISES:
        if index % every == on:
            answer_exercise(
                user=user,
                stage_id=stage_id,
                exercise_id=exercise_id,
                answers=_program_answers(rng, stage_id, exercise_id, d.day),
                now=d.evening,
            )
            seeded.add("program answers")


def seed_person(
    email: str,
    days: int,
    *,
    seed: int = SEED,
    end: datetime | None = None,
    label: str = "",
) -> tuple[User, Seeded]:
    """A person who has used every tracker for ``days`` days up to ``end`` (now), each day
    written with that day's times. ``days=0``: the safety check and nothing else."""
    from django.db import transaction
    from django.utils import timezone

    from heartwork.accounts.services import create_account, set_time_zone
    from heartwork.core.timezones import local_day
    from heartwork.program.services import answer_situation
    from heartwork.rituals.services import add_ritual
    from heartwork.space.services import set_plan

    started = time.perf_counter()
    rng = random.Random(f"{seed}:{days}")
    end = end or timezone.now() - timedelta(minutes=1)
    zone = ZoneInfo(ZONE)
    seeded = Seeded(label or email, days)
    with transaction.atomic():
        user = create_account(email=email, password=None)
        set_time_zone(user=user, name=ZONE)
        _safety_check(user)
        if days > 0:
            today = local_day(end, zone)
            first = Day(today - timedelta(days=days - 1), zone, end)
            answer_situation(user=user, answers=SITUATION, now=first.at(8))
            set_plan(
                user=user,
                started_on=first.day,
                planned_days=90,
                last_contact_on=first.day - timedelta(days=3),
                now=first.at(8),
            )
            state = _State()
            for name, cadence in RITUALS:
                state.rituals.append(
                    add_ritual(user=user, name=name, cadence=cadence, now=first.at(8))
                )
            seeded.add("rituals", len(RITUALS))
            for index in range(days):
                day = Day(first.day + timedelta(days=index), zone, end)
                _seed_day(user, rng, day, index, days, seeded, state)
    seeded.seconds = time.perf_counter() - started
    return user, seeded


def safety_level(user: User) -> str:
    """The person's highest safety level: green unless a seeded text tripped the scanner."""
    from heartwork.safety.gate import reconnection_block

    block = reconnection_block(user)
    return "green (the safety gate is open)" if block is None else f"{block.level} ({block.code})"


# -- timing --------------------------------------------------------------------------------


@dataclass
class PageTimes:
    page: str
    # Milliseconds per request, and SQL queries of one request, by person.
    samples: dict[str, list[float]] = field(default_factory=dict)
    queries: dict[str, int] = field(default_factory=dict)
    bytes: dict[str, int] = field(default_factory=dict)

    def p(self, person: str, cut: int) -> float:
        samples = self.samples[person]
        if len(samples) < 2:
            return samples[0]
        return statistics.quantiles(samples, n=100, method="inclusive")[cut - 1]


def client_for(user: User) -> Client:
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _get(client: Client, page: str) -> int:
    response = client.get(page)
    if response.status_code != 200:
        raise RuntimeError(f"{page} answered {response.status_code}, not 200")
    return len(response.content)


def time_pages(
    people: dict[str, User], rounds: int, pages: Sequence[str] = PAGES, warm_up: int = 2
) -> list[PageTimes]:
    """Each page for each person: ``warm_up`` untimed calls, the queries of one call, then
    ``rounds`` timed calls. Each round visits every page once per person, alternating who
    goes first, so a busy moment on the machine falls on everyone alike."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clients = {label: client_for(user) for label, user in people.items()}
    results = [PageTimes(page) for page in pages]
    for result in results:
        for label, client in clients.items():
            for _ in range(warm_up):
                _get(client, result.page)
            with CaptureQueriesContext(connection) as captured:
                result.bytes[label] = _get(client, result.page)
            result.queries[label] = len(captured.captured_queries)
            result.samples[label] = []
    order = list(clients.items())
    clock = time.perf_counter_ns
    for n in range(rounds):
        gc.collect()
        for result in results:
            for label, client in order if n % 2 == 0 else order[::-1]:
                started = clock()
                client.get(result.page)
                result.samples[label].append((clock() - started) / 1e6)
    return results


def profile_page(user: User, page: str, top: int = 25) -> str:
    """cProfile of ten calls of ``page`` (after one warm-up), the top costs by own time."""
    import io

    client = client_for(user)
    _get(client, page)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(10):
        client.get(page)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# -- reporting -----------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in load] if load else None,
    }


def report(results: Sequence[PageTimes], big: str, base: str, new: str) -> list[dict[str, Any]]:
    rows = []
    for result in results:
        p50, p95 = result.p(big, 50), result.p(big, 95)
        base50 = result.p(base, 50)
        rows.append(
            {
                "page": result.page,
                "p50_ms": round(p50, 2),
                "p95_ms": round(p95, 2),
                "baseline_p50_ms": round(base50, 2),
                "ratio": round(p50 / base50, 2),
                "new_p50_ms": round(result.p(new, 50), 2),
                "queries": result.queries,
                "bytes": result.bytes[big],
                "under_target": p95 < TARGET_P95_MS,
            }
        )
    return rows


def print_table(rows: Sequence[dict[str, Any]], labels: Sequence[str]) -> None:
    """page, p50 and p95 of the big person, p50 of the others, the ratio of the p50s,
    the queries of one request for each person, and whether p95 is under the target."""
    big, base, new = labels
    heads = (f"{big} p50", f"{big} p95", f"{base} p50", "ratio", f"{new} p50")
    print(
        f"{'page':<38}"
        + "".join(f"{head:>13}" for head in heads)
        + f"{'queries':>12}  p95 < {TARGET_P95_MS:g} ms"
    )
    for row in rows:
        times = (row["p50_ms"], row["p95_ms"], row["baseline_p50_ms"])
        queries = "/".join(str(row["queries"][label]) for label in labels)
        print(
            f"{row['page']:<38}"
            + "".join(f"{t:>10.1f} ms" for t in times)
            + f"{row['ratio']:>12.1f}x{row['new_p50_ms']:>10.1f} ms{queries:>12}  "
            + ("yes" if row["under_target"] else "NO")
        )
    print(f"(queries: one request each for {', '.join(labels)})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=30, help="timed calls per page (30)")
    parser.add_argument("--days", type=int, default=TWO_YEARS, help="days of the big person")
    parser.add_argument("--seed", type=int, default=SEED, help="for other data")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL server (postgresql://user@host:port/name): the bench creates a "
        "new database there, and drops it at the end; SQLite in a temporary directory if "
        "left out",
    )
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a page misses 100 ms")
    parser.add_argument(
        "--profile", metavar="PAGE", help="also print a cProfile of PAGE for the big person"
    )
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.days < ONE_WEEK:
        parser.error(f"--rounds must be 1 or more and --days {ONE_WEEK} or more")

    with tempfile.TemporaryDirectory(prefix="heartwork-bench-") as data_dir:
        configure(data_dir, args.database_url)
        with throwaway_database() as database:
            return run(args, database)


def run(args: argparse.Namespace, database: str) -> int:
    labels = ("2 years" if args.days == TWO_YEARS else f"{args.days} days", "1 week", "new")
    say: Callable[[str], None] = (lambda line: None) if args.json else print
    say(f"Seeding ({database}) ...")
    people: dict[str, User] = {}
    seeded: list[Seeded] = []
    for label, days in zip(labels, (args.days, ONE_WEEK, 0), strict=True):
        email = f"{label.replace(' ', '-')}@bench.example"
        user, done = seed_person(email, days, seed=args.seed, label=label)
        people[label] = user
        seeded.append(done)
        written = ", ".join(f"{n:,} {kind}" for kind, n in done.rows.items()) or "nothing"
        say(f"  {label}: {days} days in {done.seconds:.1f} s: {written}")
        say(f"    safety level after seeding: {safety_level(user)}")
    say(f"Timing {len(PAGES)} pages, {args.rounds} rounds each ...")
    results = time_pages(people, args.rounds)
    rows = report(results, labels[0], labels[1], labels[2])
    numbers = {
        "machine": machine(),
        "database": database,
        "rounds": args.rounds,
        "seeded": [{"label": s.label, "days": s.days, "rows": s.rows} for s in seeded],
        "pages": rows,
        "target_met": all(row["under_target"] for row in rows),
    }
    if args.json:
        print(json.dumps(numbers, indent=2))
    else:
        info = numbers["machine"]
        print()
        print(
            f"{info['platform']}, {info['cpus']} CPUs, Python {info['python']}, "
            f"load average {info['load_average']}; {database}; {args.rounds} rounds"
        )
        print()
        print_table(rows, labels)
        print()
        missed = [row["page"] for row in rows if not row["under_target"]]
        verdict = "met" if not missed else "NOT met: " + ", ".join(missed)
        print(f"target (p95 under {TARGET_P95_MS:g} ms with {labels[0]} of data): {verdict}")
    if args.profile:
        print(profile_page(people[labels[0]], args.profile))
    return 1 if args.check and not numbers["target_met"] else 0


if __name__ == "__main__":
    sys.exit(main())
