"""/api/v1/rituals: small rituals, the days they were done, and the summary."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from heartwork.accounts.services import set_time_zone
from heartwork.rituals import selectors, services
from heartwork.rituals.models import Ritual, RitualDone
from heartwork.safety.selectors import highest_level
from tests.api.conftest import JSON, assert_error
from tests.conftest import Persona, stored_text

URL = "/api/v1/rituals"
KEYS = {"id", "name", "cadence", "done_now", "kept", "periods", "last_done", "created_at"}


def today() -> date:
    return timezone.localdate()


def make(
    api: Client, persona: Persona, name: str = "Tea after work", cadence: str = "daily"
) -> Any:
    response = api.post(
        URL, {"name": name, "cadence": cadence}, content_type=JSON, headers=persona.auth
    )
    assert response.status_code == 201, response.content
    return response.json()


def done(api: Client, persona: Persona, ritual: dict[str, Any], **body: Any) -> Any:
    return api.post(f"{URL}/{ritual['id']}/done", body, content_type=JSON, headers=persona.auth)


def test_a_ritual_comes_back_with_the_documented_fields(api: Client, alex_checked: Persona) -> None:
    ritual = make(api, alex_checked, name="  A walk on Sundays ", cadence="weekly")

    assert set(ritual) == KEYS
    uuid.UUID(ritual["id"])
    assert (ritual["name"], ritual["cadence"]) == ("A walk on Sundays", "weekly")
    assert (ritual["done_now"], ritual["kept"], ritual["periods"], ritual["last_done"]) == (
        False,
        0,
        0,
        None,
    )


def test_done_today_is_201_then_200_and_counts_once(api: Client, alex_checked: Persona) -> None:
    ritual = make(api, alex_checked)

    first = done(api, alex_checked, ritual)
    again = done(api, alex_checked, ritual)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == {"ritual_id": ritual["id"], "day": today().isoformat()}
    found = api.get(f"{URL}/{ritual['id']}", headers=alex_checked.auth).json()
    assert (found["done_now"], found["kept"], found["periods"]) == (True, 1, 1)
    assert found["last_done"] == today().isoformat()
    assert RitualDone.objects.count() == 1


def test_earlier_days_count_over_the_last_four_weeks(api: Client, alex_checked: Persona) -> None:
    ritual = make(api, alex_checked)
    for days_ago in (1, 3, 40):
        done(api, alex_checked, ritual, day=(today() - timedelta(days=days_ago)).isoformat())

    found = api.get(f"{URL}/{ritual['id']}", headers=alex_checked.auth).json()

    assert (found["done_now"], found["kept"], found["periods"]) == (False, 2, 27)
    days = api.get(f"{URL}/{ritual['id']}/done", headers=alex_checked.auth).json()
    assert [item["day"] for item in days["items"]] == [
        (today() - timedelta(days=n)).isoformat() for n in (1, 3, 40)
    ]


def test_a_day_can_be_taken_back_out(api: Client, alex_checked: Persona) -> None:
    ritual = make(api, alex_checked)
    done(api, alex_checked, ritual)
    url = f"{URL}/{ritual['id']}/done/{today().isoformat()}"

    assert api.delete(url, headers=alex_checked.auth).status_code == 204
    assert_error(api.delete(url, headers=alex_checked.auth), 404, "not_found", "day")
    assert RitualDone.objects.count() == 0


def test_the_list_is_oldest_first(api: Client, alex_checked: Persona) -> None:
    make(api, alex_checked, name="First")
    make(api, alex_checked, name="Second", cadence="weekly")

    listed = api.get(URL, headers=alex_checked.auth).json()

    assert [r["name"] for r in listed] == ["First", "Second"]


def test_a_ritual_can_be_renamed_and_deleted_with_its_days(
    api: Client, alex_checked: Persona
) -> None:
    ritual = make(api, alex_checked)
    done(api, alex_checked, ritual)
    url = f"{URL}/{ritual['id']}"

    changed = api.patch(
        url,
        {"name": "Tea at six", "cadence": "weekly"},
        content_type=JSON,
        headers=alex_checked.auth,
    )
    assert changed.status_code == 200
    assert (changed.json()["name"], changed.json()["cadence"]) == ("Tea at six", "weekly")
    assert api.delete(url, headers=alex_checked.auth).status_code == 204
    assert (Ritual.objects.count(), RitualDone.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "  ", "cadence": "daily"}, "name"),
        ({"name": "x" * 121, "cadence": "daily"}, "name"),
        ({"name": "Tea", "cadence": "hourly"}, "cadence"),
        ({"name": "Tea"}, "cadence"),
        ({"name": "Tea", "cadence": "daily", "colour": "red"}, "colour"),
    ],
)
def test_a_bad_ritual_is_a_422_naming_the_field(
    api: Client, alex_checked: Persona, body: dict[str, Any], field: str
) -> None:
    response = api.post(URL, body, content_type=JSON, headers=alex_checked.auth)

    assert_error(response, 422, "invalid", field)
    assert Ritual.objects.count() == 0


def test_a_bad_change_keeps_the_ritual(api: Client, alex_checked: Persona) -> None:
    ritual = make(api, alex_checked)
    url = f"{URL}/{ritual['id']}"

    for body, field in (
        ({"cadence": "hourly", "name": "New"}, "cadence"),
        ({"name": None}, "name"),
    ):
        response = api.patch(url, body, content_type=JSON, headers=alex_checked.auth)
        assert_error(response, 422, "invalid", field)

    assert api.get(url, headers=alex_checked.auth).json() == ritual


def test_a_future_day_or_a_bad_date_is_refused(api: Client, alex_checked: Persona) -> None:
    ritual = make(api, alex_checked)
    tomorrow = (today() + timedelta(days=1)).isoformat()

    assert_error(done(api, alex_checked, ritual, day=tomorrow), 422, "invalid", "day")
    assert_error(done(api, alex_checked, ritual, day="yesterday"), 422, "invalid", "day")
    assert RitualDone.objects.count() == 0


def test_another_persons_ritual_is_not_found(
    api: Client, alex_checked: Persona, sam: Persona
) -> None:
    from tests.conftest import pass_safety_check

    pass_safety_check(sam)
    ritual = make(api, alex_checked)
    url = f"{URL}/{ritual['id']}"

    assert_error(api.get(url, headers=sam.auth), 404, "not_found", "ritual_id")
    assert_error(api.patch(url, {"name": "Mine"}, content_type=JSON, headers=sam.auth), 404)
    assert_error(done(api, sam, ritual), 404)
    assert_error(api.delete(url, headers=sam.auth), 404)
    assert_error(api.get(f"{url}/done", headers=sam.auth), 404)
    assert api.get(URL, headers=sam.auth).json() == []
    assert api.get(url, headers=alex_checked.auth).status_code == 200


def test_names_are_encrypted_and_read_by_the_safety_net(api: Client, alex_checked: Persona) -> None:
    make(api, alex_checked, name="Quokka walk to Zanzibar cafe")
    make(api, alex_checked, name="I hid a tracker on their car")

    stored = stored_text("rituals_ritual")
    assert stored  # the rows are there, in some form
    assert "Quokka" not in stored and "Zanzibar" not in stored
    assert highest_level(alex_checked.user) == "red"


def test_done_days_follow_the_persons_own_day(alex_checked: Persona) -> None:
    set_time_zone(user=alex_checked.user, name="Australia/Sydney")
    ritual = services.add_ritual(user=alex_checked.user, name="Tea", cadence="daily")
    # 22:30 UTC on 5 April 2025 is 08:30 on 6 April in Sydney, a few hours after the
    # clocks went back from UTC+11 to UTC+10.
    now = datetime(2025, 4, 5, 22, 30, tzinfo=UTC)

    row, created = services.mark_done(ritual=ritual, now=now)

    assert (row.day, created) == (date(2025, 4, 6), True)
    [found] = selectors.ritual_rows(alex_checked.user, now=now)
    assert found.record.done_now


def test_the_summary_counts_rituals_minutes_and_reflections(
    api: Client, alex_checked: Persona
) -> None:
    daily = make(api, alex_checked)
    make(api, alex_checked, name="Film night", cadence="weekly")
    done(api, alex_checked, daily)
    services.log_time(user=alex_checked.user, minutes=45, what="A walk.")
    services.log_time(user=alex_checked.user, minutes=20, day=today() - timedelta(days=20))
    services.add_reflection(user=alex_checked.user, text="Their laugh.")

    found = api.get(f"{URL}/summary", headers=alex_checked.auth).json()

    assert found["rituals"] == 2
    assert found["done_now"] == 1
    assert found["minutes_last_28_days"] == 65
    assert found["minutes_this_week"] in {45, 65}
    assert found["reflections"] == 1


def test_the_list_costs_the_same_queries_with_a_long_history(
    api: Client, alex_checked: Persona
) -> None:
    ritual = services.add_ritual(user=alex_checked.user, name="Tea", cadence="daily")
    api.get(URL, headers=alex_checked.auth)
    with CaptureQueriesContext(connection) as few:
        api.get(URL, headers=alex_checked.auth)
    for days_ago in range(0, 700, 2):
        services.mark_done(ritual=ritual, day=today() - timedelta(days=days_ago))
    services.add_ritual(user=alex_checked.user, name="Walk", cadence="weekly")

    with CaptureQueriesContext(connection) as many:
        listed = api.get(URL, headers=alex_checked.auth).json()

    assert len(listed) == 2
    assert len(many.captured_queries) == len(few.captured_queries)


def test_without_credentials_it_is_unauthorized(api: Client, db: None) -> None:
    assert_error(api.get(URL), 401, "unauthorized")
