"""The pure encryption core: round trips, tampering and moved values all behave."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from heartwork.core import crypto

RING = crypto.KeyRing((crypto.MasterKey("a", bytes(32)), crypto.MasterKey("b", bytes(range(32)))))
KEY = bytes(range(100, 132))
ids = st.uuids().map(str)


def aad(row: str, owner: str, field: str = "body", model: str = "journal.entry") -> bytes:
    return crypto.associated_data(model=model, field=field, row_id=row, owner_id=owner)


@given(text=st.text(), row=ids, owner=ids, version=st.integers(1, 255))
def test_any_text_comes_back_exactly_as_written(
    text: str, row: str, owner: str, version: int
) -> None:
    blob = crypto.encrypt(KEY, text, aad=aad(row, owner), key_version=version)
    assert crypto.decrypt({version: KEY}, blob, aad=aad(row, owner)) == text


@given(text=st.text(min_size=1), row=ids, owner=ids, data=st.data())
def test_a_single_flipped_bit_anywhere_makes_the_value_unreadable(
    text: str, row: str, owner: str, data: st.DataObject
) -> None:
    blob = bytearray(crypto.encrypt(KEY, text, aad=aad(row, owner)))
    position = data.draw(st.integers(0, len(blob) * 8 - 1))
    blob[position // 8] ^= 1 << (position % 8)
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt({1: KEY}, bytes(blob), aad=aad(row, owner))


@given(text=st.text(), row=ids, other_row=ids, owner=ids)
def test_a_value_copied_into_another_row_fails_to_decrypt(
    text: str, row: str, other_row: str, owner: str
) -> None:
    if row == other_row:
        return
    blob = crypto.encrypt(KEY, text, aad=aad(row, owner))
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt({1: KEY}, blob, aad=aad(other_row, owner))


@given(text=st.text(), row=ids, owner=ids, other_owner=ids)
def test_a_value_moved_to_another_owner_fails_even_with_the_right_key(
    text: str, row: str, owner: str, other_owner: str
) -> None:
    if owner == other_owner:
        return
    blob = crypto.encrypt(KEY, text, aad=aad(row, owner))
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt({1: KEY}, blob, aad=aad(row, other_owner))


def test_a_value_moved_between_fields_of_one_row_fails() -> None:
    blob = crypto.encrypt(KEY, "my title", aad=aad("r", "o", field="title"))
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt({1: KEY}, blob, aad=aad("r", "o", field="body"))


def test_the_same_text_encrypts_differently_each_time() -> None:
    first = crypto.encrypt(KEY, "same words", aad=aad("r", "o"))
    second = crypto.encrypt(KEY, "same words", aad=aad("r", "o"))
    assert first != second
    assert b"same words" not in first


def test_values_carry_their_format_and_key_version_up_front() -> None:
    blob = crypto.encrypt(KEY, "x", aad=b"ctx", key_version=7)
    assert blob[0] == crypto.FORMAT_VERSION
    assert crypto.value_key_version(blob) == 7
    assert len(blob) == crypto.MIN_VALUE_BYTES + 1


def test_a_value_with_an_unknown_format_version_is_refused() -> None:
    blob = bytearray(crypto.encrypt(KEY, "x", aad=b"ctx"))
    blob[0] = 99
    with pytest.raises(crypto.DecryptionError, match="unknown format"):
        crypto.decrypt({1: KEY}, bytes(blob), aad=b"ctx")


def test_a_truncated_value_is_refused_not_crashed_on() -> None:
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt({1: KEY}, b"\x01\x01short", aad=b"ctx")


def test_a_missing_data_key_version_is_reported() -> None:
    blob = crypto.encrypt(KEY, "x", aad=b"ctx", key_version=2)
    with pytest.raises(crypto.DecryptionError, match="version 2"):
        crypto.decrypt({1: KEY}, blob, aad=b"ctx")


@given(key=st.binary(min_size=32, max_size=32), owner=ids)
def test_data_keys_wrap_and_unwrap_under_the_first_master_key(key: bytes, owner: str) -> None:
    kek_id, wrapped = crypto.wrap_data_key(RING, key, owner=owner)
    assert kek_id == "a"
    assert key not in wrapped
    assert crypto.unwrap_data_key(RING, kek_id, wrapped, owner=owner) == key


def test_a_wrapped_key_cannot_be_reused_for_another_owner() -> None:
    kek_id, wrapped = crypto.wrap_data_key(RING, KEY, owner="one")
    with pytest.raises(crypto.DecryptionError):
        crypto.unwrap_data_key(RING, kek_id, wrapped, owner="two")


def test_older_master_keys_still_unwrap_after_a_new_one_is_put_first() -> None:
    old_ring = crypto.KeyRing((RING.keys[1],))
    kek_id, wrapped = crypto.wrap_data_key(old_ring, KEY, owner="o")
    assert kek_id == "b"
    assert crypto.unwrap_data_key(RING, kek_id, wrapped, owner="o") == KEY


def test_a_retired_master_key_cannot_unwrap() -> None:
    kek_id, wrapped = crypto.wrap_data_key(RING, KEY, owner="o")
    with pytest.raises(crypto.DecryptionError, match="not configured"):
        crypto.unwrap_data_key(crypto.KeyRing((RING.keys[1],)), kek_id, wrapped, owner="o")


def test_keyrings_survive_their_text_form() -> None:
    ring = crypto.KeyRing((crypto.new_master_key("k2"), crypto.new_master_key("k1")))
    assert crypto.parse_keyring(crypto.format_keyring(ring)) == ring


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "at least one"),
        ("nokey", "expected id:base64-key"),
        ("bad id!:" + base64.urlsafe_b64encode(bytes(32)).decode(), "expected id:base64-key"),
        ("k1:" + base64.urlsafe_b64encode(bytes(16)).decode(), "32 bytes"),
        ("k1:%%%", "base64"),
        ("k1:{0},k1:{0}".format(base64.urlsafe_b64encode(bytes(32)).decode()), "unique"),
    ],
)
def test_bad_master_key_text_is_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(crypto.KeyringError, match=reason):
        crypto.parse_keyring(text)


def test_master_keys_never_show_their_secret_when_printed() -> None:
    key = crypto.new_master_key("k1")
    assert repr(key) == "MasterKey(id='k1')"
    assert repr(crypto.KeyRing((key,))).count(key.secret.hex()) == 0
