"""Envelope encryption with AES-256-GCM. Pure Python: no Django import.

Master keys (key-encryption keys, KEKs) wrap one random data key per owner; the
data key encrypts that owner's text. Every value is bound by associated data to
the model, field, row and owner it belongs to, so a ciphertext copied into
another row, column or account fails to decrypt instead of showing up there.

Value format (version 1), all in one byte string:

    [0]      format version (1)
    [1]      data key version (1..255), so data keys can be rotated later
    [2:14]   random 96-bit nonce
    [14:]    AES-GCM ciphertext followed by its 16-byte tag

The two header bytes are part of the authenticated data, so they cannot be
altered either.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FORMAT_VERSION = 1
WRAP_VERSION = 1
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
HEADER_BYTES = 2
MIN_VALUE_BYTES = HEADER_BYTES + NONCE_BYTES + TAG_BYTES
_KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


class CryptoError(Exception):
    """Base class; messages never include key material or plaintext."""


class KeyringError(CryptoError):
    """The master key configuration is unusable."""


class DecryptionError(CryptoError):
    """A value was tampered with, moved, or belongs to a key we no longer hold."""


@dataclass(frozen=True)
class MasterKey:
    id: str
    secret: bytes

    def __repr__(self) -> str:  # never print the key, even in a debugger or traceback
        return f"MasterKey(id={self.id!r})"


@dataclass(frozen=True)
class KeyRing:
    """Master keys by id. The first one wraps new data keys; all can unwrap."""

    keys: tuple[MasterKey, ...]

    def __post_init__(self) -> None:
        if not self.keys:
            raise KeyringError("at least one master key is needed")
        ids = [key.id for key in self.keys]
        if len(set(ids)) != len(ids):
            raise KeyringError("master key ids must be unique")

    @property
    def primary(self) -> MasterKey:
        return self.keys[0]

    def get(self, key_id: str) -> MasterKey:
        for key in self.keys:
            if key.id == key_id:
                return key
        raise DecryptionError(f"master key {key_id!r} is not configured")


def new_master_key(key_id: str) -> MasterKey:
    if not _KEY_ID.match(key_id):
        raise KeyringError("a key id is 1-32 letters, digits, '-' or '_'")
    return MasterKey(id=key_id, secret=os.urandom(KEY_BYTES))


def format_keyring(ring: KeyRing) -> str:
    """The text form used in HEARTWORK_MASTER_KEY and the key file: ``id:base64,...``."""
    return ",".join(
        f"{key.id}:{base64.urlsafe_b64encode(key.secret).decode('ascii')}" for key in ring.keys
    )


def parse_keyring(text: str) -> KeyRing:
    keys = []
    for position, item in enumerate(part.strip() for part in text.split(",")):
        if not item:
            continue
        key_id, sep, encoded = item.partition(":")
        if not sep or not _KEY_ID.match(key_id):
            raise KeyringError(f"master key {position + 1}: expected id:base64-key")
        try:
            secret = base64.b64decode(encoded.encode("ascii"), altchars=b"-_", validate=True)
        except (binascii.Error, UnicodeEncodeError) as exc:
            raise KeyringError(f"master key {key_id!r}: not valid base64") from exc
        if len(secret) != KEY_BYTES:
            raise KeyringError(f"master key {key_id!r}: must be {KEY_BYTES} bytes")
        keys.append(MasterKey(id=key_id, secret=secret))
    return KeyRing(tuple(keys))


def new_data_key() -> bytes:
    return os.urandom(KEY_BYTES)


def _wrap_aad(key_id: str, owner: str) -> bytes:
    return b"\x1f".join([b"heartwork.datakey", key_id.encode(), owner.encode()])


def wrap_data_key(ring: KeyRing, data_key: bytes, *, owner: str) -> tuple[str, bytes]:
    """Encrypt a data key under the primary master key. Returns (kek id, wrapped)."""
    kek = ring.primary
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(kek.secret).encrypt(nonce, data_key, _wrap_aad(kek.id, owner))
    return kek.id, bytes([WRAP_VERSION]) + nonce + sealed


def unwrap_data_key(ring: KeyRing, kek_id: str, wrapped: bytes, *, owner: str) -> bytes:
    if len(wrapped) < 1 + NONCE_BYTES + TAG_BYTES or wrapped[0] != WRAP_VERSION:
        raise DecryptionError("wrapped data key has an unknown format")
    nonce, sealed = wrapped[1 : 1 + NONCE_BYTES], wrapped[1 + NONCE_BYTES :]
    try:
        return AESGCM(ring.get(kek_id).secret).decrypt(nonce, sealed, _wrap_aad(kek_id, owner))
    except InvalidTag as exc:
        raise DecryptionError("wrapped data key failed authentication") from exc


def associated_data(*, model: str, field: str, row_id: str, owner_id: str) -> bytes:
    """The context a value belongs to. The separator cannot appear in ids or names."""
    return b"\x1f".join(
        [b"heartwork.value", model.encode(), field.encode(), row_id.encode(), owner_id.encode()]
    )


def encrypt(data_key: bytes, plaintext: str, *, aad: bytes, key_version: int = 1) -> bytes:
    if not 1 <= key_version <= 255:
        raise CryptoError("data key version must be 1-255")
    header = bytes([FORMAT_VERSION, key_version])
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(data_key).encrypt(nonce, plaintext.encode("utf-8"), header + aad)
    return header + nonce + sealed


def value_key_version(blob: bytes) -> int:
    """Which data key version a stored value needs, read from its header."""
    if len(blob) < MIN_VALUE_BYTES or blob[0] != FORMAT_VERSION:
        raise DecryptionError("value has an unknown format")
    return blob[1]


def decrypt(data_keys: Mapping[int, bytes], blob: bytes, *, aad: bytes) -> str:
    version = value_key_version(blob)
    key = data_keys.get(version)
    if key is None:
        raise DecryptionError(f"data key version {version} is not available")
    body = HEADER_BYTES + NONCE_BYTES
    header, nonce, sealed = blob[:HEADER_BYTES], blob[HEADER_BYTES:body], blob[body:]
    try:
        raw = AESGCM(key).decrypt(nonce, sealed, header + aad)
    except InvalidTag as exc:
        raise DecryptionError("value failed authentication") from exc
    return raw.decode("utf-8")
