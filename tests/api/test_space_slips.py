"""/api/v1/space/slips: contact that was not planned, how it happened and what it taught.

A slip adds a contact day and erases nothing: the summary keeps the longest run and the
total of days without contact.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from heartwork.space import services
from heartwork.space.models import Slip
from tests.api.conftest import JSON, assert_error
from tests.conftest import Persona

URL = "/api/v1/space/slips"
KEYS = {"id", "at", "day", "how", "learned", "created_at", "updated_at"}


def post(api: Client, persona: Persona, body: Any) -> Any:
    return api.post(URL, body, content_type=JSON, headers=persona.auth)


def test_a_slip_is_noted_with_how_and_what_was_learned(api: Client, alex: Persona) -> None:
    response = post(api, alex, {"how": "message", "learned": "Late nights are the hardest."})

    assert response.status_code == 201, response.content
    slip = response.json()
    assert set(slip) == KEYS
    assert slip["how"] == "message"
    assert slip["learned"] == "Late nights are the hardest."
    assert api.get(f"{URL}/{slip['id']}", headers=alex.auth).json() == slip


def test_a_slip_resets_days_since_contact_but_keeps_the_longest_run_and_the_total(
    api: Client, alex: Persona
) -> None:
    today = timezone.localdate()
    services.set_plan(
        user=alex.user,
        started_on=today - timedelta(days=14),
        planned_days=30,
        last_contact_on=today - timedelta(days=15),
    )
    before = api.get("/api/v1/space/summary", headers=alex.auth).json()

    post(api, alex, {"how": "call"})

    after = api.get("/api/v1/space/summary", headers=alex.auth).json()
    assert (before["days_since_contact"], after["days_since_contact"]) == (15, 0)
    assert after["slips_total"] == 1
    assert after["longest_run_days"] == 14
    assert after["days_without_contact"] == 14


def test_how_must_be_one_of_the_listed_ways(api: Client, alex: Persona) -> None:
    for bad in ("pigeon", "", None, 3):
        assert_error(post(api, alex, {"how": bad}), 422, "invalid", "how")
    assert_error(post(api, alex, {}), 422, "invalid", "how")
    assert Slip.objects.count() == 0


def test_a_slip_in_the_future_is_refused(api: Client, alex: Persona) -> None:
    later = (timezone.now() + timedelta(days=1)).isoformat()

    assert_error(post(api, alex, {"how": "call", "at": later}), 422, "invalid", "at")


def test_the_list_is_newest_first(api: Client, alex: Persona) -> None:
    now = timezone.now()
    post(api, alex, {"how": "call", "at": (now - timedelta(days=3)).isoformat()})
    post(api, alex, {"how": "message", "at": (now - timedelta(days=1)).isoformat()})

    items = api.get(URL, headers=alex.auth).json()["items"]

    assert [slip["how"] for slip in items] == ["message", "call"]


def test_patch_and_delete_work_only_on_ones_own_slips(
    api: Client, alex: Persona, sam: Persona
) -> None:
    slip = post(api, alex, {"how": "call", "learned": "Tired."}).json()
    url = f"{URL}/{slip['id']}"

    assert_error(api.patch(url, {"how": "message"}, content_type=JSON, headers=sam.auth), 404)
    assert_error(api.delete(url, headers=sam.auth), 404, "not_found", "slip_id")
    changed = api.patch(url, {"how": "in_person"}, content_type=JSON, headers=alex.auth)
    refused = api.patch(url, {"how": None}, content_type=JSON, headers=alex.auth)

    assert changed.json()["how"] == "in_person"
    assert changed.json()["learned"] == "Tired."
    assert_error(refused, 422, "invalid", "how")
    assert api.delete(url, headers=alex.auth).status_code == 204
    assert_error(api.get(url, headers=alex.auth), 404)
