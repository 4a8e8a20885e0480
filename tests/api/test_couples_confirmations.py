"""/api/v1/partner/confirmations: the partner confirms, or gently questions, deposits."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from heartwork.couples import services
from heartwork.safety.selectors import highest_level
from heartwork.trust.models import Entry
from heartwork.trust.services import add_entry
from tests.api.conftest import JSON, assert_error
from tests.api.test_couples_pairing import make_red, pair
from tests.conftest import Persona, make_persona, stored_text

BASE = "/api/v1/partner/confirmations"
NOTE = "I listened when she talked about her sister."


@pytest.fixture
def robin(db: None) -> Persona:
    return make_persona("robin@example.com")


@pytest.fixture
def paired(api: Client, alex: Persona, sam: Persona) -> tuple[Persona, Persona]:
    pair(api, alex, sam)
    return alex, sam


def deposit(persona: Persona, **extra: Any) -> Entry:
    return add_entry(user=persona.user, direction="deposit", kind="was_present", **extra)


def confirm(api: Client, persona: Persona, entry: Entry, **body: Any) -> Any:
    payload = {"verdict": "confirm", **body}
    return api.put(f"{BASE}/{entry.id}", payload, content_type=JSON, headers=persona.auth)


def test_the_partner_sees_kind_and_day_of_deposits_but_never_the_note(
    api: Client, paired: tuple[Persona, Persona]
) -> None:
    alex, sam = paired
    entry = deposit(alex, note=NOTE)

    response = api.get(f"{BASE}/deposits", headers=sam.auth)

    assert response.status_code == 200
    assert response.json() == [
        {
            "entry_id": str(entry.id),
            "kind": "was_present",
            "day": entry.day.isoformat(),
            "confirmation": None,
        }
    ]
    assert "sister" not in response.content.decode()


def test_withdrawals_and_deposits_from_before_pairing_are_not_shared(
    api: Client, paired: tuple[Persona, Persona]
) -> None:
    alex, sam = paired
    add_entry(user=alex.user, direction="withdrawal", kind="old_behaviour")
    earlier = deposit(alex)
    Entry.objects.filter(pk=earlier.pk).update(created_at=timezone.now() - timedelta(days=30))

    assert api.get(f"{BASE}/deposits", headers=sam.auth).json() == []
    assert_error(confirm(api, sam, earlier), 404)


def test_confirming_shows_up_for_the_owner_with_the_note(
    api: Client, paired: tuple[Persona, Persona]
) -> None:
    alex, sam = paired
    entry = deposit(alex)

    response = confirm(api, sam, entry, note="  Yes, and it meant a lot.  ")

    assert response.status_code == 200, response.content
    assert response.json()["confirmation"]["verdict"] == "confirm"
    mine = api.get(BASE, headers=alex.auth).json()
    assert mine[0]["confirmation"]["note"] == "Yes, and it meant a lot."
    assert "meant a lot" not in stored_text("couples_confirmation")


def test_a_gentle_question_replaces_an_earlier_confirmation(
    api: Client, paired: tuple[Persona, Persona]
) -> None:
    alex, sam = paired
    entry = deposit(alex)
    confirm(api, sam, entry)

    confirm(api, sam, entry, verdict="question", note=None)

    found = api.get(BASE, headers=alex.auth).json()[0]["confirmation"]
    assert (found["verdict"], found["note"]) == ("question", None)


def test_bad_input_names_the_field(api: Client, paired: tuple[Persona, Persona]) -> None:
    alex, sam = paired
    entry = deposit(alex)

    assert_error(confirm(api, sam, entry, verdict="maybe"), 422, "invalid", "verdict")
    missing = api.put(f"{BASE}/{entry.id}", {}, content_type=JSON, headers=sam.auth)
    assert_error(missing, 422, "invalid", "verdict")
    assert_error(confirm(api, sam, entry, note="x" * 501), 422, "invalid", "note")
    assert_error(confirm(api, sam, entry, extra=1), 422, "invalid", "extra")


def test_you_cannot_confirm_your_own_deposit(api: Client, paired: tuple[Persona, Persona]) -> None:
    alex, _ = paired

    assert_error(confirm(api, alex, deposit(alex)), 404)


def test_a_note_is_scanned_for_the_writer_only(
    api: Client, paired: tuple[Persona, Persona]
) -> None:
    alex, sam = paired

    confirm(api, sam, deposit(alex), note="He put his hands around my neck and I couldn't breathe.")

    assert highest_level(sam.user) != "green"
    assert highest_level(alex.user) == "green"


def test_a_red_level_pauses_confirming(api: Client, paired: tuple[Persona, Persona]) -> None:
    alex, sam = paired
    make_red(sam)

    assert_error(confirm(api, sam, deposit(alex)), 403, "safety_lock")


def test_someone_outside_the_couple_gets_404(
    api: Client, paired: tuple[Persona, Persona], robin: Persona
) -> None:
    alex, _ = paired
    entry = deposit(alex)

    for response in (
        api.get(BASE, headers=robin.auth),
        api.get(f"{BASE}/deposits", headers=robin.auth),
        confirm(api, robin, entry),
    ):
        assert_error(response, 404, "not_paired")


def test_after_unpairing_confirmations_are_out_of_sight(
    api: Client, paired: tuple[Persona, Persona]
) -> None:
    alex, sam = paired
    entry = deposit(alex)
    confirm(api, sam, entry)
    services.unpair(user=sam.user)

    assert_error(api.get(BASE, headers=alex.auth), 404, "not_paired")
    assert_error(confirm(api, sam, entry), 404, "not_paired")
    assert_error(api.get(f"/api/v1/trust/entries/{entry.id}", headers=sam.auth), 404)
