"""GET /api/v1/journal/entries?q=&stage=: search and stage tags; GET /api/v1/journal/prompts."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from heartwork.journal import api as journal_api
from heartwork.journal.prompts import prompts
from tests.api.conftest import ENTRIES_URL, JSON, assert_error, entry_url, write_entry
from tests.conftest import Persona, pass_safety_check

PROMPTS_URL = "/api/v1/journal/prompts"


def listed(api: Client, persona: Persona, **params: str) -> dict[str, Any]:
    response = api.get(ENTRIES_URL, params, headers=persona.auth)
    assert response.status_code == 200, response.content
    page: dict[str, Any] = response.json()
    return page


def titles(page: dict[str, Any]) -> list[str]:
    return [item["title"] for item in page["items"]]


def tagged(api: Client, persona: Persona, title: str, body: str, stage: str | None) -> Any:
    return api.post(
        ENTRIES_URL,
        {"title": title, "body": body, "stage": stage},
        content_type=JSON,
        headers=persona.auth,
    )


# -- search --------------------------------------------------------------------------------


def test_q_finds_entries_holding_every_word_ignoring_capitals_and_accents(
    api: Client, alex: Persona
) -> None:
    write_entry(api, alex, "Coffee at the Café, then a long walk.", title="Saturday")
    write_entry(api, alex, "Coffee at home.", title="Sunday")

    page = listed(api, alex, q="cafe WALK")

    assert titles(page) == ["Saturday"]
    assert page["count"] == 1


def test_blank_words_list_every_entry(api: Client, alex: Persona) -> None:
    write_entry(api, alex, "one")
    write_entry(api, alex, "two")

    assert listed(api, alex, q="   ")["count"] == 2


def test_stage_keeps_one_stages_entries_with_or_without_words(api: Client, alex: Persona) -> None:
    tagged(api, alex, "Urge", "I wanted to text them.", "space")
    tagged(api, alex, "Sorry", "I wanted to own it.", "own_mistakes")
    write_entry(api, alex, "I wanted nothing today.", title="Plain")

    assert titles(listed(api, alex, stage="space")) == ["Urge"]
    assert titles(listed(api, alex, q="wanted", stage="own_mistakes")) == ["Sorry"]
    assert set(titles(listed(api, alex, q="wanted"))) == {"Urge", "Sorry", "Plain"}


def test_a_search_stops_at_the_newest_matches(
    api: Client, alex: Persona, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal_api, "SEARCH_LIMIT", 2)
    for n in range(4):
        write_entry(api, alex, f"rain again {n}", title=f"Rain {n}")

    page = listed(api, alex, q="rain")

    assert page["count"] == 2
    assert titles(page) == ["Rain 3", "Rain 2"]


def test_an_unknown_stage_or_too_long_a_search_is_refused_naming_it(
    api: Client, alex: Persona
) -> None:
    assert_error(
        api.get(ENTRIES_URL, {"stage": "nope"}, headers=alex.auth), 422, "invalid", "stage"
    )
    assert_error(api.get(ENTRIES_URL, {"q": "x" * 201}, headers=alex.auth), 422, "invalid", "q")


def test_nobody_finds_anyone_elses_entries(api: Client, alex: Persona, sam: Persona) -> None:
    write_entry(api, alex, "the blue heron by the pond")

    assert listed(api, sam, q="heron") == {"items": [], "count": 0}


# -- stage tags ----------------------------------------------------------------------------


def test_an_entry_can_be_tagged_with_a_stage_and_untagged(api: Client, alex: Persona) -> None:
    response = tagged(api, alex, "Urge", "I wanted to text them.", "space")
    assert response.status_code == 201
    entry = response.json()
    assert entry["stage"] == "space"

    moved = api.patch(
        entry_url(entry["id"]), {"stage": "work_on_myself"}, content_type=JSON, headers=alex.auth
    )
    assert moved.json()["stage"] == "work_on_myself"
    assert moved.json()["body"] == "I wanted to text them."

    cleared = api.patch(
        entry_url(entry["id"]), {"stage": None}, content_type=JSON, headers=alex.auth
    )
    assert cleared.json()["stage"] is None


def test_an_entry_without_a_stage_says_null(api: Client, alex: Persona) -> None:
    assert write_entry(api, alex, "plain")["stage"] is None


def test_an_unknown_stage_tag_is_refused_and_nothing_is_saved(api: Client, alex: Persona) -> None:
    assert_error(tagged(api, alex, "x", "y", "the_beach"), 422, "invalid", "stage")

    assert listed(api, alex)["count"] == 0


# -- prompts -------------------------------------------------------------------------------


def test_prompts_for_a_new_person_start_with_the_next_stage_and_end_with_general_ones(
    api: Client, alex: Persona
) -> None:
    response = api.get(PROMPTS_URL, headers=alex.auth)

    assert response.status_code == 200
    offered = response.json()
    assert offered["current_stage"] is None
    stages = [group["stage"] for group in offered["groups"]]
    assert stages[-1] is None
    assert [p["id"] for p in offered["groups"][-1]["prompts"]] == [p.id for p in prompts().general]
    for group in offered["groups"]:
        assert all(set(prompt) == {"id", "text"} for prompt in group["prompts"])


def test_prompts_for_one_stage(api: Client, alex: Persona) -> None:
    offered = api.get(PROMPTS_URL, {"stage": "work_on_myself"}, headers=alex.auth).json()

    assert [group["stage"] for group in offered["groups"]] == ["work_on_myself"]
    texts = [prompt["text"] for prompt in offered["groups"][0]["prompts"]]
    assert texts == [prompt.text for prompt in prompts().for_stage("work_on_myself")]


def test_prompts_about_reaching_out_wait_for_the_safety_check(
    api: Client, alex: Persona, sam: Persona
) -> None:
    pass_safety_check(sam)

    assert_error(api.get(PROMPTS_URL, {"stage": "reach_out"}, headers=alex.auth), 403)
    open_ = api.get(PROMPTS_URL, {"stage": "reach_out"}, headers=sam.auth)
    assert open_.status_code == 200
    assert open_.json()["groups"][0]["prompts"]


def test_prompts_for_an_unknown_stage_are_refused(api: Client, alex: Persona) -> None:
    assert_error(api.get(PROMPTS_URL, {"stage": "x"}, headers=alex.auth), 422, "invalid", "stage")
