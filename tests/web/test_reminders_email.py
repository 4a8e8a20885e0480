"""Reminder emails say nothing about the reminder: every template in
templates/reminders/email/, for every kind, in discreet mode and out of it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.template.loader import render_to_string
from pytest_django.fixtures import Settings

import heartwork.reminders
from heartwork.reminders import mail as reminder_mail
from heartwork.reminders import services
from heartwork.reminders.models import KINDS
from heartwork.reminders.sweep import sweep
from heartwork.rituals.services import add_ritual
from tests.conftest import Persona

NOON = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
TEMPLATE_DIR = Path(heartwork.reminders.__file__).parent / "templates" / "reminders" / "email"
# Words that would say what a reminder is about, or what the app is for.
REVEALING = [
    "check-in",
    "checkin",
    "cool",
    "agreement",
    "review",
    "ritual",
    "partner",
    "relationship",
    "breakup",
    "break-up",
    "contact",
    "space",
    "trust",
    "safety",
]


def _all_templates() -> list[str]:
    return sorted(f"reminders/email/{path.name}" for path in TEMPLATE_DIR.iterdir())


def test_every_email_template_is_one_the_sender_uses() -> None:
    assert _all_templates() == sorted(reminder_mail.TEMPLATES)


@pytest.mark.parametrize("template", _all_templates())
@pytest.mark.parametrize("discreet", [True, False])
def test_no_email_template_carries_content(alex: Persona, template: str, discreet: bool) -> None:
    alex.user.discreet_mode = discreet
    rendered = render_to_string(template, reminder_mail.context_for(alex.user)).lower()
    for word in REVEALING:
        assert word not in rendered, (template, word)
    assert ("heartwork" in rendered.replace("127.0.0.1", "")) is (not discreet)
    assert "http://127.0.0.1:8000/reminders/" in rendered


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_reminder_sends_the_very_same_email(
    alex: Persona, sam: Persona, settings: Settings, kind: str
) -> None:
    settings.HEARTWORK_EMAIL_ENABLED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ritual = add_ritual(user=alex.user, name="Our secret tea ritual", cadence="daily")
    for persona, ref in ((alex, str(ritual.id)), (sam, "daily")):
        services.set_preferences(user=persona.user, email=True)
        with time_machine.travel(NOON, tick=False):
            services.schedule(user=persona.user, kind=kind, ref=ref, due_at=NOON)
            sweep()
    assert len(mail.outbox) == 2
    first, second = mail.outbox
    assert (first.subject, first.body) == (second.subject, second.body)
    assert first.subject == "A reminder"
    assert first.from_email == "Notes <reminders@localhost>"  # discreet mode is on by default
    html = first.alternatives[0][0]  # type: ignore[union-attr]
    for text in (first.subject, first.body, str(html), first.from_email):
        lowered = text.lower()
        assert str(ritual.id) not in lowered and "tea" not in lowered
        for word in REVEALING:
            assert word not in lowered, (kind, word)


def test_out_of_discreet_mode_the_sender_is_the_apps_name(alex: Persona) -> None:
    alex.user.discreet_mode = False
    message = reminder_mail.message_for(alex.user)
    assert message.from_email == "Heartwork <reminders@localhost>"
    assert message.subject == "A reminder"
