"""/api/v1/agreements: the sections, solo drafts, proposals and answers between partners,
history, conflicts and the review date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from heartwork.accounts.selectors import zone_of
from heartwork.agreements.models import AgreementVersion
from heartwork.core.keys import create_data_key
from heartwork.core.timezones import local_day
from heartwork.couples.models import Couple
from heartwork.reminders.models import Reminder
from tests.api.conftest import JSON, assert_error
from tests.conftest import Persona, make_persona
from tests.program.steps import lock_with_an_order

URL = "/api/v1/agreements"
SECTION_IDS = [
    "arguments",
    "time_together",
    "other_people",
    "safe_loved_respected",
    "non_negotiables",
    "stress_as_a_team",
]
VERSION_KEYS = {
    "id",
    "section",
    "number",
    "text",
    "status",
    "based_on",
    "proposed_by",
    "proposed_at",
    "accepted_by",
    "accepted_at",
    "closed_at",
}
WORDS = "We never call each other names. A break is fine; we say when we will be back."


@pytest.fixture
def couple(alex: Persona, sam: Persona) -> Couple:
    return Couple.objects.create(user_a=alex.user, user_b=sam.user, data_key=create_data_key())


def overview(api: Client, persona: Persona) -> dict[str, Any]:
    response = api.get(URL, headers=persona.auth)
    assert response.status_code == 200, response.content
    document: dict[str, Any] = response.json()
    return document


def part(document: dict[str, Any], section_id: str = "arguments") -> dict[str, Any]:
    found: dict[str, Any] = next(s for s in document["sections"] if s["id"] == section_id)
    return found


def propose(
    api: Client,
    persona: Persona,
    based_on: str | None,
    text: str = WORDS,
    section: str = "arguments",
) -> Any:
    return api.post(
        f"{URL}/{section}/proposals",
        {"text": text, "based_on": based_on},
        content_type=JSON,
        headers=persona.auth,
    )


def answer(api: Client, persona: Persona, version_id: str, action: str) -> Any:
    return api.post(f"{URL}/versions/{version_id}/{action}", headers=persona.auth)


# -- reading and solo drafts -----------------------------------------------------------


def test_alone_every_section_comes_with_its_prompt_and_starters(api: Client, alex: Persona) -> None:
    document = overview(api, alex)
    assert document["mode"] == "solo" and document["locked"] is False
    assert document["review_on"] is None
    assert [s["id"] for s in document["sections"]] == SECTION_IDS
    for entry in document["sections"]:
        assert entry["title"] and entry["prompt"] and len(entry["starters"]) >= 2
        assert (entry["draft"], entry["current"], entry["pending"], entry["head"]) == (
            None,
            None,
            None,
            None,
        )


def test_a_solo_draft_is_saved_read_back_and_deleted(api: Client, alex: Persona) -> None:
    url = f"{URL}/time_together/draft"
    saved = api.put(url, {"text": "Phones away at dinner."}, content_type=JSON, headers=alex.auth)
    assert saved.status_code == 200, saved.content
    assert saved.json()["text"] == "Phones away at dinner."
    assert part(overview(api, alex), "time_together")["draft"]["text"] == "Phones away at dinner."
    assert api.delete(url, headers=alex.auth).status_code == 204
    assert part(overview(api, alex), "time_together")["draft"] is None
    assert_error(api.delete(url, headers=alex.auth), 404, "not_found")


def test_a_draft_stays_private_even_from_the_partner(
    api: Client, alex: Persona, sam: Persona, couple: Couple
) -> None:
    api.put(f"{URL}/arguments/draft", {"text": "Mine."}, content_type=JSON, headers=alex.auth)
    assert part(overview(api, sam))["draft"] is None


def test_bad_drafts_get_a_clear_error_naming_the_field(api: Client, alex: Persona) -> None:
    url = f"{URL}/arguments/draft"
    assert_error(
        api.put(url, {"text": " "}, content_type=JSON, headers=alex.auth), 422, "invalid", "text"
    )
    long = {"text": "x" * 4001}
    assert_error(api.put(url, long, content_type=JSON, headers=alex.auth), 422, "invalid", "text")
    extra = {"text": "ok", "mood": 3}
    assert_error(api.put(url, extra, content_type=JSON, headers=alex.auth), 422, "invalid", "mood")
    surrogate = '{"text": "a\\ud800b"}'
    odd = api.put(url, surrogate, content_type=JSON, headers=alex.auth)
    assert_error(odd, 422, "invalid", "text")
    unknown = f"{URL}/chores/draft"
    assert_error(api.put(unknown, {"text": "ok"}, content_type=JSON, headers=alex.auth), 404)


def test_the_api_needs_a_login(api: Client) -> None:
    assert_error(api.get(URL), 401, "unauthorized")


# -- with a partner --------------------------------------------------------------------


def test_partners_propose_and_accept_and_each_sees_who_did_what(
    api: Client, alex: Persona, sam: Persona, couple: Couple
) -> None:
    made = propose(api, alex, None)
    assert made.status_code == 201, made.content
    version = made.json()
    assert set(version) == VERSION_KEYS
    assert (version["status"], version["number"], version["proposed_by"]) == ("pending", 1, "you")

    seen = part(overview(api, sam))
    assert overview(api, sam)["mode"] == "couple"
    assert seen["pending"]["text"] == WORDS and seen["pending"]["proposed_by"] == "partner"
    assert seen["head"] == version["id"] and seen["current"] is None

    accepted = answer(api, sam, version["id"], "accept")
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["accepted_by"] == "you"
    mine = part(overview(api, alex))
    assert mine["current"]["id"] == version["id"] and mine["pending"] is None
    assert mine["current"]["accepted_by"] == "partner"


def test_nobody_accepts_their_own_proposal(api: Client, alex: Persona, couple: Couple) -> None:
    version = propose(api, alex, None).json()
    assert_error(answer(api, alex, version["id"], "accept"), 403, "own_proposal")


def test_only_the_proposer_withdraws(
    api: Client, alex: Persona, sam: Persona, couple: Couple
) -> None:
    version = propose(api, alex, None).json()
    assert_error(answer(api, sam, version["id"], "withdraw"), 403, "not_yours")
    withdrawn = answer(api, alex, version["id"], "withdraw")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    assert_error(answer(api, sam, version["id"], "accept"), 409, "conflict")


def test_a_proposal_written_on_an_old_version_gets_409_and_saves_nothing(
    api: Client, alex: Persona, sam: Persona, couple: Couple
) -> None:
    first = propose(api, alex, None).json()
    assert propose(api, sam, first["id"], "One hour at most.").status_code == 201
    error = assert_error(propose(api, alex, first["id"], "Twenty minutes."), 409, "conflict")
    assert "Nothing was saved" in error["message"]
    assert_error(propose(api, alex, None, "Twenty minutes."), 409, "conflict")
    assert AgreementVersion.objects.count() == 2


def test_history_keeps_every_version_newest_first(
    api: Client, alex: Persona, sam: Persona, couple: Couple
) -> None:
    first = propose(api, alex, None).json()
    second = propose(api, sam, first["id"], "Second words.").json()
    answer(api, alex, second["id"], "accept")
    history = api.get(f"{URL}/arguments/history", headers=alex.auth).json()
    assert [(v["number"], v["status"]) for v in history] == [(2, "accepted"), (1, "superseded")]
    assert history[0]["based_on"] == first["id"]
    assert (
        api.get(f"{URL}/arguments/history", headers=make_persona("kim@example.org").auth).json()
        == []
    )
    assert_error(api.get(f"{URL}/chores/history", headers=alex.auth), 404)


def test_couple_actions_need_a_partner(api: Client, alex: Persona) -> None:
    assert_error(propose(api, alex, None), 403, "not_paired")
    review = {"review_on": "2099-01-01"}
    assert_error(
        api.put(f"{URL}/review", review, content_type=JSON, headers=alex.auth), 403, "not_paired"
    )


def test_bad_proposals_and_answers_get_clear_errors(
    api: Client, alex: Persona, sam: Persona, couple: Couple
) -> None:
    url = f"{URL}/arguments/proposals"
    missing = api.post(url, {"text": WORDS}, content_type=JSON, headers=alex.auth)
    assert_error(missing, 422, "invalid", "based_on")
    bad_id = api.post(
        url, {"text": WORDS, "based_on": "nope"}, content_type=JSON, headers=alex.auth
    )
    assert_error(bad_id, 422, "invalid", "based_on")
    assert_error(propose(api, alex, None, text=""), 422, "invalid", "text")
    assert_error(answer(api, sam, "not-an-id", "accept"), 404, "not_found")
    assert_error(answer(api, sam, "5c0ffee0-0000-4000-8000-000000000000", "accept"), 404)


def test_a_locked_pair_keeps_drafts_but_cannot_reach_the_partner(
    api: Client, alex: Persona, sam: Persona, couple: Couple
) -> None:
    version = propose(api, sam, None).json()
    lock_with_an_order(alex)
    assert overview(api, alex)["locked"] is True
    assert_error(propose(api, alex, version["id"]), 403, "safety_lock")
    assert_error(answer(api, alex, version["id"], "accept"), 403, "safety_lock")
    review = {"review_on": "2099-01-01"}
    assert_error(
        api.put(f"{URL}/review", review, content_type=JSON, headers=alex.auth), 403, "safety_lock"
    )
    draft = api.put(
        f"{URL}/arguments/draft", {"text": "Mine."}, content_type=JSON, headers=alex.auth
    )
    assert draft.status_code == 200


def test_after_unpairing_no_partner_content_is_returned(
    api: Client, alex: Persona, sam: Persona, couple: Couple
) -> None:
    version = propose(api, alex, None).json()
    answer(api, sam, version["id"], "accept")
    Couple.objects.filter(pk=couple.pk).update(ended_at=datetime.now(UTC))
    document = overview(api, sam)
    assert document["mode"] == "solo"
    assert all(s["current"] is None and s["pending"] is None for s in document["sections"])
    assert WORDS not in str(document)
    assert api.get(f"{URL}/arguments/history", headers=sam.auth).json() == []
    assert_error(answer(api, alex, version["id"], "withdraw"), 403, "not_paired")


# -- the review date -------------------------------------------------------------------


def test_a_review_date_is_set_shown_and_cleared_with_reminders_for_both(
    api: Client, alex: Persona, sam: Persona, couple: Couple
) -> None:
    day = local_day(timezone.now(), zone_of(alex.user)) + timedelta(days=60)
    url = f"{URL}/review"
    saved = api.put(url, {"review_on": day.isoformat()}, content_type=JSON, headers=alex.auth)
    assert saved.status_code == 200 and saved.json() == {"review_on": day.isoformat()}
    assert overview(api, sam)["review_on"] == day.isoformat()
    assert Reminder.objects.filter(kind="agreement_review").count() == 2
    cleared = api.put(url, {"review_on": None}, content_type=JSON, headers=sam.auth)
    assert cleared.json() == {"review_on": None}
    assert not Reminder.objects.filter(kind="agreement_review").exists()


def test_a_review_date_in_the_past_or_not_a_date_is_refused(
    api: Client, alex: Persona, couple: Couple
) -> None:
    url = f"{URL}/review"
    past = api.put(url, {"review_on": "2020-01-01"}, content_type=JSON, headers=alex.auth)
    assert_error(past, 422, "invalid", "review_on")
    nonsense = api.put(url, {"review_on": "soon"}, content_type=JSON, headers=alex.auth)
    assert_error(nonsense, 422, "invalid", "review_on")
