"""/api/v1/space/plan: the cool-down (start, planned length, last contact), set and changed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from heartwork.space import services
from heartwork.space.models import Urge
from tests.api.conftest import JSON, assert_error
from tests.conftest import Persona

URL = "/api/v1/space/plan"


def put(api: Client, persona: Persona, body: Any) -> Any:
    return api.put(URL, body, content_type=JSON, headers=persona.auth)


def days_ago(days: int) -> str:
    return (timezone.localdate() - timedelta(days=days)).isoformat()


def test_there_is_no_cool_down_until_one_is_set(api: Client, alex: Persona) -> None:
    assert_error(api.get(URL, headers=alex.auth), 404, "not_found")


def test_setting_a_cool_down_returns_where_it_stands(api: Client, alex: Persona) -> None:
    response = put(
        api, alex, {"started_on": days_ago(2), "planned_days": 21, "last_contact_on": days_ago(3)}
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["day_number"] == 3
    assert body["days_left"] == 19
    assert body["finished"] is False
    assert api.get(URL, headers=alex.auth).json() == body


def test_no_end_date_is_a_null_length(api: Client, alex: Persona) -> None:
    body = put(api, alex, {"started_on": days_ago(0), "last_contact_on": days_ago(0)}).json()

    assert body["planned_days"] is None
    assert body["ends_on"] is None
    assert body["days_left"] is None


def test_changing_the_cool_down_keeps_everything_logged(api: Client, alex: Persona) -> None:
    put(api, alex, {"started_on": days_ago(5), "planned_days": 14, "last_contact_on": days_ago(6)})
    services.log_urge(user=alex.user, strength=4)

    body = put(
        api, alex, {"started_on": days_ago(5), "planned_days": 60, "last_contact_on": days_ago(6)}
    ).json()

    assert body["planned_days"] == 60
    assert Urge.objects.filter(user=alex.user).count() == 1


def test_future_dates_are_refused_naming_the_field_and_the_saved_plan_stays(
    api: Client, alex: Persona
) -> None:
    put(api, alex, {"started_on": days_ago(5), "planned_days": 14, "last_contact_on": days_ago(6)})
    tomorrow = (timezone.localdate() + timedelta(days=2)).isoformat()

    last = put(
        api, alex, {"started_on": days_ago(1), "planned_days": 14, "last_contact_on": tomorrow}
    )
    start = put(
        api, alex, {"started_on": tomorrow, "planned_days": 14, "last_contact_on": days_ago(1)}
    )

    assert_error(last, 422, "invalid", "last_contact_on")
    assert_error(start, 422, "invalid", "started_on")
    assert api.get(URL, headers=alex.auth).json()["started_on"] == days_ago(5)


def test_lengths_outside_one_to_730_days_and_bad_dates_are_refused(
    api: Client, alex: Persona
) -> None:
    base = {"started_on": days_ago(1), "last_contact_on": days_ago(1)}
    for bad in (0, -3, 731, "30", 2.5, True):
        assert_error(put(api, alex, {**base, "planned_days": bad}), 422, "invalid", "planned_days")
    assert_error(put(api, alex, {**base, "started_on": "2026-02-30"}), 422, "invalid", "started_on")
    assert_error(put(api, alex, {"started_on": days_ago(1)}), 422, "invalid", "last_contact_on")
    assert_error(put(api, alex, {**base, "note": "x"}), 422, "invalid", "note")
    assert_error(put(api, alex, [1]), 400, "bad_request")


def test_a_date_more_than_ten_years_back_is_refused(api: Client, alex: Persona) -> None:
    response = put(api, alex, {"started_on": "2001-01-01", "last_contact_on": days_ago(1)})

    assert_error(response, 422, "invalid", "started_on")


def test_deleting_the_cool_down_keeps_urges(api: Client, alex: Persona) -> None:
    put(api, alex, {"started_on": days_ago(1), "last_contact_on": days_ago(1)})
    services.log_urge(user=alex.user, strength=4)

    response = api.delete(URL, headers=alex.auth)

    assert response.status_code == 204
    assert_error(api.get(URL, headers=alex.auth), 404)
    assert Urge.objects.filter(user=alex.user).count() == 1


def test_each_person_has_their_own_cool_down(api: Client, alex: Persona, sam: Persona) -> None:
    put(api, alex, {"started_on": days_ago(1), "last_contact_on": days_ago(1)})

    assert_error(api.get(URL, headers=sam.auth), 404)
