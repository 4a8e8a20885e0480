"""EncryptedTextField on real rows: what is stored, and what happens when rows are tampered with."""

from __future__ import annotations

import pytest
from django.core import checks
from django.db import models
from django.test.utils import isolate_apps

from heartwork.core.crypto import DecryptionError
from heartwork.core.fields import EncryptedTextField
from heartwork.journal.models import Entry
from heartwork.journal.selectors import entries_of
from heartwork.journal.services import create_entry, update_entry
from tests.conftest import Persona


def raw(entry: Entry, field: str) -> bytes:
    return bytes(Entry.objects.filter(pk=entry.pk).values_list(field, flat=True).get())


def fresh(entry: Entry) -> Entry:
    return Entry.objects.select_related("user__data_key").get(pk=entry.pk)


def test_the_database_holds_ciphertext_and_the_model_gives_back_the_text(alex: Persona) -> None:
    entry = create_entry(user=alex.user, title="Tuesday", body="I miss the way we laughed.")
    assert b"laughed" not in raw(entry, "body")
    assert b"Tuesday" not in raw(entry, "title")
    loaded = fresh(entry)
    assert (loaded.title, loaded.body) == ("Tuesday", "I miss the way we laughed.")


def test_a_body_copied_into_another_row_of_the_same_person_does_not_decrypt(alex: Persona) -> None:
    first = create_entry(user=alex.user, title="", body="first")
    second = create_entry(user=alex.user, title="", body="second")
    Entry.objects.filter(pk=second.pk).update(body=raw(first, "body"))
    with pytest.raises(DecryptionError):
        _ = fresh(second).body


def test_a_body_copied_into_another_persons_row_does_not_decrypt(
    alex: Persona, sam: Persona
) -> None:
    mine = create_entry(user=alex.user, title="", body="private to alex")
    theirs = create_entry(user=sam.user, title="", body="sam's")
    Entry.objects.filter(pk=theirs.pk).update(body=raw(mine, "body"))
    with pytest.raises(DecryptionError):
        _ = fresh(theirs).body


def test_moving_a_row_to_another_owner_makes_it_unreadable(alex: Persona, sam: Persona) -> None:
    entry = create_entry(user=alex.user, title="", body="alex wrote this")
    Entry.objects.filter(pk=entry.pk).update(user=sam.user)
    with pytest.raises(DecryptionError):
        _ = fresh(entry).body


def test_a_title_swapped_into_the_body_column_does_not_decrypt(alex: Persona) -> None:
    entry = create_entry(user=alex.user, title="a title", body="a body")
    Entry.objects.filter(pk=entry.pk).update(body=raw(entry, "title"))
    with pytest.raises(DecryptionError):
        _ = fresh(entry).body


def test_a_tampered_wrapped_data_key_is_detected(alex: Persona) -> None:
    entry = create_entry(user=alex.user, title="", body="text")
    key = alex.user.data_key
    broken = bytearray(bytes(key.wrapped))
    broken[-1] ^= 1
    type(key).objects.filter(pk=key.pk).update(wrapped=bytes(broken))
    with pytest.raises(DecryptionError):
        _ = fresh(entry).body


def test_saving_one_field_keeps_the_other_readable(alex: Persona) -> None:
    entry = create_entry(user=alex.user, title="keep me", body="old")
    update_entry(entry=fresh(entry), body="new")
    loaded = fresh(entry)
    assert (loaded.title, loaded.body) == ("keep me", "new")


def test_an_untouched_row_is_saved_without_reencrypting(alex: Persona) -> None:
    entry = create_entry(user=alex.user, title="", body="unchanged")
    before = raw(entry, "body")
    Entry.objects.get(pk=entry.pk).save()
    assert raw(entry, "body") == before


def test_encrypted_text_cannot_be_used_in_a_query_by_mistake(alex: Persona) -> None:
    with pytest.raises(TypeError, match="cannot be used in a query"):
        list(Entry.objects.filter(body="anything"))


def test_a_page_of_entries_decrypts_in_one_query(
    alex: Persona, django_assert_num_queries: object
) -> None:
    for number in range(5):
        create_entry(user=alex.user, title=f"t{number}", body=f"b{number}")
    with django_assert_num_queries(1):  # type: ignore[operator]
        bodies = [entry.body for entry in entries_of(alex.user)]
    assert sorted(bodies) == [f"b{number}" for number in range(5)]


@isolate_apps("heartwork.journal")
def test_the_system_check_rejects_models_without_a_uuid_key_or_owner() -> None:
    class Careless(models.Model):
        note = EncryptedTextField(owner="nobody")

        class Meta:
            app_label = "journal"

        def __str__(self) -> str:
            return "careless"

    ids = {error.id for error in Careless._meta.get_field("note").check()}
    assert {"heartwork.E010", "heartwork.E011"} <= ids
    assert all(isinstance(error, checks.Error) for error in Careless.check())
