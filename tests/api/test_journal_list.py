"""GET /api/v1/journal/entries: the caller's own entries, newest first, a page at a time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from heartwork.journal import services
from heartwork.journal.models import Entry
from tests.api.conftest import ENTRIES_URL, assert_entry_shape, assert_error, write_entry
from tests.conftest import Persona


def write_entries(persona: Persona, count: int) -> list[str]:
    """``count`` entries, an hour apart; returns their ids newest first."""
    start = timezone.now() - timedelta(days=30)
    ids = []
    for number in range(count):
        entry = services.create_entry(user=persona.user, title=f"Day {number}", body="Some text.")
        Entry.objects.filter(pk=entry.pk).update(created_at=start + timedelta(hours=number))
        ids.append(str(entry.pk))
    return ids[::-1]


def listed_ids(api: Client, persona: Persona, query: str = "") -> list[str]:
    response = api.get(ENTRIES_URL + query, headers=persona.auth)
    assert response.status_code == 200, response.content
    return [entry["id"] for entry in response.json()["items"]]


def test_a_new_person_has_an_empty_journal(api: Client, alex: Persona) -> None:
    response = api.get(ENTRIES_URL, headers=alex.auth)

    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 0}


def test_entries_come_back_whole(api: Client, alex: Persona) -> None:
    written = write_entry(api, alex, body="Made soup.", title="Tuesday")

    response = api.get(ENTRIES_URL, headers=alex.auth)

    assert set(response.json()) == {"items", "count"}
    [entry] = response.json()["items"]
    assert_entry_shape(entry)
    assert entry == written


def test_entries_come_newest_first_by_when_they_were_written(api: Client, alex: Persona) -> None:
    first, second, third = (write_entry(api, alex, body=f"Entry {n}")["id"] for n in range(3))
    now = timezone.now()
    # Stored out of order on purpose: the order comes from created_at, not from insertion.
    Entry.objects.filter(pk=first).update(created_at=now - timedelta(hours=1))
    Entry.objects.filter(pk=second).update(created_at=now - timedelta(hours=3))
    Entry.objects.filter(pk=third).update(created_at=now - timedelta(hours=2))

    assert listed_ids(api, alex) == [first, third, second]


def test_only_the_callers_own_entries_are_listed(api: Client, alex: Persona, sam: Persona) -> None:
    alex_entry = write_entry(api, alex, body="Alex's private words.")
    sam_entry = write_entry(api, sam, body="Sam's private words.")

    alex_page = api.get(ENTRIES_URL, headers=alex.auth).json()
    sam_page = api.get(ENTRIES_URL, headers=sam.auth).json()

    assert [entry["id"] for entry in alex_page["items"]] == [alex_entry["id"]]
    assert [entry["id"] for entry in sam_page["items"]] == [sam_entry["id"]]
    assert alex_page["count"] == sam_page["count"] == 1


def test_twenty_entries_come_back_when_no_limit_is_given(api: Client, alex: Persona) -> None:
    ids = write_entries(alex, 23)

    response = api.get(ENTRIES_URL, headers=alex.auth).json()

    assert [entry["id"] for entry in response["items"]] == ids[:20]
    assert response["count"] == 23


def test_limit_and_offset_page_through_the_entries(api: Client, alex: Persona) -> None:
    ids = write_entries(alex, 5)

    pages = [listed_ids(api, alex, f"?limit=2&offset={offset}") for offset in (0, 2, 4)]

    assert pages == [ids[0:2], ids[2:4], ids[4:5]]


def test_count_is_the_total_not_the_size_of_the_page(api: Client, alex: Persona) -> None:
    write_entries(alex, 5)

    response = api.get(ENTRIES_URL + "?limit=2&offset=1", headers=alex.auth).json()

    assert len(response["items"]) == 2
    assert response["count"] == 5


def test_an_offset_past_the_end_gives_an_empty_page(api: Client, alex: Persona) -> None:
    write_entries(alex, 3)

    response = api.get(ENTRIES_URL + "?offset=10", headers=alex.auth).json()

    assert response == {"items": [], "count": 3}


def test_the_count_never_includes_someone_elses_entries(
    api: Client, alex: Persona, sam: Persona
) -> None:
    write_entries(sam, 4)

    assert api.get(ENTRIES_URL + "?limit=1", headers=alex.auth).json() == {"items": [], "count": 0}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?limit=0", "limit"),
        ("?limit=-1", "limit"),
        ("?limit=ten", "limit"),
        ("?limit=", "limit"),
        ("?offset=-1", "offset"),
        ("?offset=2.5", "offset"),
    ],
)
def test_a_nonsense_limit_or_offset_is_refused_naming_it(
    api: Client, alex: Persona, query: str, field: str
) -> None:
    response = api.get(ENTRIES_URL + query, headers=alex.auth)

    assert_error(response, 422, "invalid", field=field)


def test_listing_without_a_token_is_refused_with_401(api: Client, alex: Persona) -> None:
    write_entry(api, alex)

    assert_error(api.get(ENTRIES_URL), 401, "unauthorized")
