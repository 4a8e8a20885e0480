"""/api/v1/reminders: the reminders list, the in-app inbox, preferences, the check-in and
ritual reminders, and the calendar feed's address."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta

import time_machine
from django.test import Client

from heartwork.accounts.services import set_time_zone
from heartwork.reminders import services
from heartwork.reminders.models import Delivery, Preferences
from heartwork.reminders.sweep import sweep
from heartwork.rituals.services import add_ritual
from tests.api.conftest import JSON, assert_error
from tests.conftest import Persona

URL = "/api/v1/reminders"
NOON = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
REMINDER_KEYS = {"id", "kind", "ref", "repeat", "at", "weekday", "next_fire_at", "last_fired_at"}


def _deliver(persona: Persona, kind: str = "checkin", ref: str = "daily") -> None:
    with time_machine.travel(NOON, tick=False):
        services.schedule(user=persona.user, kind=kind, ref=ref, due_at=NOON)
        sweep()


def test_the_daily_check_in_reminder_is_set_at_a_local_time(api: Client, alex: Persona) -> None:
    set_time_zone(user=alex.user, name="Europe/Paris")
    with time_machine.travel(NOON, tick=False):
        response = api.put(f"{URL}/checkin", {"at": "20:30"}, content_type=JSON, headers=alex.auth)
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == REMINDER_KEYS
    assert (body["kind"], body["repeat"], body["at"], body["weekday"]) == (
        "checkin",
        "daily",
        "20:30",
        None,
    )
    assert body["next_fire_at"] == "2026-06-10T18:30:00Z"  # 20:30 in Paris, summer time
    listed = api.get(URL, headers=alex.auth).json()
    assert [item["id"] for item in listed] == [body["id"]]


def test_turning_the_check_in_reminder_off_removes_it(api: Client, alex: Persona) -> None:
    api.put(f"{URL}/checkin", {"at": "08:00"}, content_type=JSON, headers=alex.auth)
    assert api.delete(f"{URL}/checkin", headers=alex.auth).status_code == 204
    assert api.get(URL, headers=alex.auth).json() == []


def test_a_check_in_time_that_is_not_a_time_is_refused(api: Client, alex: Persona) -> None:
    for body in ({"at": "25:00"}, {"at": "soon"}, {}, {"at": "08:00", "extra": 1}):
        response = api.put(f"{URL}/checkin", body, content_type=JSON, headers=alex.auth)
        assert_error(response, 422)
    response = api.put(
        f"{URL}/checkin", {"at": "08:00", "weekday": 2}, content_type=JSON, headers=alex.auth
    )
    assert_error(response, 422, "invalid", "weekday")


def test_a_weekly_ritual_reminder_needs_its_day(api: Client, alex: Persona) -> None:
    ritual = add_ritual(user=alex.user, name="A walk together", cadence="weekly")
    url = f"{URL}/rituals/{ritual.id}"
    response = api.put(url, {"at": "18:00"}, content_type=JSON, headers=alex.auth)
    assert_error(response, 422, "invalid", "weekday")
    response = api.put(url, {"at": "18:00", "weekday": 7}, content_type=JSON, headers=alex.auth)
    assert_error(response, 422, "invalid", "weekday")
    with time_machine.travel(NOON, tick=False):  # a Wednesday
        response = api.put(url, {"at": "18:00", "weekday": 5}, content_type=JSON, headers=alex.auth)
    assert response.status_code == 200, response.content
    assert response.json()["next_fire_at"] == "2026-06-13T18:00:00Z"  # Saturday
    assert "walk" not in response.content.decode()  # the ritual's name never travels here
    assert api.delete(url, headers=alex.auth).status_code == 204
    assert api.get(URL, headers=alex.auth).json() == []


def test_someone_elses_ritual_looks_like_one_that_does_not_exist(
    api: Client, alex: Persona, sam: Persona
) -> None:
    ritual = add_ritual(user=sam.user, name="Breakfast on Sundays", cadence="daily")
    url = f"{URL}/rituals/{ritual.id}"
    assert_error(api.put(url, {"at": "09:00"}, content_type=JSON, headers=alex.auth), 404)
    assert_error(
        api.put(f"{URL}/rituals/nope", {"at": "09:00"}, content_type=JSON, headers=alex.auth), 404
    )
    assert_error(api.delete(url, headers=alex.auth), 404)


def test_deleting_a_ritual_takes_its_reminder_with_it(api: Client, alex: Persona) -> None:
    ritual = add_ritual(user=alex.user, name="Tea", cadence="daily")
    api.put(f"{URL}/rituals/{ritual.id}", {"at": "17:00"}, content_type=JSON, headers=alex.auth)
    ritual.delete()
    assert api.get(URL, headers=alex.auth).json() == []


def test_the_inbox_lists_unread_reminders_and_marks_them_read(api: Client, alex: Persona) -> None:
    _deliver(alex)
    inbox = api.get(f"{URL}/inbox", headers=alex.auth).json()
    assert inbox["count"] == 1
    item = inbox["items"][0]
    assert set(item) == {"id", "kind", "ref", "fire_at", "read_at"}
    assert (item["kind"], item["read_at"]) == ("checkin", None)
    response = api.post(f"{URL}/inbox/{item['id']}/read", headers=alex.auth)
    assert response.status_code == 204
    assert api.get(f"{URL}/inbox", headers=alex.auth).json()["count"] == 0
    everything = api.get(f"{URL}/inbox?all=true", headers=alex.auth).json()
    assert everything["items"][0]["read_at"] is not None


def test_marking_all_read_says_how_many(api: Client, alex: Persona) -> None:
    _deliver(alex)
    _deliver(alex, kind="agreement_review", ref="a1")
    assert api.post(f"{URL}/inbox/read", headers=alex.auth).json() == {"marked": 2}
    assert api.post(f"{URL}/inbox/read", headers=alex.auth).json() == {"marked": 0}


def test_nobody_can_mark_or_see_another_persons_reminders(
    api: Client, alex: Persona, sam: Persona
) -> None:
    _deliver(alex)
    delivery = Delivery.objects.get(user=alex.user)
    assert api.get(f"{URL}/inbox", headers=sam.auth).json()["count"] == 0
    assert_error(api.post(f"{URL}/inbox/{delivery.id}/read", headers=sam.auth), 404)
    assert_error(api.post(f"{URL}/inbox/not-an-id/read", headers=sam.auth), 404)
    delivery.refresh_from_db()
    assert delivery.read_at is None


def test_preferences_start_with_the_servers_quiet_hours_and_email_off(
    api: Client, alex: Persona
) -> None:
    body = api.get(f"{URL}/preferences", headers=alex.auth).json()
    assert body == {
        "quiet_start": "22:00",
        "quiet_end": "08:00",
        "email": False,
        "email_available": False,
        "feed": False,
    }
    assert not Preferences.objects.filter(user=alex.user).exists()  # reading writes nothing


def test_preferences_can_be_changed_and_bad_values_are_refused(api: Client, alex: Persona) -> None:
    response = api.patch(
        f"{URL}/preferences",
        {"quiet_start": "23:30", "quiet_end": "06:45", "email": True},
        content_type=JSON,
        headers=alex.auth,
    )
    assert response.status_code == 200, response.content
    assert response.json()["quiet_start"] == "23:30"
    assert response.json()["email"] is True
    prefs = Preferences.objects.get(user=alex.user)
    assert (prefs.quiet_start, prefs.quiet_end) == (time(23, 30), time(6, 45))
    for bad in ({"email": "yes"}, {"quiet_start": "late"}, {"colour": "red"}):
        response = api.patch(f"{URL}/preferences", bad, content_type=JSON, headers=alex.auth)
        assert_error(response, 422)


def test_a_calendar_address_is_shown_once_and_can_be_replaced_or_revoked(
    api: Client, alex: Persona
) -> None:
    first = api.post(f"{URL}/feed", headers=alex.auth)
    assert first.status_code == 201
    url = first.json()["url"]
    assert url.startswith("http://127.0.0.1:8000/reminders/feed/") and url.endswith(".ics")
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert token not in str(Preferences.objects.filter(user=alex.user).values().get())
    path = url.removeprefix("http://127.0.0.1:8000")
    assert Client().get(path).status_code == 200
    second = api.post(f"{URL}/feed", headers=alex.auth).json()["url"]
    assert Client().get(path).status_code == 404  # the old address stopped working
    assert api.get(f"{URL}/preferences", headers=alex.auth).json()["feed"] is True
    assert api.delete(f"{URL}/feed", headers=alex.auth).status_code == 204
    assert Client().get(second.removeprefix("http://127.0.0.1:8000")).status_code == 404


def test_every_operation_needs_a_log_in(api: Client) -> None:
    assert_error(api.get(URL), 401)
    assert_error(api.get(f"{URL}/inbox"), 401)
    assert_error(api.put(f"{URL}/checkin", {"at": "08:00"}, content_type=JSON), 401)
    assert_error(api.post(f"{URL}/feed"), 401)


def test_a_reminder_from_the_cool_down_plan_is_listed(api: Client, alex: Persona) -> None:
    from heartwork.space.services import clear_plan, set_plan

    with time_machine.travel(NOON, tick=False):
        set_plan(
            user=alex.user,
            started_on=NOON.date(),
            planned_days=30,
            last_contact_on=NOON.date() - timedelta(days=1),
        )
    listed = api.get(URL, headers=alex.auth).json()
    assert [(r["kind"], r["repeat"], r["next_fire_at"]) for r in listed] == [
        ("cooldown_end", "once", "2026-07-10T09:00:00Z")
    ]
    clear_plan(user=alex.user)
    assert api.get(URL, headers=alex.auth).json() == []


def test_no_ritual_reminder_can_be_set_while_the_safety_lock_holds(
    api: Client, alex: Persona
) -> None:
    from tests.program.steps import lock_with_an_order

    ritual = add_ritual(user=alex.user, name="Tea", cadence="daily")
    lock_with_an_order(alex)
    url = f"{URL}/rituals/{ritual.id}"
    response = api.put(url, {"at": "17:00"}, content_type=JSON, headers=alex.auth)
    assert_error(response, 403, "safety_lock")
    assert api.get(URL, headers=alex.auth).json() == []
    assert api.delete(url, headers=alex.auth).status_code == 204  # turning off stays open


def test_a_time_with_a_zone_is_refused_because_times_follow_the_persons_own_zone(
    api: Client, alex: Persona
) -> None:
    ritual = add_ritual(user=alex.user, name="Tea", cadence="daily")
    for method, url, body, field in (
        ("PUT", f"{URL}/checkin", {"at": "08:00+02:00"}, "at"),
        ("PUT", f"{URL}/rituals/{ritual.id}", {"at": "08:00Z"}, "at"),
        ("PATCH", f"{URL}/preferences", {"quiet_start": "22:00+01:00"}, "quiet_start"),
        ("PATCH", f"{URL}/preferences", {"quiet_end": "07:00-05:00"}, "quiet_end"),
    ):
        response = api.generic(method, url, json.dumps(body), content_type=JSON, headers=alex.auth)
        assert_error(response, 422, "invalid", field)
    assert api.get(URL, headers=alex.auth).json() == []
    assert not Preferences.objects.filter(user=alex.user).exists()


def test_an_inbox_page_far_past_the_end_is_refused_or_empty(api: Client, alex: Persona) -> None:
    huge = api.get(f"{URL}/inbox?offset=835704514679617366236930338795290624", headers=alex.auth)
    assert_error(huge, 422)
    far = api.get(f"{URL}/inbox?offset=1000000", headers=alex.auth)
    assert far.json() == {"items": [], "count": 0}
