"""GET /api/v1/journal/entries/{id}: one of the caller's own entries."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from tests.api.conftest import assert_entry_shape, assert_error, entry_url, read_entry, write_entry
from tests.conftest import Persona


def test_reading_an_entry_answers_with_the_whole_entry(api: Client, alex: Persona) -> None:
    written = write_entry(api, alex, body="Went to the sea.", title="Saturday")

    response = read_entry(api, alex, written["id"])

    assert response.status_code == 200
    assert_entry_shape(response.json())
    assert response.json() == written


def test_someone_elses_entry_answers_404_and_shows_nothing_of_it(
    api: Client, alex: Persona, sam: Persona
) -> None:
    secret = write_entry(api, alex, body="Alex's secret.", title="Private")

    response = read_entry(api, sam, secret["id"])

    assert_error(response, 404, "not_found")
    assert b"secret" not in response.content
    assert b"Private" not in response.content


def test_someone_elses_entry_looks_exactly_like_one_that_never_existed(
    api: Client, alex: Persona, sam: Persona
) -> None:
    secret = write_entry(api, alex)

    theirs = read_entry(api, sam, secret["id"])
    missing = read_entry(api, sam, str(uuid.uuid4()))

    assert (theirs.status_code, theirs.json()) == (missing.status_code, missing.json())


def test_an_entry_that_does_not_exist_answers_404_naming_the_id(api: Client, alex: Persona) -> None:
    assert_error(read_entry(api, alex, str(uuid.uuid4())), 404, "not_found", "entry_id")


@pytest.mark.parametrize(
    "entry_id",
    ["not-a-uuid", "123", "0", "null", "%27%20OR%201%3D1%20--", "a" * 300, "1e5"],
)
def test_an_id_that_is_not_a_uuid_answers_404(api: Client, alex: Persona, entry_id: str) -> None:
    write_entry(api, alex)

    assert_error(api.get(entry_url(entry_id), headers=alex.auth), 404)


def test_reading_without_a_token_is_refused_with_401(api: Client, alex: Persona) -> None:
    written = write_entry(api, alex)

    response = api.get(entry_url(written["id"]))

    assert_error(response, 401, "unauthorized")
    assert b"Walked" not in response.content
