"""How a check-in is stored: one encrypted value per day, read back in one pass."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from heartwork.checkin.models import CheckIn, decrypted
from heartwork.checkin.rules import Answers
from heartwork.checkin.services import save_checkin
from heartwork.core.crypto import DecryptionError
from tests.conftest import Persona

ANSWERS: dict[str, object] = {
    "mood": 2,
    "sleep_hours": 5.5,
    "moved": True,
    "movement_minutes": 10,
    "note": "tired",
}


def stored(persona: Persona) -> list[tuple[uuid.UUID, date, bytes]]:
    rows = CheckIn.objects.filter(user=persona.user).order_by("-day")
    return [
        (row_id, day, bytes(blob)) for row_id, day, blob in rows.values_list("id", "day", "data")
    ]


def test_reading_in_one_pass_gives_what_each_row_gives(alex: Persona) -> None:
    save_checkin(user=alex.user, values=ANSWERS)
    row = CheckIn.objects.select_related("user__data_key").get(user=alex.user)

    found = list(decrypted(alex.user, stored(alex)))

    assert found == [(row.day, row.answers)]
    assert row.answers == Answers(
        mood=2, sleep_hours=5.5, moved=True, movement_minutes=10, note="tired"
    )


def test_a_value_copied_into_another_row_does_not_decrypt(alex: Persona) -> None:
    save_checkin(user=alex.user, values=ANSWERS)
    ((_, _, blob),) = stored(alex)
    other = CheckIn(user=alex.user, day=date(2000, 1, 1))
    other.set_answers(Answers(mood=5))
    other.save(force_insert=True)

    with pytest.raises(DecryptionError):
        list(decrypted(alex.user, [(other.id, other.day, blob)]))


def test_a_value_copied_into_another_persons_account_does_not_decrypt(
    alex: Persona, sam: Persona
) -> None:
    save_checkin(user=alex.user, values=ANSWERS)
    ((row_id, day, blob),) = stored(alex)

    with pytest.raises(DecryptionError):
        list(decrypted(sam.user, [(row_id, day, blob)]))


def test_the_stored_value_holds_no_answer_in_the_clear(alex: Persona) -> None:
    save_checkin(user=alex.user, values={**ANSWERS, "note": "marmalade kite"})
    ((_, _, blob),) = stored(alex)

    assert b"marmalade" not in blob
    assert b"mood" not in blob
