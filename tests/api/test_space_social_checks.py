"""/api/v1/space/social-checks: looks at their profile or posts, counted apart from urges."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from tests.api.conftest import JSON, assert_error
from tests.conftest import Persona

URL = "/api/v1/space/social-checks"


def test_a_check_is_counted_now_and_shows_in_the_summary_not_as_an_urge(
    api: Client, alex: Persona
) -> None:
    response = api.post(URL, {}, content_type=JSON, headers=alex.auth)

    assert response.status_code == 201, response.content
    assert set(response.json()) == {"id", "at", "day", "created_at"}
    summary = api.get("/api/v1/space/summary", headers=alex.auth).json()
    assert summary["social_checks_last_7_days"] == 1
    assert summary["urges_last_7_days"] == 0
    assert summary["slips_total"] == 0


def test_a_check_can_be_given_a_past_time_but_not_a_future_one(api: Client, alex: Persona) -> None:
    earlier = (timezone.now() - timedelta(days=9)).isoformat()
    later = (timezone.now() + timedelta(hours=1)).isoformat()

    past = api.post(URL, {"at": earlier}, content_type=JSON, headers=alex.auth)
    future = api.post(URL, {"at": later}, content_type=JSON, headers=alex.auth)

    assert past.status_code == 201
    assert_error(future, 422, "invalid", "at")
    summary = api.get("/api/v1/space/summary", headers=alex.auth).json()
    assert summary["social_checks_previous_7_days"] == 1


def test_checks_are_listed_and_deleted_only_by_their_owner(
    api: Client, alex: Persona, sam: Persona
) -> None:
    check = api.post(URL, {}, content_type=JSON, headers=alex.auth).json()

    assert api.get(URL, headers=sam.auth).json()["count"] == 0
    assert_error(api.delete(f"{URL}/{check['id']}", headers=sam.auth), 404, "not_found", "check_id")
    assert api.delete(f"{URL}/{check['id']}", headers=alex.auth).status_code == 204
    assert api.get(URL, headers=alex.auth).json()["count"] == 0
