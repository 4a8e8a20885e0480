"""/api/v1/trust/commitments: small promises with a due day, and their follow-through."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from heartwork.safety.selectors import highest_level
from heartwork.trust.models import Commitment, Entry
from tests.api.conftest import JSON, assert_error
from tests.conftest import Persona, stored_text

URL = "/api/v1/trust/commitments"
ENTRIES_URL = "/api/v1/trust/entries"
SUMMARY_URL = "/api/v1/trust/summary"
KEYS = {"id", "text", "due", "status", "overdue", "resolved_at", "created_at"}


def today() -> date:
    return timezone.localdate()


def make(api: Client, persona: Persona, text: str = "I call when I'm late.", **body: Any) -> Any:
    due = body.pop("due", (today() + timedelta(days=7)).isoformat())
    response = api.post(
        URL, {"text": text, "due": due, **body}, content_type=JSON, headers=persona.auth
    )
    assert response.status_code == 201, response.content
    return response.json()


def patch(api: Client, persona: Persona, commitment: dict[str, Any], **body: Any) -> Any:
    return api.patch(f"{URL}/{commitment['id']}", body, content_type=JSON, headers=persona.auth)


def summary(api: Client, persona: Persona) -> dict[str, Any]:
    body: dict[str, Any] = api.get(SUMMARY_URL, headers=persona.auth).json()
    return body


def entries(api: Client, persona: Persona) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = api.get(ENTRIES_URL, headers=persona.auth).json()["items"]
    return items


def test_a_commitment_starts_open_with_the_documented_fields(api: Client, alex: Persona) -> None:
    commitment = make(api, alex, text="  I text if I will be late. ")

    assert set(commitment) == KEYS
    uuid.UUID(commitment["id"])
    assert commitment["text"] == "I text if I will be late."
    assert (commitment["status"], commitment["overdue"], commitment["resolved_at"]) == (
        "open",
        False,
        None,
    )


def test_kept_adds_a_deposit_on_the_due_day_and_counts_in_follow_through(
    api: Client, alex: Persona
) -> None:
    due = today() - timedelta(days=2)
    commitment = make(api, alex, due=due.isoformat())
    assert commitment["overdue"] is True

    response = patch(api, alex, commitment, status="kept")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["overdue"]) == ("kept", False)
    [entry] = entries(api, alex)
    assert (entry["direction"], entry["kind"], entry["day"]) == (
        "deposit",
        "kept_word",
        due.isoformat(),
    )
    assert entry["commitment_id"] == commitment["id"]
    assert summary(api, alex)["follow_through_rate"] == 1.0


def test_kept_early_goes_in_the_ledger_today(api: Client, alex: Persona) -> None:
    commitment = make(api, alex)

    patch(api, alex, commitment, status="kept")

    assert entries(api, alex)[0]["day"] == today().isoformat()


def test_not_kept_is_a_withdrawal_and_changing_it_moves_the_same_entry(
    api: Client, alex: Persona
) -> None:
    commitment = make(api, alex)

    patch(api, alex, commitment, status="not_kept")
    assert [(e["direction"], e["kind"]) for e in entries(api, alex)] == [
        ("withdrawal", "broke_promise")
    ]
    patch(api, alex, commitment, status="kept")

    assert [(e["direction"], e["kind"]) for e in entries(api, alex)] == [("deposit", "kept_word")]
    assert Entry.objects.count() == 1


def test_open_again_takes_its_entry_out_of_the_ledger(api: Client, alex: Persona) -> None:
    commitment = make(api, alex)
    patch(api, alex, commitment, status="kept")

    reopened = patch(api, alex, commitment, status="open").json()

    assert (reopened["status"], reopened["resolved_at"]) == ("open", None)
    assert entries(api, alex) == []
    assert summary(api, alex)["follow_through_rate"] is None


def test_the_follow_through_rate_counts_only_decided_commitments(
    api: Client, alex: Persona
) -> None:
    made = [make(api, alex, text=f"Promise {n}.") for n in range(4)]
    patch(api, alex, made[0], status="kept")
    patch(api, alex, made[1], status="kept")
    patch(api, alex, made[2], status="not_kept")

    found = summary(api, alex)

    assert found["follow_through_rate"] == 0.67
    assert (found["deposits"], found["withdrawals"], found["balance"]) == (2, 1, 1)


def test_the_ledger_day_of_a_follow_through_can_be_given(api: Client, alex: Persona) -> None:
    commitment = make(api, alex)
    day = today() - timedelta(days=1)

    patch(api, alex, commitment, status="kept", day=day.isoformat())

    assert entries(api, alex)[0]["day"] == day.isoformat()


def test_the_words_and_due_day_can_change(api: Client, alex: Persona) -> None:
    commitment = make(api, alex)
    due = (today() + timedelta(days=30)).isoformat()

    changed = patch(api, alex, commitment, text="I call before seven.", due=due).json()

    assert (changed["text"], changed["due"], changed["status"]) == (
        "I call before seven.",
        due,
        "open",
    )


def test_the_list_is_soonest_first_and_filters_by_status(api: Client, alex: Persona) -> None:
    later = make(api, alex, text="Later.", due=(today() + timedelta(days=20)).isoformat())
    sooner = make(api, alex, text="Sooner.", due=(today() + timedelta(days=2)).isoformat())
    patch(api, alex, later, status="kept")

    every = api.get(URL, headers=alex.auth).json()
    still_open = api.get(URL, {"status": "open"}, headers=alex.auth).json()

    assert [c["text"] for c in every] == ["Sooner.", "Later."]
    assert [c["id"] for c in still_open] == [sooner["id"]]
    assert_error(api.get(URL, {"status": "maybe"}, headers=alex.auth), 422, "invalid", "status")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "   ", "due": "2030-01-01"}, "text"),
        ({"text": "x" * 301, "due": "2030-01-01"}, "text"),
        ({"text": "I will listen.", "due": "soon"}, "due"),
        ({"text": "I will listen."}, "due"),
        ({"text": "I will listen.", "due": "2999-01-01"}, "due"),
    ],
)
def test_a_bad_commitment_is_a_422_that_names_the_field(
    api: Client, alex: Persona, body: dict[str, Any], field: str
) -> None:
    assert_error(api.post(URL, body, content_type=JSON, headers=alex.auth), 422, "invalid", field)
    assert Commitment.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "half"}, "status"),
        ({"status": None}, "status"),
        ({"text": ""}, "text"),
        ({"due": "1900-01-01"}, "due"),
        ({"day": "2020-01-01"}, "day"),
        ({"status": "kept", "day": "2999-01-01"}, "day"),
        ({"text": "New words.", "status": "kept", "day": "2999-01-01"}, "day"),
    ],
)
def test_a_bad_change_changes_nothing(
    api: Client, alex: Persona, body: dict[str, Any], field: str
) -> None:
    commitment = make(api, alex)

    assert_error(patch(api, alex, commitment, **body), 422, "invalid", field)

    assert api.get(f"{URL}/{commitment['id']}", headers=alex.auth).json() == commitment
    assert entries(api, alex) == []


def test_deleting_a_commitment_takes_its_entry_with_it(api: Client, alex: Persona) -> None:
    commitment = make(api, alex)
    patch(api, alex, commitment, status="kept")

    assert api.delete(f"{URL}/{commitment['id']}", headers=alex.auth).status_code == 204

    assert entries(api, alex) == []
    assert_error(api.get(f"{URL}/{commitment['id']}", headers=alex.auth), 404, "not_found")


def test_another_persons_commitments_are_not_found(
    api: Client, alex: Persona, sam: Persona
) -> None:
    commitment = make(api, alex)
    url = f"{URL}/{commitment['id']}"

    assert_error(api.get(url, headers=sam.auth), 404, "not_found", "commitment_id")
    assert_error(patch(api, sam, commitment, status="kept"), 404)
    assert_error(api.delete(url, headers=sam.auth), 404)
    assert api.get(URL, headers=sam.auth).json() == []
    assert api.get(url, headers=alex.auth).json()["status"] == "open"


def test_the_words_are_encrypted_and_read_by_the_safety_net(
    api: Client, alex_checked: Persona
) -> None:
    make(api, alex_checked, text="Stop reading the quokka phone about Zanzibar.")
    make(api, alex_checked, text="I hid a tracker on their car. I will take it off today.")

    stored = stored_text("trust_commitment")
    assert stored
    assert "quokka" not in stored and "Zanzibar" not in stored
    assert highest_level(alex_checked.user) == "red"
