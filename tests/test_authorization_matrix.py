"""Every page and API route, tried with another person's ids, answers as if they did not exist.

The routes come from the URL conf itself, so a new route is covered the day it is added:
a route with a path parameter needs an entry in OWNED (how to make a real object of
alex's for it) or in NOT_OWNED (why the parameter names nothing of anyone's, with a
sample value); until it has one, its test fails and says so.

For an owned route, sam (logged in, safety check passed, password just confirmed) sends
every method to alex's object, and then to an id that does not exist. Each answer must
be the same as for the missing id, never a success, a 403 or a server error, and must
not contain what alex wrote; at least one method must answer 404; alex's object must be
exactly as it was. Pages are tried with sam's session, API routes with sam's token.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tests.conftest import Persona, csrf_post, make_persona, pass_safety_check, tell_situation
from tests.web.steps import grant_sudo

# What alex writes into every object: it must never reach sam.
MARK = "alex-only-words-6d1f"
MISSING = "00000000-0000-4000-8000-000000000000"
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")

Made = tuple[dict[str, str], models.Model]
Factory = Callable[[Any], Made]


# -- the routes ------------------------------------------------------------------------------


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def every_route() -> list[str]:
    """Each route once (ninja lists a path once per operation), Django's admin left out:
    it is for staff only, and tests/web/test_admin.py covers what it shows."""
    routes = dict.fromkeys(_walk(get_resolver().url_patterns))
    return [route for route in routes if not route.startswith("admin/")]


def is_api(route: str) -> bool:
    return route.startswith("api/")


def url_for(route: str, values: dict[str, str]) -> str:
    def fill(match: re.Match[str]) -> str:
        return str(values[match["name"]])

    return "/" + PARAMETER.sub(fill, route)


def parameters(route: str) -> list[str]:
    return [match["name"] for match in PARAMETER.finditer(route)]


# -- alex's objects --------------------------------------------------------------------------


def today() -> str:
    return timezone.localdate().isoformat()


def journal_entry(user: Any) -> Made:
    from heartwork.journal.services import create_entry

    entry = create_entry(user=user, title=MARK, body=MARK)
    return {"entry_id": str(entry.pk)}, entry


def draft(user: Any) -> Made:
    from heartwork.drafts.services import save_draft

    saved = save_draft(user=user, kind="apology", text=MARK)
    return {"draft_id": str(saved.pk)}, saved


def token(user: Any) -> Made:
    from heartwork.accounts.services import issue_token

    issued, _raw = issue_token(user=user, label=MARK)
    return {"token_id": str(issued.pk)}, issued


def partner(user: Any) -> Made:
    from heartwork.partners.models import Partner

    found = Partner.objects.get(user=user)
    return {"partner_id": str(found.pk)}, found


def urge(user: Any) -> Made:
    from heartwork.space.services import log_urge

    logged = log_urge(user=user, strength=6, trigger=MARK, instead=MARK)
    return {"urge_id": str(logged.pk)}, logged


def slip(user: Any) -> Made:
    from heartwork.space.services import log_slip

    logged = log_slip(user=user, how="message", learned=MARK)
    return {"slip_id": str(logged.pk)}, logged


def social_check(user: Any) -> Made:
    from heartwork.space.services import log_social_check

    logged = log_social_check(user=user)
    return {"check_id": str(logged.pk)}, logged


def letter(user: Any) -> Made:
    from heartwork.space.services import write_letter

    written = write_letter(user=user, body=MARK)
    return {"letter_id": str(written.pk)}, written


def trust_entry(user: Any) -> Made:
    from heartwork.trust.services import add_entry

    added = add_entry(user=user, direction="deposit", kind="own_words", note=MARK)
    return {"entry_id": str(added.pk)}, added


def commitment(user: Any) -> Made:
    from heartwork.trust.services import add_commitment

    added = add_commitment(user=user, text=MARK, due=timezone.localdate())
    return {"commitment_id": str(added.pk)}, added


def ritual(user: Any) -> Made:
    from heartwork.rituals.services import add_ritual

    added = add_ritual(user=user, name=MARK, cadence="daily")
    return {"ritual_id": str(added.pk)}, added


def ritual_done(user: Any) -> Made:
    from heartwork.rituals.services import mark_done

    values, added = ritual(user)
    mark_done(ritual=added, day=timezone.localdate())  # type: ignore[arg-type]
    return {**values, "day": today()}, added


def time_together(user: Any) -> Made:
    from heartwork.rituals.services import log_time

    logged = log_time(user=user, minutes=30, what=MARK)
    return {"time_id": str(logged.pk)}, logged


def reflection(user: Any) -> Made:
    from heartwork.rituals.services import add_reflection

    added = add_reflection(user=user, text=MARK)
    return {"reflection_id": str(added.pk)}, added


def reminder_delivery(user: Any) -> Made:
    from datetime import timedelta

    from heartwork.reminders.models import Delivery
    from heartwork.reminders.services import schedule
    from heartwork.reminders.sweep import sweep

    schedule(user=user, kind="checkin", ref="daily", due_at=timezone.now())
    sweep(timezone.now() + timedelta(days=1))  # past any quiet hours
    delivered = Delivery.objects.get(user=user)
    return {"delivery_id": str(delivered.pk)}, delivered


def partner_invite(user: Any) -> Made:
    from heartwork.couples.services import create_invite

    # alex is paired (the owner fixture), and only someone unpaired can invite: another
    # stranger to sam stands in.
    inviter = make_persona("erin@example.org")
    ready(inviter)
    made, _code = create_invite(user=inviter.user)
    return {"invite_id": str(made.pk)}, made


def agreement_version(user: Any) -> Made:
    from heartwork.agreements.sections import SECTION_IDS
    from heartwork.agreements.services import propose
    from heartwork.couples.selectors import active_couple_of

    couple = active_couple_of(user)
    assert couple is not None, "alex is paired by the owner fixture"
    version = propose(user=user, couple=couple, section_id=SECTION_IDS[0], text=MARK, based_on=None)
    return {"version_id": str(version.pk)}, version


OWNED: dict[str, Factory] = {
    "accounts/tokens/<uuid:token_id>/revoke/": token,
    "journal/<uuid:entry_id>/": journal_entry,
    "journal/<uuid:entry_id>/edit/": journal_entry,
    "journal/<uuid:entry_id>/delete/": journal_entry,
    "api/v1/journal/entries/<entry_id>": journal_entry,
    "coach/drafts/<uuid:draft_id>/": draft,
    "coach/drafts/<uuid:draft_id>/delete/": draft,
    "api/v1/coach/drafts/<draft_id>": draft,
    "api/v1/partners/<partner_id>/end": partner,
    "space/urges/<uuid:urge_id>/edit/": urge,
    "space/urges/<uuid:urge_id>/delete/": urge,
    "api/v1/space/urges/<urge_id>": urge,
    "space/slips/<uuid:slip_id>/edit/": slip,
    "space/slips/<uuid:slip_id>/delete/": slip,
    "api/v1/space/slips/<slip_id>": slip,
    "space/social-checks/<uuid:check_id>/delete/": social_check,
    "api/v1/space/social-checks/<check_id>": social_check,
    "space/letters/<uuid:letter_id>/": letter,
    "space/letters/<uuid:letter_id>/edit/": letter,
    "space/letters/<uuid:letter_id>/delete/": letter,
    "api/v1/space/letters/<letter_id>": letter,
    "trust/entries/<uuid:entry_id>/delete/": trust_entry,
    "api/v1/trust/entries/<entry_id>": trust_entry,
    "trust/commitments/<uuid:commitment_id>/": commitment,
    "trust/commitments/<uuid:commitment_id>/follow-through/": commitment,
    "trust/commitments/<uuid:commitment_id>/delete/": commitment,
    "api/v1/trust/commitments/<commitment_id>": commitment,
    "rituals/<uuid:ritual_id>/delete/": ritual,
    "api/v1/rituals/<ritual_id>": ritual,
    "api/v1/rituals/<ritual_id>/done": ritual,
    "api/v1/rituals/<ritual_id>/done/<day>": ritual_done,
    "rituals/time/<uuid:time_id>/delete/": time_together,
    "api/v1/rituals/time/<time_id>": time_together,
    "rituals/reflection/<uuid:reflection_id>/delete/": reflection,
    "api/v1/rituals/reflections/<reflection_id>": reflection,
    "reminders/<uuid:delivery_id>/read/": reminder_delivery,
    "api/v1/reminders/inbox/<delivery_id>/read": reminder_delivery,
    "reminders/rituals/<uuid:ritual_id>/": ritual,
    "api/v1/reminders/rituals/<ritual_id>": ritual,
    "partner/invite/<uuid:invite_id>/revoke/": partner_invite,
    "api/v1/partner/invites/<invite_id>": partner_invite,
    # A deposit is shared only with the owner's own partner: to anyone else it is missing.
    "partner/ledger/<uuid:entry_id>/": trust_entry,
    "api/v1/partner/confirmations/<entry_id>": trust_entry,
    "api/v1/agreements/versions/<version_id>/accept": agreement_version,
    "api/v1/agreements/versions/<version_id>/withdraw": agreement_version,
}


# Owned routes that answer a missing id with something other than 404, on purpose. The
# answer must still be the same for alex's id as for a missing one, and change nothing.
NO_404: dict[str, str] = {}  # none today: token revoke answers 404 too


# -- parameters that name nothing of anyone's -------------------------------------------------

SampleValues = Callable[[], dict[str, str]]

NOT_OWNED: dict[str, SampleValues] = {
    # Content: the same screens, stages, exercises and checks for everyone.
    "api/v1/safety/screens/<screen_id>": lambda: {"screen_id": "device"},
    "safety/check/<slug:screen_id>/": lambda: {"screen_id": "device"},
    "api/v1/program/stages/<stage_id>": lambda: {"stage_id": "agreements"},
    "api/v1/program/stages/<stage_id>/exercises/<exercise_id>": lambda: {
        "stage_id": "agreements",
        "exercise_id": "how_we_argue",
    },
    "api/v1/program/stages/<stage_id>/exercises/<exercise_id>/answers": lambda: {
        "stage_id": "agreements",
        "exercise_id": "how_we_argue",
    },
    "api/v1/program/stages/<stage_id>/done": lambda: {"stage_id": "agreements"},
    "program/<slug:stage_id>/": lambda: {"stage_id": "agreements"},
    "program/<slug:stage_id>/ready/": lambda: {"stage_id": "agreements"},
    "program/<slug:stage_id>/<slug:exercise_id>/": lambda: {
        "stage_id": "agreements",
        "exercise_id": "how_we_argue",
    },
    "api/v1/wellbeing/<check>": lambda: {"check": "personal"},
    "wellbeing/<slug:check_id>/": lambda: {"check_id": "personal"},
    "trust/entries/new/<slug:direction>/": lambda: {"direction": "deposit"},
    # A day always means the caller's own check-in for that day.
    "api/v1/checkin/<day>": lambda: {"day": today()},
    # Shared exercises are content, the same for every couple; the answers are reached
    # only through the caller's own pairing (tests/api/test_couples_exercises.py).
    "partner/shared/<slug:exercise_id>/": lambda: {"exercise_id": "trust_again"},
    "api/v1/partner/exercises/<exercise_id>": lambda: {"exercise_id": "trust_again"},
    "api/v1/partner/exercises/<exercise_id>/answers": lambda: {"exercise_id": "trust_again"},
    "api/v1/partner/exercises/<exercise_id>/reveal": lambda: {"exercise_id": "trust_again"},
    # An invite code is a secret handed over on purpose, not an id; a wrong one is refused
    # like an unknown one (tests/api/test_couples_pairing.py).
    "partner/join/<str:code>/": lambda: {"code": "ABCD-EFGH-JKMN-PQRS"},
    # The calendar feed's secret stands for its owner; a wrong one is missing
    # (tests/web/test_reminders_feed.py).
    "reminders/feed/<str:token>.ics": lambda: {"token": "not-a-real-feed-token"},
    # Agreement sections are content; the agreement is always the caller's own couple's.
    "agreements/<slug:section_id>/": lambda: {"section_id": first_section()},
    "agreements/<slug:section_id>/draft/": lambda: {"section_id": first_section()},
    "agreements/<slug:section_id>/propose/": lambda: {"section_id": first_section()},
    "api/v1/agreements/<section_id>/history": lambda: {"section_id": first_section()},
    "api/v1/agreements/<section_id>/draft": lambda: {"section_id": first_section()},
    "api/v1/agreements/<section_id>/proposals": lambda: {"section_id": first_section()},
}


def first_section() -> str:
    from heartwork.agreements.sections import SECTION_IDS

    return SECTION_IDS[0]


def test_every_route_with_a_parameter_is_in_the_matrix() -> None:
    missing = [
        route
        for route in every_route()
        if parameters(route) and route not in OWNED and route not in NOT_OWNED
    ]
    assert missing == [], (
        "Add these routes to OWNED (a factory making an object of alex's) or NOT_OWNED "
        "(sample values, and why the parameter names nothing of anyone's) in "
        f"tests/test_authorization_matrix.py: {missing}"
    )


def test_the_matrix_lists_no_route_that_is_gone() -> None:
    routes = set(every_route())
    assert sorted((set(OWNED) | set(NOT_OWNED)) - routes) == []


# -- the people ------------------------------------------------------------------------------


@dataclass
class Caller:
    persona: Persona
    browser: Client
    api: Client

    def send(self, route: str, method: str, values: dict[str, str]) -> Any:
        url = url_for(route, values)
        if is_api(route):
            headers = self.persona.auth
            return self.api.generic(method, url, "{}", "application/json", headers=headers)
        if method == "POST":
            return csrf_post(self.browser, url, {})
        return self.browser.get(url)


def ready(persona: Persona) -> None:
    """Past onboarding and the safety check, so no gate answers before the view looks."""
    tell_situation(persona)
    pass_safety_check(persona)


def pair_with_someone(persona: Persona, email: str) -> None:
    """Pair ``persona`` with a new person, so couple-only code reaches its own checks."""
    from heartwork.couples.services import accept_invite, create_invite

    partner = make_persona(email)
    ready(partner)
    _invite, code = create_invite(user=persona.user)
    accept_invite(user=partner.user, code=code)


@pytest.fixture
def owner(alex: Persona) -> Persona:
    ready(alex)
    pair_with_someone(alex, "casey@example.org")
    return alex


@pytest.fixture
def other(sam: Persona, client_for: Callable[[Persona], Client]) -> Caller:
    ready(sam)
    pair_with_someone(sam, "dana@example.net")
    browser = client_for(sam)
    grant_sudo(browser)
    return Caller(persona=sam, browser=browser, api=Client(enforce_csrf_checks=True))


def methods_for(route: str) -> list[str]:
    return ["GET", "POST", "PUT", "PATCH", "DELETE"] if is_api(route) else ["GET", "POST"]


def snapshot(obj: models.Model) -> dict[str, object]:
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    return {field.attname: getattr(fresh, field.attname) for field in obj._meta.concrete_fields}


def body_of(response: Any) -> str:
    content = getattr(response, "content", b"")
    return content.decode("utf-8", "replace") if isinstance(content, bytes) else ""


def with_missing_ids(values: dict[str, str]) -> dict[str, str]:
    # Only the ids change; a day or a slug next to them stays as it was.
    return {name: MISSING if _is_uuid(value) else value for name, value in values.items()}


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("route", sorted(OWNED))
def test_another_persons_ids_look_like_ids_that_do_not_exist(
    route: str, owner: Persona, other: Caller
) -> None:
    values, obj = OWNED[route](owner.user)
    before = snapshot(obj)
    statuses = {}
    for method in methods_for(route):
        theirs = other.send(route, method, values)
        nobodys = other.send(route, method, with_missing_ids(values))
        where = f"{method} {url_for(route, values)}"
        assert MARK not in body_of(theirs), f"{where} showed alex's words"
        assert theirs.status_code == nobodys.status_code, (
            f"{where}: {theirs.status_code} for alex's id, {nobodys.status_code} for a missing one"
        )
        assert not 200 <= theirs.status_code < 300, where
        assert theirs.status_code not in (403, 500), where
        statuses[method] = theirs.status_code
    if route not in NO_404:
        assert 404 in statuses.values(), f"{route}: no method answered 404: {statuses}"
    assert snapshot(obj) == before, f"{route}: alex's object was changed"


@pytest.mark.parametrize("route", sorted(NOT_OWNED))
def test_routes_whose_parameters_name_nothing_private_never_fail(
    route: str, owner: Persona, other: Caller
) -> None:
    journal_entry(owner.user)
    for values in (NOT_OWNED[route](), dict.fromkeys(parameters(route), "no-such-thing")):
        response = other.send(route, "GET", values)
        assert response.status_code < 500, f"GET {url_for(route, values)}"
        assert MARK not in body_of(response)


@pytest.mark.parametrize("route", [route for route in every_route() if not parameters(route)])
def test_routes_without_parameters_never_fail_and_show_nothing_of_alexs(
    route: str, owner: Persona, other: Caller
) -> None:
    journal_entry(owner.user)
    response = other.send(route, "GET", {})

    assert response.status_code < 500, route
    assert MARK not in body_of(response), route
