"""/api/v1/trust/entries: deposits and withdrawals, each with an optional encrypted note."""

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
from heartwork.safety.gate import reconnection_block
from heartwork.safety.selectors import highest_level
from heartwork.trust import services
from heartwork.trust.models import Entry
from tests.api.conftest import JSON, assert_error
from tests.conftest import Persona, stored_text
from tests.program.steps import lock_with_an_order

URL = "/api/v1/trust/entries"
SUMMARY_URL = "/api/v1/trust/summary"
ENTRY_KEYS = {"id", "direction", "kind", "day", "note", "commitment_id", "created_at"}


def post(api: Client, persona: Persona, **body: Any) -> Any:
    return api.post(URL, body, content_type=JSON, headers=persona.auth)


def add(api: Client, persona: Persona, **body: Any) -> dict[str, Any]:
    response = post(api, persona, **{"direction": "deposit", "kind": "kept_word", **body})
    assert response.status_code == 201, response.content
    entry: dict[str, Any] = response.json()
    return entry


def today() -> date:
    return timezone.localdate()


def summary(api: Client, persona: Persona) -> dict[str, Any]:
    response = api.get(SUMMARY_URL, headers=persona.auth)
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


# -- adding ----------------------------------------------------------------------------


def test_a_deposit_comes_back_with_the_documented_fields_dated_today(
    api: Client, alex: Persona
) -> None:
    entry = add(api, alex, kind="stayed_calm", note="  We talked about money and I listened. ")

    assert set(entry) == ENTRY_KEYS
    uuid.UUID(entry["id"])
    assert (entry["direction"], entry["kind"]) == ("deposit", "stayed_calm")
    assert entry["day"] == today().isoformat()
    assert entry["note"] == "We talked about money and I listened."
    assert entry["commitment_id"] is None


def test_a_withdrawal_counts_against_the_balance(api: Client, alex: Persona) -> None:
    add(api, alex)
    add(api, alex, kind="was_present")
    add(api, alex, direction="withdrawal", kind="old_behaviour")

    assert summary(api, alex) == {
        "balance": 1,
        "deposits": 2,
        "withdrawals": 1,
        "ratio": 2.0,
        "follow_through_rate": None,
    }


def test_a_blank_note_is_stored_as_no_note(api: Client, alex: Persona) -> None:
    assert add(api, alex, note="   ")["note"] is None


def test_a_past_day_can_be_given(api: Client, alex: Persona) -> None:
    day = today() - timedelta(days=12)

    assert add(api, alex, day=day.isoformat())["day"] == day.isoformat()


# -- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"direction": "sideways", "kind": "kept_word"}, "direction"),
        ({"direction": "deposit", "kind": "broke_promise"}, "kind"),
        ({"direction": "withdrawal", "kind": "stayed_calm"}, "kind"),
        ({"direction": "deposit", "kind": "own_words"}, "note"),
        ({"direction": "withdrawal", "kind": "own_words", "note": "  "}, "note"),
        ({"direction": "deposit", "kind": "kept_word", "note": "x" * 2001}, "note"),
        ({"direction": "deposit", "kind": "kept_word", "day": "next tuesday"}, "day"),
        ({"direction": "deposit", "kind": "kept_word", "day": "2001-01-01"}, "day"),
        ({"direction": "deposit", "kind": "kept_word", "weight": 10}, "weight"),
        ({"kind": "kept_word"}, "direction"),
    ],
)
def test_bad_input_is_a_422_that_names_the_field_and_saves_nothing(
    api: Client, alex: Persona, body: dict[str, Any], field: str
) -> None:
    response = api.post(URL, body, content_type=JSON, headers=alex.auth)

    assert_error(response, 422, "invalid", field)
    assert Entry.objects.count() == 0


def test_a_day_that_has_not_happened_yet_is_refused(api: Client, alex: Persona) -> None:
    tomorrow = today() + timedelta(days=1)

    response = post(api, alex, direction="deposit", kind="kept_word", day=tomorrow.isoformat())

    error = assert_error(response, 422, "invalid", "day")
    assert "has not happened yet" in error["message"]


def test_own_words_need_a_note(api: Client, alex: Persona) -> None:
    entry = add(api, alex, kind="own_words", note="Made dinner when I said I would.")

    assert entry["kind"] == "own_words"


# -- a day is the person's own day -------------------------------------------------------


def test_late_evening_in_auckland_is_still_that_day_there(alex: Persona) -> None:
    set_time_zone(user=alex.user, name="Pacific/Auckland")
    # 23:30 in Auckland on 31 March 2025 (NZDT, UTC+13) is 10:30 UTC the same day...
    late = datetime(2025, 3, 31, 10, 30, tzinfo=UTC)
    # ...and 00:30 on 1 April there is still 31 March in UTC.
    after_midnight = datetime(2025, 3, 31, 11, 30, tzinfo=UTC)

    first = services.add_entry(user=alex.user, direction="deposit", kind="kept_word", now=late)
    second = services.add_entry(
        user=alex.user, direction="deposit", kind="kept_word", now=after_midnight
    )

    assert (first.day, second.day) == (date(2025, 3, 31), date(2025, 4, 1))


def test_tomorrow_is_judged_where_the_person_lives(alex: Persona) -> None:
    set_time_zone(user=alex.user, name="America/Los_Angeles")
    # 02:00 UTC on 10 March 2025 is still 9 March in Los Angeles (just after the clocks
    # went forward): 10 March has not happened there yet.
    now = datetime(2025, 3, 10, 2, 0, tzinfo=UTC)

    with pytest.raises(services.TrustInputError) as raised:
        services.add_entry(
            user=alex.user, direction="deposit", kind="kept_word", day=date(2025, 3, 10), now=now
        )
    entry = services.add_entry(user=alex.user, direction="deposit", kind="kept_word", now=now)

    assert raised.value.field == "day"
    assert entry.day == date(2025, 3, 9)


# -- listing, reading, changing, deleting ------------------------------------------------


def test_the_list_is_newest_day_first_and_paginated(api: Client, alex: Persona) -> None:
    for days_ago in (5, 0, 9):
        add(api, alex, day=(today() - timedelta(days=days_ago)).isoformat())

    response = api.get(URL, {"limit": 2}, headers=alex.auth)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [item["day"] for item in body["items"]] == [
        today().isoformat(),
        (today() - timedelta(days=5)).isoformat(),
    ]


def test_an_entry_can_be_read_changed_and_deleted(api: Client, alex: Persona) -> None:
    entry = add(api, alex, note="Called when I was late.")
    url = f"{URL}/{entry['id']}"

    assert api.get(url, headers=alex.auth).json() == entry
    changed = api.patch(
        url, {"note": "Called as soon as I knew."}, content_type=JSON, headers=alex.auth
    )
    assert changed.status_code == 200
    assert changed.json()["note"] == "Called as soon as I knew."
    assert changed.json()["day"] == entry["day"]
    cleared = api.patch(url, {"note": None}, content_type=JSON, headers=alex.auth)
    assert cleared.json()["note"] is None
    assert api.delete(url, headers=alex.auth).status_code == 204
    assert_error(api.get(url, headers=alex.auth), 404, "not_found")
    assert summary(api, alex)["deposits"] == 0


def test_a_bad_change_keeps_the_entry_as_it_was(api: Client, alex: Persona) -> None:
    entry = add(api, alex, note="Kept it.")
    url = f"{URL}/{entry['id']}"
    tomorrow = (today() + timedelta(days=1)).isoformat()

    for body, field in (
        ({"day": tomorrow}, "day"),
        ({"day": None}, "day"),
        ({"kind": "x"}, "kind"),
    ):
        assert_error(api.patch(url, body, content_type=JSON, headers=alex.auth), 422, None, field)

    assert api.get(url, headers=alex.auth).json() == entry


def test_another_persons_entries_are_not_found(api: Client, alex: Persona, sam: Persona) -> None:
    entry = add(api, alex, note="Mine alone.")
    url = f"{URL}/{entry['id']}"

    assert_error(api.get(url, headers=sam.auth), 404, "not_found", "entry_id")
    assert_error(api.patch(url, {"note": "x"}, content_type=JSON, headers=sam.auth), 404)
    assert_error(api.delete(url, headers=sam.auth), 404)
    assert api.get(URL, headers=sam.auth).json()["count"] == 0
    assert_error(api.get(f"{URL}/not-an-id", headers=alex.auth), 404)
    assert api.get(url, headers=alex.auth).status_code == 200


def test_without_credentials_it_is_unauthorized(api: Client, db: None) -> None:
    assert_error(api.get(URL), 401, "unauthorized")


# -- private and watched over ------------------------------------------------------------


def test_notes_are_encrypted_at_rest(api: Client, alex: Persona) -> None:
    add(api, alex, note="the quokka-shaped promise about Zanzibar")

    stored = stored_text("trust_entry")

    assert stored
    for marker in ("quokka", "Zanzibar"):
        assert marker not in stored


def test_a_note_about_strangulation_raises_the_safety_level(
    api: Client, alex_checked: Persona
) -> None:
    add(
        api,
        alex_checked,
        direction="withdrawal",
        kind="own_words",
        note="They strangled me last year and I still think about it.",
    )

    assert highest_level(alex_checked.user) == "high_danger"


def test_the_ledger_stays_open_under_a_safety_lock(api: Client, alex: Persona) -> None:
    lock_with_an_order(alex)
    block = reconnection_block(alex.user)
    assert block is not None and block.code == "safety_lock"

    entry = add(api, alex, kind="took_responsibility")

    assert api.get(f"{URL}/{entry['id']}", headers=alex.auth).status_code == 200
    assert summary(api, alex)["deposits"] == 1


def test_listing_costs_the_same_queries_however_many_entries(api: Client, alex: Persona) -> None:
    add(api, alex, note="The first.")
    api.get(URL, headers=alex.auth)
    with CaptureQueriesContext(connection) as few:
        api.get(URL, headers=alex.auth)
    for n in range(30):
        add(api, alex, note=f"Note {n}.")
        made = services.add_commitment(user=alex.user, text=f"Promise {n}.", due=today())
        services.resolve_commitment(commitment=made, status="kept")

    with CaptureQueriesContext(connection) as many:
        listed = api.get(URL, {"limit": 100}, headers=alex.auth).json()

    assert listed["count"] == 61
    assert len(many.captured_queries) == len(few.captured_queries)
