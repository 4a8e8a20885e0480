"""/reminders/: what is waiting in the app, the check-in and ritual reminders, quiet hours,
email, and the calendar address."""

from __future__ import annotations

from datetime import UTC, datetime, time

import time_machine
from pytest_django.fixtures import Settings

from heartwork.reminders import services
from heartwork.reminders.models import Delivery, Preferences, Reminder
from heartwork.reminders.sweep import sweep
from heartwork.rituals.services import add_ritual
from tests.conftest import Persona, csrf_post
from tests.web.pages import assert_page_basics, html_of, inline_scripts, inline_styles, source
from tests.web.steps import ClientFor

HOME = "/reminders/"
NOON = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)


def _deliver(persona: Persona, kind: str = "checkin", ref: str = "daily") -> Delivery:
    with time_machine.travel(NOON, tick=False):
        services.schedule(user=persona.user, kind=kind, ref=ref, due_at=NOON)
        sweep()
    return Delivery.objects.get(user=persona.user, reminder__kind=kind)


def test_the_page_has_its_five_parts_and_works_without_scripts(
    alex: Persona, client_for: ClientFor
) -> None:
    response = client_for(alex).get(HOME)
    assert response.status_code == 200
    doc = assert_page_basics(response)
    assert [h.text() for h in doc.find_all("h2")] == [
        "Waiting for you",
        "Daily check-in",
        "Rituals",
        "Quiet hours and email",
        "Calendar",
    ]
    assert inline_scripts(doc) == [] and inline_styles(doc) == []
    assert "no-store" in response["Cache-Control"]
    assert doc.find("a", {"href": HOME}) is not None  # the menu link


def test_someone_logged_out_is_sent_to_log_in(visitor: object) -> None:
    from django.test import Client

    response = Client().get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_delivered_reminder_waits_with_a_link_until_marked_read(
    alex: Persona, client_for: ClientFor
) -> None:
    delivery = _deliver(alex)
    client = client_for(alex)
    doc = html_of(client.get(HOME))
    item = doc.one("li", {"data-delivery": str(delivery.id)})
    assert item.one("a").text() == "Time for your daily check-in."
    assert item.one("a").attrs["href"] == "/checkin/"
    response = csrf_post(client, f"/reminders/{delivery.id}/read/")
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.read_at is not None
    assert "Nothing waiting" in source(client.get(HOME))


def test_mark_all_read_clears_the_list(alex: Persona, client_for: ClientFor) -> None:
    _deliver(alex)
    _deliver(alex, kind="cooldown_end", ref="plan")
    assert csrf_post(client_for(alex), "/reminders/read/").status_code == 302
    assert not Delivery.objects.filter(user=alex.user, read_at__isnull=True).exists()


def test_nobody_can_mark_another_persons_reminder_read(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    delivery = _deliver(alex)
    assert csrf_post(client_for(sam), f"/reminders/{delivery.id}/read/").status_code == 404
    assert client_for(alex).get(f"/reminders/{delivery.id}/read/").status_code == 405
    delivery.refresh_from_db()
    assert delivery.read_at is None


def test_the_check_in_reminder_is_set_and_turned_off_with_the_form(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    assert csrf_post(client, "/reminders/checkin/", {"at": "07:45"}).status_code == 302
    reminder = Reminder.objects.get(user=alex.user, kind="checkin")
    assert (reminder.at, reminder.repeat) == (time(7, 45), "daily")
    assert "Every day at 07:45." in source(client.get(HOME))
    csrf_post(client, "/reminders/checkin/", {"at": "07:45", "off": "1"})
    assert not Reminder.objects.filter(user=alex.user).exists()


def test_a_time_that_is_not_a_time_is_shown_back_with_an_error(
    alex: Persona, client_for: ClientFor
) -> None:
    response = csrf_post(client_for(alex), "/reminders/checkin/", {"at": "half past"})
    assert response.status_code == 200
    errors = html_of(response).find(class_="field-errors")
    assert errors is not None and errors.text()
    assert not Reminder.objects.filter(user=alex.user).exists()


def test_a_weekly_ritual_asks_for_its_day_before_it_gets_a_reminder(
    alex: Persona, client_for: ClientFor
) -> None:
    ritual = add_ritual(user=alex.user, name="Sunday walk", cadence="weekly")
    client = client_for(alex)
    prefix = str(ritual.id)
    url = f"/reminders/rituals/{ritual.id}/"
    response = csrf_post(client, url, {f"{prefix}-at": "10:00", f"{prefix}-weekday": ""})
    assert response.status_code == 200
    assert "Choose the day of the week" in source(response)
    response = csrf_post(client, url, {f"{prefix}-at": "10:00", f"{prefix}-weekday": "6"})
    assert response.status_code == 302
    reminder = Reminder.objects.get(user=alex.user, kind="ritual")
    assert (reminder.ref, reminder.weekday, reminder.at) == (str(ritual.id), 6, time(10, 0))
    page = source(client.get(HOME))
    assert "Sunday walk" in page and "reminder once a week at 10:00" in page


def test_someone_elses_ritual_cannot_get_a_reminder(
    alex: Persona, sam: Persona, client_for: ClientFor
) -> None:
    ritual = add_ritual(user=sam.user, name="Tea", cadence="daily")
    response = csrf_post(
        client_for(alex), f"/reminders/rituals/{ritual.id}/", {f"{ritual.id}-at": "09:00"}
    )
    assert response.status_code == 404
    assert not Reminder.objects.exists()


def test_quiet_hours_and_email_are_saved_from_the_form(
    alex: Persona, client_for: ClientFor, settings: Settings
) -> None:
    settings.HEARTWORK_EMAIL_ENABLED = True
    response = csrf_post(
        client_for(alex),
        "/reminders/preferences/",
        {"quiet_start": "21:00", "quiet_end": "09:30", "email": "on"},
    )
    assert response.status_code == 302
    prefs = Preferences.objects.get(user=alex.user)
    assert (prefs.quiet_start, prefs.quiet_end, prefs.email) == (time(21), time(9, 30), True)
    response = csrf_post(client_for(alex), "/reminders/preferences/", {"quiet_start": "x"})
    assert response.status_code == 200
    assert html_of(response).find(class_="field-errors") is not None


def test_a_new_calendar_address_is_shown_once_and_can_be_turned_off(
    alex: Persona, client_for: ClientFor
) -> None:
    client = client_for(alex)
    response = csrf_post(client, "/reminders/feed/new/")
    assert response.status_code == 200
    address = html_of(response).one("code", class_="secret").text()
    assert address.startswith("http://127.0.0.1:8000/reminders/feed/")
    assert address not in source(client.get(HOME))  # not shown again
    path = address.removeprefix("http://127.0.0.1:8000")
    assert client.get(path).status_code == 200
    assert csrf_post(client, "/reminders/feed/revoke/").status_code == 302
    assert client.get(path).status_code == 404


def test_while_the_safety_lock_holds_a_ritual_reminder_is_not_set(
    alex: Persona, client_for: ClientFor
) -> None:
    from tests.program.steps import lock_with_an_order

    ritual = add_ritual(user=alex.user, name="Tea", cadence="daily")
    lock_with_an_order(alex)
    client = client_for(alex)
    response = csrf_post(client, f"/reminders/rituals/{ritual.id}/", {f"{ritual.id}-at": "17:00"})
    assert response.status_code == 302
    assert "switched off for now" in source(client.get(HOME))
    assert not Reminder.objects.exists()


def test_without_smtp_on_the_server_email_is_not_offered(
    alex: Persona, client_for: ClientFor
) -> None:
    doc = html_of(client_for(alex).get(HOME))
    assert doc.find("input", {"name": "email"}) is None
    assert "does not send email" in doc.text()
    csrf_post(
        client_for(alex),
        "/reminders/preferences/",
        {"quiet_start": "22:00", "quiet_end": "07:00", "email": "on"},
    )
    assert Preferences.objects.get(user=alex.user).email is False


def test_a_daily_ritual_asks_only_for_a_time(alex: Persona, client_for: ClientFor) -> None:
    ritual = add_ritual(user=alex.user, name="Tea", cadence="daily")
    doc = html_of(client_for(alex).get(HOME))
    row = doc.one("li", {"data-ritual": str(ritual.id)})
    assert row.find("select") is None
    url = f"/reminders/rituals/{ritual.id}/"
    assert csrf_post(client_for(alex), url, {f"{ritual.id}-at": "18:30"}).status_code == 302
    reminder = Reminder.objects.get(user=alex.user, kind="ritual")
    assert (reminder.repeat, reminder.at, reminder.weekday) == ("daily", time(18, 30), None)
