"""/reminders/feed/<token>.ics: the private calendar feed, with generic titles only."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import time_machine
from django.test import Client

from heartwork.accounts.services import set_time_zone
from heartwork.reminders import services
from heartwork.reminders.ics import Event, calendar
from heartwork.rituals.services import add_ritual
from tests.conftest import Persona

NOON = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)


def _feed(persona: Persona) -> str:
    token = services.new_feed_token(user=persona.user)
    return f"/reminders/feed/{token}.ics"


def _events(body: str) -> list[dict[str, str]]:
    events: list[dict[str, str]] = []
    current: dict[str, str] = {}
    for line in body.split("\r\n"):
        key, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
        else:
            current[key] = value
    return events


def test_the_feed_lists_the_next_sixty_days_with_a_generic_title(alex: Persona) -> None:
    set_time_zone(user=alex.user, name="America/Chicago")
    ritual = add_ritual(user=alex.user, name="Our Sunday pancakes", cadence="weekly")
    with time_machine.travel(NOON, tick=False):
        services.schedule_local(
            user=alex.user, kind="ritual", ref=str(ritual.id), at=time(9), weekday=6
        )
        services.schedule(
            user=alex.user, kind="cooldown_end", ref="plan", due_at=NOON + timedelta(days=3)
        )
        path = _feed(alex)
        response = Client().get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    events = _events(body)
    assert len(events) == 1 + 8  # the one-off, and the eight Sundays in sixty days
    assert {event["SUMMARY"] for event in events} == {"A reminder"}
    assert "X-WR-CALNAME:Notes" in body  # discreet mode is on by default
    assert "20260614T140000Z" in body  # Sunday 09:00 in Chicago
    lowered = body.lower()
    for word in ("pancake", "ritual", "cool", "agreement", "check-in", "heartwork", str(ritual.id)):
        assert word not in lowered.replace("/reminders/", ""), word
    assert len({event["UID"] for event in events}) == len(events)


def test_a_wrong_or_revoked_token_finds_nothing(alex: Persona) -> None:
    path = _feed(alex)
    assert Client().get("/reminders/feed/not-the-token.ics").status_code == 404
    assert Client().get("/reminders/feed/" + "x" * 300 + ".ics").status_code == 404
    services.revoke_feed(user=alex.user)
    assert Client().get(path).status_code == 404


def test_a_feed_shows_only_its_owners_reminders(alex: Persona, sam: Persona) -> None:
    with time_machine.travel(NOON, tick=False):
        services.schedule(user=sam.user, kind="checkin", ref="daily", due_at=NOON + timedelta(1))
        body = Client().get(_feed(alex)).content.decode()
    assert "BEGIN:VEVENT" not in body


def test_long_lines_are_folded_and_text_is_escaped() -> None:
    body = calendar(
        name="A; name, with\\ marks",
        title="x" * 100,
        link="https://example.org/reminders/",
        events=[Event(uid="u1", start=NOON)],
        now=NOON,
    )
    assert "X-WR-CALNAME:A\\; name\\, with\\\\ marks\r\n" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert "\r\n x" in body
