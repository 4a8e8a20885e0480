"""DELETE /api/v1/journal/entries/{id}: remove one of the caller's own entries."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from heartwork.journal.models import Entry
from tests.api.conftest import ENTRIES_URL, assert_error, entry_url, read_entry, write_entry
from tests.conftest import Persona


def test_deleting_an_entry_answers_204_with_no_body(api: Client, alex: Persona) -> None:
    entry = write_entry(api, alex)

    response = api.delete(entry_url(entry["id"]), headers=alex.auth)

    assert response.status_code == 204
    assert response.content == b""


def test_a_deleted_entry_is_gone(api: Client, alex: Persona) -> None:
    entry = write_entry(api, alex)

    api.delete(entry_url(entry["id"]), headers=alex.auth)

    assert_error(read_entry(api, alex, entry["id"]), 404, "not_found")
    assert not Entry.objects.filter(pk=entry["id"]).exists()


def test_a_deleted_entry_leaves_the_list_and_the_others_stay(api: Client, alex: Persona) -> None:
    kept = write_entry(api, alex, body="Keep me.")
    gone = write_entry(api, alex, body="Delete me.")

    api.delete(entry_url(gone["id"]), headers=alex.auth)

    listing = api.get(ENTRIES_URL, headers=alex.auth).json()
    assert [entry["id"] for entry in listing["items"]] == [kept["id"]]
    assert listing["count"] == 1


def test_deleting_twice_answers_404_the_second_time(api: Client, alex: Persona) -> None:
    entry = write_entry(api, alex)
    api.delete(entry_url(entry["id"]), headers=alex.auth)

    assert_error(api.delete(entry_url(entry["id"]), headers=alex.auth), 404, "not_found")


def test_someone_elses_entry_answers_404_and_survives(
    api: Client, alex: Persona, sam: Persona
) -> None:
    entry = write_entry(api, alex, body="Alex's words.")

    response = api.delete(entry_url(entry["id"]), headers=sam.auth)

    assert_error(response, 404, "not_found")
    assert read_entry(api, alex, entry["id"]).json() == entry


def test_an_entry_that_does_not_exist_answers_404(api: Client, alex: Persona) -> None:
    assert_error(api.delete(entry_url(uuid.uuid4()), headers=alex.auth), 404, "not_found")


@pytest.mark.parametrize("entry_id", ["not-a-uuid", "7", "*"])
def test_an_id_that_is_not_a_uuid_answers_404_and_deletes_nothing(
    api: Client, alex: Persona, entry_id: str
) -> None:
    write_entry(api, alex)

    assert_error(api.delete(entry_url(entry_id), headers=alex.auth), 404)
    assert Entry.objects.count() == 1


def test_deleting_without_a_token_is_refused_with_401(api: Client, alex: Persona) -> None:
    entry = write_entry(api, alex)

    assert_error(api.delete(entry_url(entry["id"])), 401, "unauthorized")
    assert Entry.objects.filter(pk=entry["id"]).exists()
