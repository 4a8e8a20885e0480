"""Shared test setup and the personas every test file uses.

The environment is set here, before Django loads its settings, because the
settings module reads nothing but the environment.
"""

from __future__ import annotations

import base64
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import timedelta

_DATA_DIR = tempfile.mkdtemp(prefix="heartwork-tests-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heartwork.settings")
os.environ["HEARTWORK_DATA_DIR"] = _DATA_DIR
os.environ["HEARTWORK_SECRET_KEY"] = "tests-only-secret-key-that-is-long-enough-0123456789"
# A fixed, test-only master key: never use a key that appears in a repository.
os.environ["HEARTWORK_MASTER_KEY"] = "test1:" + base64.urlsafe_b64encode(bytes(range(32))).decode()
os.environ.pop("HEARTWORK_MASTER_KEY_FILE", None)
os.environ.pop("HEARTWORK_SECRET_KEY_FILE", None)

import django  # noqa: E402

django.setup()

import pytest  # noqa: E402
from django.conf import settings as django_settings  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402
from pytest_django.fixtures import Settings  # noqa: E402

from heartwork.accounts.models import User  # noqa: E402
from heartwork.accounts.services import create_account, issue_token  # noqa: E402
from heartwork.partners.models import Partner  # noqa: E402

PASSWORD = "a long and unusual passphrase 42"


@dataclass
class Persona:
    user: User
    password: str
    token: str

    @property
    def email(self) -> str:
        return self.user.email

    @property
    def auth(self) -> dict[str, str]:
        """Headers for an API call as this person."""
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Settings) -> None:
    # Argon2 is tuned to be slow on purpose; tests/web/test_password_hashing.py checks it
    # is the configured hasher, every other test uses a fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_persona(email: str) -> Persona:
    user = create_account(email=email, password=PASSWORD)
    _, raw = issue_token(user=user, label="tests")
    return Persona(user=user, password=PASSWORD, token=raw)


@pytest.fixture
def alex(db: None) -> Persona:
    """Someone using Heartwork alone after a break-up."""
    return make_persona("alex@example.org")


@pytest.fixture
def sam(db: None) -> Persona:
    """A second, unrelated person: nothing of alex's may ever reach sam, or the reverse."""
    return make_persona("sam@example.net")


@pytest.fixture
def client_for() -> Iterator[Callable[[Persona], Client]]:
    """A browser session logged in as a persona (CSRF checks switched on)."""

    def login(persona: Persona) -> Client:
        client = Client(enforce_csrf_checks=True)
        client.force_login(persona.user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    yield login


@pytest.fixture
def api() -> Client:
    """A plain client for JSON API calls; pass ``headers=persona.auth`` to authenticate."""
    return Client(enforce_csrf_checks=True)


def csrf_post(client: Client, url: str, data: Mapping[str, object] | None = None) -> HttpResponse:
    """POST a form the way a browser does: with a CSRF cookie and the matching token."""
    token = get_random_string(32)
    client.cookies[django_settings.CSRF_COOKIE_NAME] = token
    payload = dict(data or {})
    payload["csrfmiddlewaretoken"] = token
    return client.post(url, payload)  # type: ignore[return-value]


def answer_all(screen_id: str, answer: str = "no", **overrides: str) -> dict[str, str]:
    """Answers to every question of a screen (follow-ups included), with some changed."""
    from heartwork.safety.screens import screen

    answers = {item.id: answer for item in screen(screen_id).items}
    answers.update(overrides)
    return answers


def stored_text(*tables: str) -> str:
    """Every row of ``tables`` as the database holds it, as one string, on SQLite and on
    PostgreSQL alike: for checking that what someone wrote is not stored in the clear."""
    from django.db import connection

    rows: list[str] = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows += [repr(row) for row in cursor.fetchall()]
    return "\n".join(rows)


# A calm situation: apart for a month, no betrayal, no request for space.
SITUATION = {
    "standing": "apart",
    "who_ended": "them",
    "since_when": "this_month",
    "last_contact": "this_week",
    "betrayal": "none",
    "asked_for_space": "not_asked",
}


def tell_situation(persona: Persona, **changes: str) -> None:
    """Answer the onboarding situation questions, as the /start/ page would."""
    from heartwork.program.services import answer_situation

    answer_situation(user=persona.user, answers={**SITUATION, **changes})


def pass_safety_check(persona: Persona, partner_name: str = "Jo") -> Partner:
    """Name a partner and answer every screen with nothing to report: a green pair."""
    from heartwork.partners.services import add_partner
    from heartwork.safety.services import record_screen

    partner = add_partner(user=persona.user, name=partner_name)
    for screen_id in ("device", "mood"):
        record_screen(user=persona.user, screen_id=screen_id, answers=answer_all(screen_id))
    for screen_id in ("contact", "harm", "mirror"):
        record_screen(
            user=persona.user, screen_id=screen_id, answers=answer_all(screen_id), partner=partner
        )
    return partner


@pytest.fixture
def alex_checked(alex: Persona) -> Persona:
    """alex, having named a partner and passed the safety check: coaching is open."""
    pass_safety_check(alex)
    return alex


def age_answers(persona: Persona, partner: Partner, by: timedelta) -> None:
    """Make the answers about ``partner`` look ``by`` older."""
    from heartwork.safety import standing as rules
    from heartwork.safety.models import SafetyStanding

    row = SafetyStanding.objects.get(user=persona.user, partner=partner)
    standing = row.standing
    marks = {
        key: rules.Mark(level=mark.level, codes=mark.codes, at=mark.at - by)
        for key, mark in standing.marks.items()
    }
    row.standing = rules.Standing(marks=marks, floors=standing.floors)
    row.save()
