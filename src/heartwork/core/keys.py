"""Where the master keyring comes from, and data keys for owners of encrypted text."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from heartwork.core import crypto
from heartwork.core.models import DataKey

_UNWRAPPED = "_heartwork_unwrapped"


class KeyOwner(Protocol):
    """A model instance whose encrypted fields use its data key (e.g. a user)."""

    pk: object
    data_key: DataKey


@functools.lru_cache(maxsize=4)
def _parse(text: str) -> crypto.KeyRing:
    return crypto.parse_keyring(text)


@functools.lru_cache(maxsize=4)
def _read(path: Path, mtime_ns: int) -> str:
    # Keyed on the modification time: a key file changed by a key rotation is
    # read again, an unchanged one costs a stat() instead of a read per value.
    return path.read_text(encoding="utf-8").strip()


def keyring() -> crypto.KeyRing:
    """The configured master keys: HEARTWORK_MASTER_KEY(_FILE), else the data-dir file."""
    text: str | None = settings.HEARTWORK_MASTER_KEY
    source = "HEARTWORK_MASTER_KEY"
    if text is None:
        path = Path(settings.HEARTWORK_MASTER_KEY_PATH)
        source = str(path)
        try:
            text = _read(path, path.stat().st_mtime_ns)
        except FileNotFoundError as exc:
            raise ImproperlyConfigured(
                f"no master key: set HEARTWORK_MASTER_KEY or start once with "
                f"`heartwork serve` to create {path}"
            ) from exc
    try:
        return _parse(text)
    except crypto.KeyringError as exc:
        raise ImproperlyConfigured(f"{source}: {exc}") from exc


def create_data_key() -> DataKey:
    data_key = DataKey()
    kek_id, wrapped = crypto.wrap_data_key(keyring(), crypto.new_data_key(), owner=str(data_key.id))
    data_key.kek_id, data_key.wrapped = kek_id, wrapped
    data_key.save(force_insert=True)
    return data_key


def unwrapped(data_key: DataKey) -> dict[int, bytes]:
    """The plain data key by version, kept on the instance for its lifetime only."""
    cached: dict[int, bytes] | None = data_key.__dict__.get(_UNWRAPPED)
    if cached is None:
        secret = crypto.unwrap_data_key(
            keyring(), data_key.kek_id, bytes(data_key.wrapped), owner=str(data_key.id)
        )
        cached = {data_key.version: secret}
        data_key.__dict__[_UNWRAPPED] = cached
    return cached
