"""`heartwork demo`: an account that looks lived in, so a newcomer sees what the app is for.

The story: Sam's partner Jo ended things about six weeks ago. Sam took the safety check,
started a cool-down, logged urges that came often and strong at first and then eased,
slipped once (a late-night message), checked in most days with mood and sleep slowly
coming back, wrote in the journal, kept small promises in the trust ledger, and drafted
an apology twice: the first try undoes itself with "but", the second owns the act.

Every row goes through the same service a page would use (the writes for each domain
live in one place), so the demo data is checked, encrypted and safety-scanned exactly
like a real person's. A fixed random seed keeps two demos alike.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI reads MIN_WEEKS before Django is set up: no model imports here
    from heartwork.accounts.models import User

DEFAULT_EMAIL = "demo@example.org"
DEFAULT_WEEKS = 6
MIN_WEEKS, MAX_WEEKS = 3, 52

SITUATION = {
    "standing": "apart",
    "who_ended": "them",
    "since_when": "one_to_three_months",
    "last_contact": "this_month",
    "betrayal": "none",
    "asked_for_space": "asked_space",
}

# What set Sam off, and what Sam did instead: the urge log's two free-text fields.
URGES = [
    ("Saw our song come up on shuffle", "Skipped it and went for a walk round the block"),
    ("Couldn't sleep, kept replaying the last fight", "Wrote it in the unsent letter instead"),
    ("Jo's sister posted a photo from the lake", "Muted her for now and made tea"),
    ("Sunday afternoon, the time we used to go out", "Called my brother"),
    ("Found Jo's hoodie in the wash", "Put it in a bag for later, did the grounding exercise"),
    ("Payday, wanted to send something nice", "Spent it on a climbing pass for me"),
    ("A friend asked how Jo is", "Said we're taking time apart and changed the subject"),
    ("Drove past the old flat", "Took the long way home next time"),
    ("Felt lonely after work", "Cooked a proper dinner and watched a film"),
    ("Wanted to explain myself one more time", "Read my list of reasons to wait"),
]

JOURNAL = [
    (
        40,
        "space",
        "First week",
        "Everything feels loud. I keep picking up my phone and putting it down again. "
        "Jo asked for space and I said yes, so I'm going to actually give it. Day one of "
        "the cool-down. I made a list of what to do when it gets bad.",
    ),
    (
        33,
        "what_went_wrong",
        "What I keep doing",
        "Wrote the three columns tonight. My column was harder than I thought. When I'm "
        "stressed I go quiet for days and then blow up over something small. Jo stopped "
        "telling me things because it wasn't safe to. That one stung to write down.",
    ),
    (
        24,
        "space",
        "The slip",
        "Sent a long message at 1am. No answer, which was fair. What I learned: nights are "
        "my worst time, and I can't trust myself with my phone after midnight. It lives in "
        "the kitchen now.",
    ),
    (
        15,
        "work_on_myself",
        "Small things",
        "Climbed twice this week and slept seven hours three nights running. Started seeing "
        "a counsellor on Thursdays. I don't feel fixed, but I feel less like a storm.",
    ),
    (
        4,
        "own_mistakes",
        "Owning it",
        "Worked on the apology. The first draft had a 'but' in it that undid the whole thing. "
        "The second one says what I did and doesn't ask for anything back. Not sending it yet.",
    ),
]

FIRST_APOLOGY = (
    "I'm sorry if you felt hurt by how I acted, but you know how stressed I was with work. "
    "Can we just move on from this?"
)
SECOND_APOLOGY = (
    "I'm sorry I shut you out for days at a time and then snapped at you over small things. "
    "It left you tense and on edge in your own home, and that was my doing, not yours. "
    "I've started seeing a counsellor about how I handle stress. You don't owe me a reply."
)


@dataclass(frozen=True)
class Demo:
    user: User
    email: str
    password: str
    days: int


class DemoExists(Exception):
    """An account with that email is already here: the demo never touches a real one."""


def new_password() -> str:
    # Printed once to the person who ran the command; long enough to pass the validators.
    return "-".join(secrets.token_urlsafe(6) for _ in range(3))


def _at(day: date, hour: int, minute: int, zone: object) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone)  # type: ignore[arg-type]


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def create_demo(
    *,
    email: str = DEFAULT_EMAIL,
    password: str | None = None,
    weeks: int = DEFAULT_WEEKS,
    now: datetime | None = None,
) -> Demo:
    """Create the demo account and its weeks of history; DemoExists if the email is taken.

    All or nothing: one transaction, so a failure never leaves half a demo behind."""
    from django.db import transaction

    with transaction.atomic():
        return _create(email=email, password=password, weeks=weeks, now=now)


def _create(*, email: str, password: str | None, weeks: int, now: datetime | None) -> Demo:
    from django.utils import timezone

    from heartwork.accounts.selectors import zone_of
    from heartwork.accounts.services import (
        EmailTaken,
        create_account,
        set_country,
        set_time_zone,
    )
    from heartwork.core.timezones import local_day

    now = now or timezone.now()
    password = password or new_password()
    try:
        user = create_account(email=email, password=password)
    except EmailTaken as exc:
        raise DemoExists(email) from exc
    set_time_zone(user=user, name="Europe/London")
    set_country(user=user, country="GB")
    user.refresh_from_db()
    zone = zone_of(user)
    today = local_day(now, zone)
    start = today - timedelta(days=weeks * 7)
    rng = random.Random(20261205)  # noqa: S311 - sample data, not a secret

    _safety_and_situation(user, now)
    slip_day = start + timedelta(days=weeks * 7 * 2 // 5)
    _space(user, rng, start, today, slip_day, zone, now)
    _checkins(user, rng, start, today, zone, now)
    _journal(user, today, zone)
    _trust(user, rng, start, today, zone, now)
    _rituals(user, rng, start, today, now)
    _drafts(user, today, zone)
    return Demo(user=user, email=user.email, password=password, days=(today - start).days)


def _safety_and_situation(user: User, now: datetime) -> None:
    from heartwork.partners.services import add_partner
    from heartwork.program.services import answer_situation
    from heartwork.safety.screens import screen
    from heartwork.safety.services import record_screen

    partner = add_partner(user=user, name="Jo")
    for screen_id in ("device", "mood", "contact", "harm", "mirror"):
        found = screen(screen_id)
        answers = {item.id: "no" for item in found.items}
        record_screen(
            user=user,
            screen_id=screen_id,
            answers=answers,
            partner=partner if found.scope == "partner" else None,
            now=now,
        )
    answer_situation(user=user, answers=SITUATION, now=now)


def _space(
    user: User,
    rng: random.Random,
    start: date,
    today: date,
    slip_day: date,
    zone: object,
    now: datetime,
) -> None:
    from heartwork.space.services import log_slip, log_social_check, log_urge, set_plan

    length = (today - start).days
    set_plan(
        user=user, started_on=start, planned_days=length + 14, last_contact_on=slip_day, now=now
    )
    for offset, day in enumerate(_days(start, today - timedelta(days=1))):
        # Strong and frequent at first, rarer and milder as the weeks go by.
        progress = offset / max(length, 1)
        count = rng.choices(
            [0, 1, 2, 3], weights=[progress * 6, 3, 2 - progress, 2 - 1.8 * progress]
        )[0]
        for _ in range(count):
            trigger, instead = rng.choice(URGES)
            strength = max(1, min(10, round(8 - 5 * progress + rng.uniform(-1.5, 1.5))))
            log_urge(
                user=user,
                strength=strength,
                trigger=trigger,
                instead=instead,
                at=_at(day, rng.randint(7, 22), rng.randint(0, 59), zone),
                now=now,
            )
        if rng.random() < 0.5 - 0.4 * progress:
            log_social_check(user=user, at=_at(day, rng.randint(8, 23), 10, zone), now=now)
    log_slip(
        user=user,
        how="message",
        learned="Nights are my weak spot. My phone charges in the kitchen from now on.",
        at=_at(slip_day, 1, 12, zone),
        now=now,
    )


def _checkins(
    user: User, rng: random.Random, start: date, today: date, zone: object, now: datetime
) -> None:
    from heartwork.checkin.services import save_checkin

    notes = [
        "Hard day, but I got through it.",
        "Walked to work, felt a bit lighter.",
        "Talked to my brother for an hour.",
        "Tired. Early night.",
        "Climbing with Priya, first time in ages.",
        "Counsellor today. Lots to think about.",
        "",
        "",
    ]
    length = (today - start).days
    for offset, day in enumerate(_days(start, today)):
        if rng.random() < 0.15 and day != today:  # a missed day now and then: streaks forgive
            continue
        progress = offset / max(length, 1)
        mood = max(1, min(5, round(1.8 + 2 * progress + rng.uniform(-0.8, 0.8))))
        sleep = max(3.0, min(9.0, round((5 + 2.2 * progress + rng.uniform(-1, 1)) * 2) / 2))
        moved = rng.random() < 0.35 + 0.4 * progress
        save_checkin(
            user=user,
            day=day,
            now=now,
            values={
                "mood": mood,
                "sleep_hours": sleep,
                "moved": moved,
                "movement_minutes": rng.choice([20, 30, 45, 60]) if moved else None,
                "talked_to_support": rng.random() < 0.5,
                "note": rng.choice(notes),
            },
        )


def _journal(user: User, today: date, zone: object) -> None:
    from heartwork.journal.services import create_entry

    for days_ago, stage, title, body in JOURNAL:
        written = _at(today - timedelta(days=days_ago), 21, 30, zone)
        create_entry(user=user, title=title, body=body, stage=stage, now=written)


def _trust(
    user: User, rng: random.Random, start: date, today: date, zone: object, now: datetime
) -> None:
    from heartwork.trust.services import add_commitment, add_entry, resolve_commitment

    kinds = ["kept_word", "stayed_calm", "took_responsibility", "was_present"]
    for day in _days(start + timedelta(days=7), today):
        if rng.random() < 0.3:
            add_entry(user=user, direction="deposit", kind=rng.choice(kinds), day=day, now=now)
    add_entry(
        user=user,
        direction="withdrawal",
        kind="old_behaviour",
        day=start + timedelta(days=9),
        now=now,
    )
    add_entry(
        user=user,
        direction="withdrawal",
        kind="broke_promise",
        day=start + timedelta(days=20),
        now=now,
    )
    promises = [
        ("Call my brother every Sunday", 12, "kept"),
        ("Book a first session with a counsellor", 18, "kept"),
        ("Go to bed before midnight on work nights", 25, "not_kept"),
        ("Climb twice a week", 35, "kept"),
    ]
    for text, due_offset, outcome in promises:
        due = start + timedelta(days=due_offset)
        if due >= today:
            continue
        made = _at(due - timedelta(days=5), 9, 0, zone)
        commitment = add_commitment(user=user, text=text, due=due, now=made)
        resolve_commitment(commitment=commitment, status=outcome, day=due, now=now)
    add_commitment(
        user=user, text="Phone stays out of the bedroom", due=today + timedelta(days=7), now=now
    )


def _rituals(user: User, rng: random.Random, start: date, today: date, now: datetime) -> None:
    from heartwork.rituals.services import add_ritual, mark_done

    walk = add_ritual(user=user, name="Evening walk without my phone", cadence="daily", now=now)
    call = add_ritual(user=user, name="Sunday call with my brother", cadence="weekly", now=now)
    for day in _days(start + timedelta(days=3), today - timedelta(days=1)):
        if rng.random() < 0.6:
            mark_done(ritual=walk, day=day, now=now)
        if day.weekday() == 6:
            mark_done(ritual=call, day=day, now=now)


def _drafts(user: User, today: date, zone: object) -> None:
    from heartwork.drafts.services import save_draft

    save_draft(
        user=user,
        kind="apology",
        text=FIRST_APOLOGY,
        now=_at(today - timedelta(days=5), 22, 5, zone),
    )
    save_draft(
        user=user,
        kind="apology",
        text=SECOND_APOLOGY,
        now=_at(today - timedelta(days=4), 20, 40, zone),
    )
