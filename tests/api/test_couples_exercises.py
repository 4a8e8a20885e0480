"""/api/v1/partner/exercises: answer alone, then both answers show together."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from heartwork.couples import services
from heartwork.couples.exercises import EXERCISES
from heartwork.safety.selectors import highest_level
from tests.api.conftest import JSON, assert_error, write_entry
from tests.api.test_couples_pairing import make_red, pair
from tests.conftest import Persona, make_persona, stored_text

BASE = "/api/v1/partner/exercises"
ALEX_SAYS = {"need": "Tell me where you are when plans change."}
SAM_SAYS = {"need": "Patience while I find my feet again.", "notice": "Fewer silences."}


@pytest.fixture
def robin(db: None) -> Persona:
    return make_persona("robin@example.com")


@pytest.fixture
def paired(api: Client, alex: Persona, sam: Persona) -> tuple[Persona, Persona]:
    pair(api, alex, sam)
    return alex, sam


def answer(api: Client, persona: Persona, answers: dict[str, Any], ex: str = "trust_again") -> Any:
    return api.post(
        f"{BASE}/{ex}/answers", {"answers": answers}, content_type=JSON, headers=persona.auth
    )


def state(api: Client, persona: Persona, ex: str = "trust_again") -> dict[str, Any]:
    response = api.get(f"{BASE}/{ex}", headers=persona.auth)
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body


def test_the_list_has_every_shared_exercise_with_its_questions(
    api: Client, paired: tuple[Persona, Persona]
) -> None:
    alex, _ = paired

    found = api.get(BASE, headers=alex.auth).json()

    assert [item["id"] for item in found] == [exercise.id for exercise in EXERCISES]
    first = found[0]
    assert first["questions"] and {"id", "text"} == set(first["questions"][0])
    assert (first["round"], first["me_answered"], first["partner_answered"]) == (1, False, False)
    assert first["mine"] is None and first["theirs"] is None


def test_before_both_answered_the_partner_sees_only_that_you_answered(
    api: Client, paired: tuple[Persona, Persona]
) -> None:
    alex, sam = paired

    saved = answer(api, alex, ALEX_SAYS)

    assert saved.status_code == 201, saved.content
    assert saved.json()["mine"] == {"need": ALEX_SAYS["need"], "notice": ""}
    theirs = state(api, sam)
    assert (theirs["partner_answered"], theirs["revealed"], theirs["theirs"]) == (True, False, None)
    assert ALEX_SAYS["need"] not in api.get(BASE, headers=sam.auth).content.decode()
    assert_error(api.get(f"{BASE}/trust_again/reveal", headers=sam.auth), 409, "not_yet")
    assert_error(api.get(f"{BASE}/trust_again/reveal", headers=alex.auth), 409, "not_yet")


def test_once_both_answered_both_see_both_answers(
    api: Client, paired: tuple[Persona, Persona]
) -> None:
    alex, sam = paired
    answer(api, alex, ALEX_SAYS)
    answer(api, sam, SAM_SAYS)

    for me, mine, theirs in ((alex, ALEX_SAYS, SAM_SAYS), (sam, SAM_SAYS, ALEX_SAYS)):
        revealed = api.get(f"{BASE}/trust_again/reveal", headers=me.auth).json()
        assert revealed["revealed"] is True
        assert revealed["mine"]["need"] == mine["need"]
        assert revealed["theirs"]["need"] == theirs["need"]


def test_you_can_change_your_answers_until_your_partner_has_answered(
    api: Client, paired: tuple[Persona, Persona]
) -> None:
    alex, sam = paired
    answer(api, alex, {"need": "First try."})
    answer(api, alex, ALEX_SAYS)
    answer(api, sam, SAM_SAYS)

    revealed = state(api, sam)
    assert (revealed["round"], revealed["theirs"]["need"]) == (1, ALEX_SAYS["need"])


def test_answering_after_a_reveal_starts_a_new_round_hidden_again(
    api: Client, paired: tuple[Persona, Persona]
) -> None:
    alex, sam = paired
    answer(api, alex, ALEX_SAYS)
    answer(api, sam, SAM_SAYS)

    again = answer(api, alex, {"need": "Now: keep the Sunday walks."}).json()

    assert (again["round"], again["revealed"], again["partner_answered"]) == (2, False, False)
    assert state(api, sam)["theirs"] is None


def test_answers_are_stored_encrypted(api: Client, paired: tuple[Persona, Persona]) -> None:
    alex, _ = paired
    answer(api, alex, ALEX_SAYS)

    assert "plans change" not in stored_text("couples_sharedanswer")


def test_bad_answers_are_refused_naming_the_field(
    api: Client, paired: tuple[Persona, Persona]
) -> None:
    alex, _ = paired

    assert_error(answer(api, alex, {"need": "  "}), 422, "invalid", "answers")
    assert_error(answer(api, alex, {"nope": "x"}), 422, "invalid", "answers.nope")
    assert_error(answer(api, alex, {"need": "x" * 3001}), 422, "invalid", "answers.need")
    assert_error(answer(api, alex, ALEX_SAYS, ex="no_such_thing"), 404, "not_found")
    assert_error(
        api.post(f"{BASE}/trust_again/answers", "[]", content_type=JSON, headers=alex.auth), 400
    )


def test_a_safety_finding_in_an_answer_stays_with_the_writer(
    api: Client, paired: tuple[Persona, Persona]
) -> None:
    alex, sam = paired

    answer(api, alex, {"need": "He put his hands around my neck and I couldn't breathe."})

    assert highest_level(alex.user) != "green"
    assert highest_level(sam.user) == "green"
    theirs = state(api, sam)
    assert theirs["theirs"] is None and "safety" not in str(theirs).lower()


def test_a_red_level_pauses_shared_exercises_for_that_person_only(
    api: Client, paired: tuple[Persona, Persona]
) -> None:
    alex, sam = paired
    make_red(alex)

    assert_error(answer(api, alex, ALEX_SAYS), 403, "safety_lock")
    assert answer(api, sam, SAM_SAYS).status_code == 201
    # sam sees only that alex has not answered: nothing about why.
    assert state(api, sam)["partner_answered"] is False


def test_someone_outside_the_couple_gets_404_everywhere(
    api: Client, paired: tuple[Persona, Persona], robin: Persona
) -> None:
    alex, _ = paired
    answer(api, alex, ALEX_SAYS)

    for response in (
        api.get(BASE, headers=robin.auth),
        api.get(f"{BASE}/trust_again", headers=robin.auth),
        api.get(f"{BASE}/trust_again/reveal", headers=robin.auth),
        answer(api, robin, ALEX_SAYS),
    ):
        assert_error(response, 404, "not_paired")


def test_after_unpairing_neither_sees_what_was_shared(
    api: Client, paired: tuple[Persona, Persona]
) -> None:
    alex, sam = paired
    answer(api, alex, ALEX_SAYS)
    answer(api, sam, SAM_SAYS)
    services.unpair(user=alex.user)

    for me in (alex, sam):
        assert_error(api.get(f"{BASE}/trust_again/reveal", headers=me.auth), 404)
        assert_error(api.get(BASE, headers=me.auth), 404)


def test_pairing_again_starts_with_nothing_shared(
    api: Client, paired: tuple[Persona, Persona]
) -> None:
    alex, sam = paired
    answer(api, alex, ALEX_SAYS)
    answer(api, sam, SAM_SAYS)
    services.unpair(user=sam.user)
    pair(api, alex, sam)

    assert state(api, alex)["mine"] is None


def test_the_partner_can_never_reach_a_private_journal_entry(
    api: Client, paired: tuple[Persona, Persona]
) -> None:
    alex, sam = paired
    entry = write_entry(api, alex, body="Only for me.")

    url = f"/api/v1/journal/entries/{entry['id']}"
    for response in (
        api.get(url, headers=sam.auth),
        api.patch(url, {"body": "Mine now."}, content_type=JSON, headers=sam.auth),
        api.delete(url, headers=sam.auth),
    ):
        assert_error(response, 404)
    listed = api.get("/api/v1/journal/entries", headers=sam.auth).content.decode()
    assert "Only for me." not in listed and entry["id"] not in listed
