"""No page runs more SQL because a person has more data (no N+1 queries).

Every page a logged-in person can open is listed below, next to the URL conf: a page added
without a line here fails the inventory test, so new pages get counted too. Each page is
opened for two people whose lives differ only in size: one of everything, and thirty of
everything (check-ins, journal entries, urges, slips, letters, trust entries, commitments,
rituals and their days, time together, drafts, well-being takes, program answers, API
tokens). The thirty-item person may run at most as many queries as the one-item person,
checked with pytest-django's ``django_assert_max_num_queries``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from heartwork.accounts.models import User
from heartwork.accounts.services import issue_token
from heartwork.agreements.sections import SECTION_IDS
from heartwork.checkin.services import save_checkin
from heartwork.drafts.models import Draft
from heartwork.drafts.services import save_draft
from heartwork.journal.models import Entry
from heartwork.journal.services import create_entry
from heartwork.partners.services import add_partner
from heartwork.program.content import program
from heartwork.program.services import answer_exercise
from heartwork.rituals.services import add_reflection, add_ritual, log_time, mark_done
from heartwork.safety.screens import screen
from heartwork.safety.services import record_screen
from heartwork.space.models import Letter, Slip, Urge
from heartwork.space.services import log_slip, log_social_check, log_urge, set_plan, write_letter
from heartwork.trust.models import Commitment
from heartwork.trust.services import add_commitment, add_entry
from heartwork.wellbeing.questions import load_checks
from heartwork.wellbeing.services import record_take
from tests.conftest import make_persona
from tests.program.steps import answers_for
from tests.web.steps import grant_sudo

FEW, MANY = 1, 30
# Answered FEW or MANY times each; their pages are opened below.
EXERCISES = (("space", "urge_log"), ("space", "week_check"), ("work_on_myself", "weekly_actions"))

# -- the inventory: every named URL outside the API and the admin ------------------------

Url = Callable[[User], str]


def _newest(model: Any) -> Callable[[User], Any]:
    def find(user: User) -> Any:
        return model.objects.filter(user=user).order_by("-created_at").values_list("pk")[0][0]

    return find


def _first_stage() -> str:
    return next(iter(program().stages))


PAGES: dict[str, Url] = {
    "web:home": lambda u: "/",
    "help": lambda u: "/help/",
    "accounts:account": lambda u: "/accounts/",
    "accounts:password_change": lambda u: "/accounts/password/",
    "accounts:confirm": lambda u: "/accounts/confirm/",
    "journal:list": lambda u: "/journal/",
    "journal:new": lambda u: "/journal/new/",
    "journal:detail": lambda u: f"/journal/{_newest(Entry)(u)}/",
    "journal:edit": lambda u: f"/journal/{_newest(Entry)(u)}/edit/",
    "coach:page": lambda u: "/coach/",
    "coach:drafts": lambda u: "/coach/drafts/",
    "coach:draft": lambda u: f"/coach/drafts/{_newest(Draft)(u)}/",
    "safety:home": lambda u: "/safety/",
    "safety:check": lambda u: "/safety/check/",
    "safety:check_partner": lambda u: "/safety/check/partner/",
    "safety:screen": lambda u: "/safety/check/harm/",
    "safety:path": lambda u: "/safety/path/",
    "program:dashboard": lambda u: "/program/",
    "program:stage": lambda u: "/program/space/",
    "program:ready": lambda u: "/program/space/ready/",
    "program:exercise": lambda u: "/program/space/urge_log/",
    "onboarding:situation": lambda u: "/start/",
    "onboarding:plan": lambda u: "/start/plan/",
    "wellbeing:home": lambda u: "/wellbeing/",
    "wellbeing:check": lambda u: f"/wellbeing/{load_checks().checks[0].id}/",
    "checkin:page": lambda u: "/checkin/",
    "space:home": lambda u: "/space/",
    "space:plan": lambda u: "/space/plan/",
    "space:now": lambda u: "/space/now/",
    "space:urges": lambda u: "/space/urges/",
    "space:urge_edit": lambda u: f"/space/urges/{_newest(Urge)(u)}/edit/",
    "space:slips": lambda u: "/space/slips/",
    "space:slip_edit": lambda u: f"/space/slips/{_newest(Slip)(u)}/edit/",
    "space:social_checks": lambda u: "/space/social-checks/",
    "space:letters": lambda u: "/space/letters/",
    "space:letter": lambda u: f"/space/letters/{_newest(Letter)(u)}/",
    "space:letter_edit": lambda u: f"/space/letters/{_newest(Letter)(u)}/edit/",
    "trust:home": lambda u: "/trust/",
    "trust:entries": lambda u: "/trust/entries/",
    "trust:entry_new": lambda u: "/trust/entries/new/deposit/",
    "trust:commitment_new": lambda u: "/trust/commitments/new/",
    "trust:commitment_edit": lambda u: f"/trust/commitments/{_newest(Commitment)(u)}/",
    "rituals:home": lambda u: "/rituals/",
    "rituals:new": lambda u: "/rituals/new/",
    "rituals:time": lambda u: "/rituals/time/",
    "rituals:reflection": lambda u: "/rituals/reflection/",
    "reminders:home": lambda u: "/reminders/",
    "couples:home": lambda u: "/partner/",
    "couples:join": lambda u: "/partner/join/ABCD-EFGH-JKMN-PQRS/",
    "privacy:export": lambda u: "/accounts/export/",
    "privacy:delete": lambda u: "/accounts/delete/",
    "agreements:home": lambda u: "/agreements/",
    "agreements:print": lambda u: "/agreements/print/",
    "agreements:section": lambda u: f"/agreements/{SECTION_IDS[0]}/",
}
# The charts are images on the pages above; they read the most rows of all.
CHARTS = (
    "/api/v1/charts/mood.svg",
    "/api/v1/charts/days-since-contact.svg",
    "/api/v1/charts/urges.svg",
    "/api/v1/charts/trust.svg",
    "/api/v1/charts/wellbeing.svg",
)
# Named URLs that are not pages a person opens: a form posts to them, or nobody is
# logged in there. Each with the reason, so the list is easy to review.
NOT_PAGES = {
    "healthz": "the load balancer's check, one query, no person",
    "accounts:signup": "only for people without an account",
    "accounts:login": "only for people who are not logged in",
    "accounts:logout": "a form posts here",
    "accounts:discreet_mode": "a form posts here",
    "accounts:time_zone": "a form posts here",
    "accounts:language": "the language switch posts here",
    "accounts:token_create": "a form on the account page posts here; GET only redirects",
    "accounts:token_revoke": "a form posts here",
    "journal:delete": "a form posts here",
    "coach:analyze": "the coach form posts here",
    "coach:draft_delete": "a form posts here",
    "safety:crisis_close": "a form posts here",
    "space:urge_delete": "a form posts here",
    "space:slip_delete": "a form posts here",
    "space:social_check_delete": "a form posts here",
    "space:letter_delete": "a form posts here",
    "trust:entry_delete": "a form posts here",
    "trust:commitment_resolve": "a form posts here",
    "trust:commitment_delete": "a form posts here",
    "rituals:done": "a form posts here",
    "rituals:delete": "a form posts here",
    "rituals:time_delete": "a form posts here",
    "rituals:reflection_delete": "a form posts here",
    "reminders:read": "a form posts here",
    "reminders:read_all": "a form posts here",
    "reminders:checkin": "a form posts here",
    "reminders:ritual": "a form posts here",
    "reminders:preferences": "a form posts here",
    "reminders:feed_new": "a form posts here",
    "reminders:feed_revoke": "a form posts here",
    "reminders:feed": "a calendar app reads it with the secret in its address; no one logs in",
    "couples:invite": "a form posts here",
    "couples:invite_revoke": "a form posts here",
    "couples:accept": "a form posts here",
    "couples:confirm": "a form posts here",
    "couples:unpair": "behind the password confirmation, and only while paired",
    # These need a pairing, which the two people here do not have: their query counts
    # are checked in tests/web/test_couples_pages.py with a paired couple.
    "couples:shared": "only while paired (counted in tests/web/test_couples_pages.py)",
    "couples:exercise": "only while paired (counted in tests/web/test_couples_pages.py)",
    "couples:ledger": "only while paired (counted in tests/web/test_couples_pages.py)",
    "agreements:answer": "a form posts here",
    "agreements:review": "a form posts here",
    "agreements:draft": "a form posts here",
    "agreements:propose": "a form posts here",
}


def _named_urls(patterns: list[Any], namespace: str | None = None) -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in {"admin", "api"}:
                continue
            names |= _named_urls(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def test_the_inventory_names_every_url_in_the_url_conf_exactly_once() -> None:
    named = _named_urls(get_resolver().url_patterns)

    listed = [*PAGES, *NOT_PAGES]

    assert len(listed) == len(set(listed)), "a URL is listed twice"
    assert named - set(listed) == set(), "add new pages to PAGES"
    assert set(listed) <= named, "remove pages that no longer exist"


# -- two people, one of everything and thirty of everything -------------------------------


def _safety_check(user: User) -> None:
    """Answered with nothing to report, so every page shows what most people see."""
    partner = add_partner(user=user, name="Robin")
    for screen_id in ("device", "mood", "contact", "harm", "mirror"):
        found = screen(screen_id)
        record_screen(
            user=user,
            screen_id=screen_id,
            answers={item.id: "no" for item in found.items},
            partner=partner if found.scope == "partner" else None,
        )


def _seed_trackers(user: User, n: int) -> None:
    now = timezone.now()
    today = timezone.localdate(now)
    set_plan(
        user=user, started_on=today - timedelta(days=n), planned_days=90,
        last_contact_on=today - timedelta(days=n + 1), now=now,
    )  # fmt: skip
    rituals = [
        add_ritual(user=user, name=f"Ritual {i}", cadence="daily", now=now) for i in range(n)
    ]
    for i in range(n):
        day = today - timedelta(days=i)
        at = now - timedelta(days=i, hours=1)
        save_checkin(user=user, values={"mood": 3, "note": f"Day {i}."}, day=day, now=now)
        log_urge(user=user, strength=5, trigger=f"Trigger {i}", instead="A walk.", at=at, now=now)
        log_slip(user=user, how="message", learned=f"Lesson {i}.", at=at, now=now)
        log_social_check(user=user, at=at, now=now)
        write_letter(user=user, body=f"Letter number {i}.", now=now)
        add_entry(user=user, direction="deposit", kind="kept_word", note=f"Kept {i}.", now=now)
        add_commitment(user=user, text=f"Promise {i}.", due=today + timedelta(days=3), now=now)
        mark_done(ritual=rituals[i], day=day, now=now)
        log_time(user=user, minutes=30, what=f"Walk {i}.", day=day, now=now)
        add_reflection(user=user, text=f"We laughed {i}.", now=now)


def _seed_writing(user: User, n: int) -> None:
    now = timezone.now()
    checks = load_checks()
    for i in range(n):
        create_entry(user=user, title=f"Entry {i}", body=f"What happened on day {i}.")
        save_draft(user=user, kind="text", text=f"Draft message {i}.")
        issue_token(user=user, label=f"token {i}")
        for check in checks.checks:
            answers = {item.id: checks.scale_min for item in check.items}
            record_take(user=user, check_id=check.id, answers=answers, now=now)
        for stage_id, exercise_id in EXERCISES:
            answers = answers_for(stage_id, exercise_id)
            answer_exercise(
                user=user, stage_id=stage_id, exercise_id=exercise_id, answers=answers, now=now
            )


@dataclass
class Person:
    user: User
    client: Client


def _person(email: str, n: int) -> Person:
    user = make_persona(email).user
    _safety_check(user)
    _seed_trackers(user, n)
    _seed_writing(user, n)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    grant_sudo(client)  # the export and delete pages ask for the password first
    return Person(user, client)


def _count(person: Person, url: str) -> int:
    person.client.get(url)  # warm: caches filled on a first visit are not what we measure
    with CaptureQueriesContext(connection) as captured:
        response = person.client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_no_page_runs_more_queries_with_thirty_of_everything_than_with_one(
    django_assert_max_num_queries: Any,
) -> None:
    few = _person("few@example.org", FEW)
    many = _person("many@example.org", MANY)
    urls = [(name, make(few.user), make(many.user)) for name, make in PAGES.items()]
    urls += [(url, url, url) for url in CHARTS]

    grown = []
    for name, few_url, many_url in urls:
        limit = _count(few, few_url)
        try:
            with django_assert_max_num_queries(limit):
                response = many.client.get(many_url)
        except pytest.fail.Exception:
            grown.append(f"{name}: {limit} -> {_count(many, many_url)}")
            continue
        assert response.status_code == 200, (many_url, response.status_code)

    assert grown == [], "queries grow with the data (N+1)"
